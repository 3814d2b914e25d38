// Provisions (or reuses) the real stack before the e2e tests. A missing stack is a
// failure, never a skip: CI must prove the action against real Docker and a real registry.
// (Self-contained: jest loads global setup outside its module mapping.)
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export default function globalSetup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  execFileSync('bash', [join(root, 'scripts/stack.sh')], { stdio: 'inherit' })
}
