// The CLI's logger: colour only on a terminal and without NO_COLOR, plain lines otherwise;
// debug lines only when asked for; a phase is framed by its name and its duration.
import { cliLogger, useColour } from '../../src/cli/logger.js'

function stream(isTTY: boolean): { text: string; isTTY: boolean; write(text: string): boolean } {
  return {
    text: '',
    isTTY,
    write(text: string) {
      this.text += text
      return true
    }
  }
}

test.each([
  [true, {}, true],
  [true, { NO_COLOR: '1' }, false],
  [true, { NO_COLOR: '' }, true],
  [false, {}, false]
])('a terminal: %s, env %j: colour %s', (tty, env, colour) => {
  expect(useColour(stream(tty), env)).toBe(colour)
})

test('plain lines when not a terminal: info as it is, warning and error prefixed, no escape codes', async () => {
  const out = stream(false)
  const logger = cliLogger(out, {})
  logger.info('hello')
  logger.warning('careful')
  logger.error('broken')
  logger.debug('hidden')
  expect(await logger.group('Log in', async () => 42)).toBe(42)
  expect(out.text).toMatch(/^hello\nwarning: careful\nerror: broken\n==> Log in\n<== Log in \(\d+\.\d s\)\n$/)
})

test('colour on a terminal; debug lines with ECR_PUBLISH_DEBUG=1', () => {
  const out = stream(true)
  const logger = cliLogger(out, { ECR_PUBLISH_DEBUG: '1' })
  logger.warning('careful')
  logger.debug('shown')
  expect(out.text).toBe('\u001b[33mwarning:\u001b[0m careful\n\u001b[2mdebug: shown\u001b[0m\n')
})

test('a phase that throws still closes its frame', async () => {
  const out = stream(false)
  await expect(cliLogger(out, {}).group('Build', () => Promise.reject(new Error('no')))).rejects.toThrow('no')
  expect(out.text).toMatch(/^==> Build\n<== Build \(\d+\.\d s\)\n$/)
})
