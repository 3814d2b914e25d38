// The Docker credentials a mirror host gets: auths (as docker/login-action writes them),
// credential helpers (credHelpers, credsStore), anonymous otherwise.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dockerCredentials, type HelperRunner } from '../../src/docker/credentials.js'

function configDir(config: object): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'))
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  return { DOCKER_CONFIG: dir }
}

const b64 = (s: string) => Buffer.from(s).toString('base64')

test('auths: base64 user:password under the host, or under a URL of it', async () => {
  const env = configDir({ auths: { 'ghcr.io': { auth: b64('octo:tok:en') }, 'https://index.docker.io/v1/': { auth: b64('d:p') } } })
  expect(await dockerCredentials('ghcr.io', { env })).toEqual({ username: 'octo', password: 'tok:en' })
  expect(await dockerCredentials('index.docker.io', { env })).toEqual({ username: 'd', password: 'p' })
})

test('credHelpers win for their host; credsStore for the rest; the host goes to the helper', async () => {
  const env = configDir({ auths: { 'ghcr.io': {} }, credHelpers: { 'ghcr.io': 'gh' }, credsStore: 'desktop' })
  const calls: string[] = []
  const runHelper: HelperRunner = async (program, host) => {
    calls.push(`${program} ${host}`)
    return JSON.stringify({ ServerURL: host, Username: `u-${program}`, Secret: 's3cret' })
  }
  expect(await dockerCredentials('ghcr.io', { env, runHelper })).toEqual({ username: 'u-docker-credential-gh', password: 's3cret' })
  expect(await dockerCredentials('quay.io', { env, runHelper })).toEqual({ username: 'u-docker-credential-desktop', password: 's3cret' })
  expect(calls).toEqual(['docker-credential-gh ghcr.io', 'docker-credential-desktop quay.io'])
})

test('anonymous: no config, no entry, or a helper that has no credentials', async () => {
  expect(await dockerCredentials('ghcr.io', { env: { DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'empty-')) } })).toBeUndefined()
  expect(await dockerCredentials('ghcr.io', { env: configDir({ auths: { 'quay.io': { auth: b64('a:b') } } }) })).toBeUndefined()
  const notFound: HelperRunner = async () => {
    throw new Error('credentials not found in native keychain')
  }
  expect(await dockerCredentials('ghcr.io', { env: configDir({ credsStore: 'pass' }), runHelper: notFound })).toBeUndefined()
})

test('a malformed auths entry fails without echoing it', async () => {
  const env = configDir({ auths: { 'ghcr.io': { auth: b64('nocolonsecret') } } })
  const failure = dockerCredentials('ghcr.io', { env })
  await expect(failure).rejects.toThrow('has an auths entry for ghcr.io that is not base64 of user:password')
  await expect(failure).rejects.not.toThrow('nocolonsecret')
})
