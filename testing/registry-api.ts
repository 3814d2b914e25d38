// A direct line to the test registry's HTTP API, independent of the action's own
// client: the e2e tests check results with it, not with the code under test.
import type { Stack } from './stack.js'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

/** The API of the stack's registry, or of another one of the stack's (the GHCR stand-in, the second ECR account's). */
export function registryApi(stack: Pick<Stack, 'registry' | 'username' | 'password'>) {
  const base = `https://${stack.registry}/v2`
  const authorization = `Basic ${Buffer.from(`${stack.username}:${stack.password}`).toString('base64')}`
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}/${path}`, { ...init, headers: { authorization, accept: ACCEPT, ...(init.headers ?? {}) } })

  return {
    async manifest(repository: string, reference: string): Promise<{ status: number; digest?: string; mediaType?: string; json?: any }> {
      const res = await call(`${repository}/manifests/${reference}`)
      if (res.status !== 200) return { status: res.status }
      return {
        status: 200,
        digest: res.headers.get('docker-content-digest') ?? undefined,
        mediaType: res.headers.get('content-type') ?? undefined,
        json: await res.json()
      }
    },
    async blobJson(repository: string, digest: string): Promise<any> {
      const res = await call(`${repository}/blobs/${digest}`)
      if (res.status !== 200) throw new Error(`GET blob ${digest}: ${res.status}`)
      return res.json()
    },
    async tags(repository: string): Promise<string[]> {
      const res = await call(`${repository}/tags/list?n=10000`)
      if (res.status === 404) return []
      return ((await res.json()) as { tags?: string[] }).tags ?? []
    },
    async putManifest(repository: string, reference: string, body: string, mediaType: string): Promise<string> {
      const res = await call(`${repository}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': mediaType } })
      if (res.status !== 201) throw new Error(`PUT manifest ${reference}: ${res.status} ${await res.text()}`)
      return res.headers.get('docker-content-digest') ?? ''
    },
    async putBlob(repository: string, body: Uint8Array, digest: string): Promise<void> {
      const start = await call(`${repository}/blobs/uploads/`, { method: 'POST' })
      const location = new URL(start.headers.get('location') ?? '', `https://${stack.registry}`)
      location.searchParams.set('digest', digest)
      const res = await fetch(location, { method: 'PUT', body, headers: { authorization, 'content-type': 'application/octet-stream' } })
      if (res.status !== 201) throw new Error(`PUT blob ${digest}: ${res.status}`)
    }
  }
}
