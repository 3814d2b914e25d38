import * as core from '@actions/core'
import type { Logger } from '../util/logger.js'

/** The domain's Logger, on top of the Actions log: warnings become annotations, phases log groups (always). */
export const actionsLogger: Required<Logger> = {
  info: message => core.info(message),
  warning: message => core.warning(message),
  debug: message => core.debug(message),
  group: (name, fn) => core.group(name, fn)
}
