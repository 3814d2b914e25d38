#!/usr/bin/env node
// ecr-publish: the CLI's entry point (bundled to dist/cli/index.js, package.json's bin).
import { connectEarlyForLogin } from '../commands/early-login.js'
import { parseArgs, type Invocation } from './args.js'

// Before the command's code loads: the ECR API's handshakes run meanwhile (flags the parser
// refuses open nothing; main.ts reports them).
let invocation: Invocation | undefined
try {
  invocation = parseArgs(process.argv.slice(2))
} catch {
  invocation = undefined
}
if (invocation?.command && !invocation.help) {
  const { command, values } = invocation
  await connectEarlyForLogin(name => (name === 'mode' ? command : values.get(name)?.[0]))
}
const { runProcess } = await import('./main.js')
await runProcess()
