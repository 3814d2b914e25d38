import { connectEarlyForLogin } from './commands/early-login.js'

// Before the step's code loads: the ECR API's handshakes run meanwhile. The inputs are read
// raw from INPUT_* here, not through @actions/core, which would load with it.
await connectEarlyForLogin(name => process.env[`INPUT_${name.toUpperCase()}`])
const { run } = await import('./action/main.js')
await run()
