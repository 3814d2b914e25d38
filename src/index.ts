import { connectEarlyForLogin } from './action/early.js'

// Before the step's code loads: the ECR API's handshakes run meanwhile.
await connectEarlyForLogin()
const { run } = await import('./action/main.js')
await run()
