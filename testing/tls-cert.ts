// A throwaway self-signed certificate for 127.0.0.1, for unit tests that need a TLS server
// (the stack's CA is for e2e tests only).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'))
  try {
    const pem = (name: string) => join(dir, name)
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', ...subject, '-keyout', pem('key.pem'), '-out', pem('cert.pem')],
      {
        stdio: 'ignore'
      }
    )
    return { key: readFileSync(pem('key.pem'), 'utf8'), cert: readFileSync(pem('cert.pem'), 'utf8') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
