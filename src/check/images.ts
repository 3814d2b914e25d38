// An image as a deployment file writes it, made into the one name it is checked (and cached)
// under: Docker Hub short names get docker.io and library/, a bare name gets :latest, a digest
// is kept as it is. Images the file cannot tell (a variable, a template) say why instead.
import { parseReference } from '../oci/reference.js'

export type ImageName = { ok: true; canonical: string } | { ok: false; reason: string }

export function canonicalImage(written: string): ImageName {
  if (/\{\{.*\}\}/.test(written))
    return { ok: false, reason: 'a Helm template expression ({{ }}): run `helm template` and check its output' }
  if (/\$\(|\$\{|\$[A-Za-z_]/.test(written))
    return { ok: false, reason: 'names a variable ($(VAR) or ${VAR}) set at deploy time, so the image is not known here' }
  if (written !== written.trim()) return { ok: false, reason: 'has leading or trailing whitespace, which Kubernetes and ECS reject' }
  if (/\s/.test(written)) return { ok: false, reason: 'holds whitespace: not an image reference' }
  const slash = written.indexOf('/')
  const first = slash === -1 ? '' : written.slice(0, slash)
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost'
  let host = hasHost ? first : 'docker.io'
  let path = hasHost ? written.slice(slash + 1) : written
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') host = 'docker.io'
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`
  try {
    const ref = parseReference(`${host}/${path}`)
    const name = `${ref.registry}/${ref.repository}`
    if (ref.digest) return { ok: true, canonical: `${name}${ref.tag ? `:${ref.tag}` : ''}@${ref.digest}` }
    return { ok: true, canonical: `${name}:${ref.tag ?? 'latest'}` }
  } catch (err) {
    return { ok: false, reason: `not an image reference: ${err instanceof Error ? err.message : String(err)}` }
  }
}

/** The registry host of a canonical image name. */
export function registryOf(canonical: string): string {
  return canonical.slice(0, canonical.indexOf('/'))
}
