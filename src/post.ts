import { cleanup } from './action/post.js'

await cleanup()
