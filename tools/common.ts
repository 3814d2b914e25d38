// What both benchmarks use: a child process that does not block the event loop (the
// proxies and the ECR API emulator live in the bench's own process), and medians.
import { spawn } from 'node:child_process'

/** Runs a command to completion; its stdout and stderr together, or an error with them. */
export function exec(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', c => (out += c))
    child.stderr.on('data', c => (out += c))
    child.on('error', reject)
    child.on('close', code => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`))))
    child.stdin.end(input ?? '')
  })
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The median and, when the runs differ, their range: "2.41 (2.30-2.62)"; counts as they are without `digits`. */
export function spread(xs: number[], digits?: number): string {
  const format = (x: number) => (digits === undefined ? String(x) : x.toFixed(digits))
  const lo = format(Math.min(...xs))
  const hi = format(Math.max(...xs))
  return lo === hi ? format(median(xs)) : `${format(median(xs))} (${lo}-${hi})`
}
