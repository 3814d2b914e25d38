// The domain logs through this interface, so that it never imports @actions/core:
// the action passes a core-backed logger, a CLI or a test can pass its own.
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
  /** Runs one phase of the work under a heading (a log group in Actions). */
  group?<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export const silentLogger: Logger = { info: () => {}, warning: () => {}, debug: () => {} }

export function phase<T>(logger: Logger, name: string, fn: () => Promise<T>): Promise<T> {
  return logger.group ? logger.group(name, fn) : fn()
}
