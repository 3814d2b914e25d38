// The CLI's Logger: progress lines on stderr (stdout carries only the result), coloured on a
// terminal unless NO_COLOR is set, plain lines otherwise. It masks nothing: no secret is ever
// handed to it (the domain logs none; the tests scan every byte the CLI writes).
import type { Logger } from '../util/logger.js'

export interface CliLogger extends Required<Logger> {
  error(message: string): void
}

interface Stream {
  write(text: string): unknown
  isTTY?: boolean
}

/** Colour only for a terminal, and never with NO_COLOR set (any value but empty: no-color.org). */
export function useColour(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR
}

export function cliLogger(stream: Stream, env: NodeJS.ProcessEnv): CliLogger {
  const colour = useColour(stream, env)
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text)
  const debug = env.ECR_PUBLISH_DEBUG === '1' || env.RUNNER_DEBUG === '1'
  const line = (text: string) => stream.write(`${text}\n`)
  return {
    info: message => line(message),
    warning: message => line(`${paint('33', 'warning:')} ${message}`),
    error: message => line(`${paint('31', 'error:')} ${message}`),
    debug: message => {
      if (debug) line(paint('2', `debug: ${message}`))
    },
    group: async (name, fn) => {
      line(paint('1;36', `==> ${name}`))
      const started = Date.now()
      try {
        return await fn()
      } finally {
        line(paint('2', `<== ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`))
      }
    }
  }
}
