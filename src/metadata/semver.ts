// Semantic versions (semver.org 2.0.0): our own small parser and precedence, enough for
// tag patterns and for deciding whether `latest` may move. A leading `v` is accepted.

export interface SemVer {
  /** The string as given, e.g. v1.2.3-rc.1 */
  raw: string
  major: number
  minor: number
  patch: number
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[]
  build: string[]
  /** major.minor.patch[-prerelease], without the `v` and without build metadata. */
  version: string
}

const NUMBER = '(0|[1-9][0-9]*)'
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)'
const BUILD_ID = '[0-9A-Za-z-]+'
const STRICT = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`)

/** A valid semver (leading `v` allowed, surrounding space ignored), or undefined. */
export function parseSemver(input: string): SemVer | undefined {
  const raw = input.trim()
  const m = STRICT.exec(raw)
  if (m === null) return undefined
  const [major, minor, patch] = [m[1], m[2], m[3]].map(Number)
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined
  const prerelease = m[4] === undefined ? [] : m[4].split('.')
  const build = m[5] === undefined ? [] : m[5].split('.')
  const version = `${major}.${minor}.${patch}${prerelease.length ? `-${prerelease.join('.')}` : ''}`
  return { raw, major, minor, patch, prerelease, build, version }
}

/**
 * A version as a release tag or an index's version annotation may hold it: a full semver,
 * or the `1`, `1.2` of major/minor tags (the missing parts count as 0).
 */
export function parseLooseVersion(input: string): SemVer | undefined {
  const full = parseSemver(input)
  if (full) return full
  const m = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/.exec(input.trim())
  if (m === null) return undefined
  return parseSemver(`${m[1]}.${m[2] ?? '0'}.0`)
}

/** Semver precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1
  }
  // A release ranks above any of its pre-releases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return Math.sign(b.prerelease.length - a.prerelease.length)
  const n = Math.max(a.prerelease.length, b.prerelease.length)
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i]
    const y = b.prerelease[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    const c = compareIdentifier(x, y)
    if (c !== 0) return c
  }
  return 0
}

function compareIdentifier(x: string, y: string): number {
  const xNum = /^[0-9]+$/.test(x)
  const yNum = /^[0-9]+$/.test(y)
  if (xNum && yNum) return Math.sign(Number(x) - Number(y))
  // Numeric identifiers rank below alphanumeric ones.
  if (xNum !== yNum) return xNum ? -1 : 1
  return x < y ? -1 : x > y ? 1 : 0
}
