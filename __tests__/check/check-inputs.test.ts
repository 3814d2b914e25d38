// mode: check's inputs: the plain-string parsers, and getCheckInputs at the Action edge.
import { jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expandManifests, globToRegExp } from '../../src/check/globs.js'
import { parseCheckPlatforms, parseFailOn, parseManifestPatterns } from '../../src/check/inputs.js'
import { formatPlatform } from '../../src/oci/platform.js'

describe('parsers', () => {
  test('manifests: lines or commas, trimmed, empty entries dropped; none is an error', () => {
    expect(parseManifestPatterns(' k8s/**/*.yaml\n\necs/task.json, compose.yaml ,!k8s/skip.yaml')).toEqual([
      'k8s/**/*.yaml',
      'ecs/task.json',
      'compose.yaml',
      '!k8s/skip.yaml'
    ])
    expect(() => parseManifestPatterns(undefined)).toThrow('is required in mode: check: give the deployment files')
    expect(() => parseManifestPatterns(' , \n!x.yaml')).toThrow('is required in mode: check')
  })

  test('fail-on: missing by default, never, nothing else', () => {
    expect(parseFailOn(undefined)).toBe('missing')
    expect(parseFailOn('Never')).toBe('never')
    expect(() => parseFailOn('unknown')).toThrow('"unknown" is not one of missing, never')
  })

  test('platforms: linux/amd64 and linux/arm64 by default', () => {
    expect(parseCheckPlatforms(undefined).map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(parseCheckPlatforms('linux/arm64').map(formatPlatform)).toEqual(['linux/arm64'])
    expect(() => parseCheckPlatforms('linux')).toThrow()
  })
})

describe('globs', () => {
  test.each([
    ['k8s/*.yaml', 'k8s/app.yaml', true],
    ['k8s/*.yaml', 'k8s/sub/app.yaml', false],
    ['k8s/**/*.yaml', 'k8s/app.yaml', true],
    ['k8s/**/*.yaml', 'k8s/a/b/app.yaml', true],
    ['**/*.{yaml,yml}', 'x/y.yml', true],
    ['**/*.{yaml,yml}', 'x/y.json', false],
    ['k8s/app-?.yaml', 'k8s/app-1.yaml', true],
    ['k8s/app-[0-9].yaml', 'k8s/app-x.yaml', false],
    ['k8s/app-[!0-9].yaml', 'k8s/app-x.yaml', true],
    ['ecs/task.json', 'ecs/task.json', true],
    ['ecs/task.json', 'ecs/taskXjson', false]
  ])('%s against %s: %s', (glob, path, matches) => {
    expect(globToRegExp(glob).test(path)).toBe(matches)
  })

  test('files, directories and globs expand to sorted relative paths; ! excludes; a pattern matching nothing names the input', async () => {
    const root = mkdtempSync(join(tmpdir(), 'check-globs-'))
    for (const dir of ['k8s/apps', 'ecs', 'node_modules/x', 'docs']) mkdirSync(join(root, dir), { recursive: true })
    for (const file of ['k8s/a.yaml', 'k8s/apps/b.yml', 'k8s/apps/skip.yaml', 'ecs/task.json', 'node_modules/x/c.yaml', 'docs/readme.md'])
      writeFileSync(join(root, file), 'x: 1\n')
    symlinkSync(join(root, 'ecs/task.json'), join(root, 'k8s/linked.json'))
    expect(await expandManifests(['k8s/**/*.{yaml,yml}', '!**/skip.yaml', 'ecs/task.json'], root)).toEqual([
      'ecs/task.json',
      'k8s/a.yaml',
      'k8s/apps/b.yml'
    ])
    expect(await expandManifests(['./k8s'], root)).toEqual(['k8s/a.yaml', 'k8s/apps/b.yml', 'k8s/apps/skip.yaml', 'k8s/linked.json'])
    expect(await expandManifests(['**/*.yaml'], root)).not.toContain('node_modules/x/c.yaml')
    await expect(expandManifests(['helm/**/*.yaml'], root)).rejects.toThrow(
      'input manifests: "helm/**/*.yaml" matches no file: give files, directories or globs'
    )
    await expect(expandManifests(['docs'], root)).rejects.toThrow('input manifests: "docs" is no file or directory with YAML or JSON files')
  })
})

describe('getCheckInputs', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
  })
  const withInputs = async (inputs: Record<string, string>, env: Record<string, string> = {}) => {
    for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('AWS_')) delete process.env[key]
    for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value
    Object.assign(process.env, env)
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const { getCheckInputs } = await import('../../src/action/inputs.js')
    return getCheckInputs()
  }

  test('undefined outside mode: check; no repository needed in it', async () => {
    expect(await withInputs({ mode: 'build', repository: 'team/app' })).toBeUndefined()
    const inputs = await withInputs({ mode: 'check', manifests: 'k8s/**/*.yaml' }, { AWS_REGION: 'eu-west-1' })
    expect(inputs).toEqual({
      plan: { kind: 'check' },
      manifests: ['k8s/**/*.yaml'],
      failOn: 'missing',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' }
      ],
      registry: undefined,
      region: 'eu-west-1',
      username: undefined,
      password: undefined
    })
  })

  test.each([
    [{ mode: 'check' }, 'input manifests: is required in mode: check'],
    [{ mode: 'check', manifests: 'a.yaml', 'fail-on': 'always' }, 'input fail-on: "always" is not one of missing, never'],
    [{ mode: 'check', manifests: 'a.yaml', platforms: 'arm64' }, 'input platforms: '],
    [{ mode: 'check', manifests: 'a.yaml', username: 'u' }, 'input password: give both username and password'],
    [{ mode: 'check', manifests: 'a.yaml', registry: 'ghcr.io/acme' }, 'input registry: ']
  ])('%j fails: %s', async (inputs, message) => {
    await expect(withInputs(inputs)).rejects.toThrow(message)
  })
})
