#!/usr/bin/env node
// ecr-publish: the CLI's entry point (bundled to dist/cli/index.js, package.json's bin).
import { runProcess } from './main.js'

await runProcess()
