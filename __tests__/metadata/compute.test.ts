// Tags from metadata-action's grammar: event, ref, rules and flavor in, tags out. The cases
// follow docker/metadata-action's documentation (README: tags, flavor, latest, priority,
// global expressions). Deliberate differences are marked DIFF and listed in our README.
import { computeTags, sanitizeTagValue } from '../../src/metadata/compute.js'
import type { EventContext } from '../../src/metadata/context.js'
import { parseFlavor, parseRules } from '../../src/metadata/rules.js'

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37'
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const NOW = new Date('2020-01-10T00:30:00Z')

type Event = 'push' | 'pr' | 'fork-pr' | 'schedule' | 'dispatch' | 'target'

function ctx(event: Event, ref: string): EventContext {
  const names: Record<Event, string> = {
    push: 'push',
    pr: 'pull_request',
    'fork-pr': 'pull_request',
    schedule: 'schedule',
    dispatch: 'workflow_dispatch',
    target: 'pull_request_target'
  }
  const pr = event === 'pr' || event === 'fork-pr'
  return {
    eventName: names[event],
    ref,
    // For pull requests the context already names the PR head (see context.test.ts).
    sha: pr ? HEAD : SHA,
    baseRef: pr ? 'master' : ref.startsWith('refs/tags/') ? 'master' : undefined,
    commitDate: new Date('2020-01-09T12:00:00Z'),
    repository: { name: 'app', htmlUrl: 'https://github.com/octo/app', defaultBranch: 'master' }
  }
}

const BASIC = 'type=schedule\ntype=ref,event=branch\ntype=ref,event=tag\ntype=ref,event=pr'
const SEMVER = 'type=ref,event=branch\ntype=ref,event=pr\ntype=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}'
const FULL = `type=schedule
type=ref,event=branch
type=ref,event=pr
type=semver,pattern={{version}}
type=semver,pattern={{major}}.{{minor}}
type=semver,pattern={{major}}
type=sha`

// [event, ref, rules, flavor, expected tags (comma-separated, in order)]
type Case = [Event, string, string, string, string]

const cases: Case[] = [
  // README "basic": the default rules (tags input empty)
  ['schedule', 'refs/heads/master', '', '', 'nightly,master'],
  ['push', 'refs/heads/master', '', '', 'master'],
  ['push', 'refs/heads/releases/v1', '', '', 'releases-v1'],
  ['push', 'refs/tags/v1.2.3', '', '', 'v1.2.3,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', '', '', 'v2.0.8-beta.67,latest'],
  ['pr', 'refs/pull/2/merge', '', '', 'pr-2'],
  ['fork-pr', 'refs/pull/15/merge', '', '', 'pr-15'],
  ['dispatch', 'refs/heads/master', '', '', 'master'],
  ['target', 'refs/heads/master', '', '', 'master'],
  ['push', 'refs/heads/my/branch', BASIC, '', 'my-branch'],
  // README "semver" example
  ['push', 'refs/heads/master', SEMVER, '', 'master'],
  ['push', 'refs/heads/releases/v1', SEMVER, '', 'releases-v1'],
  ['push', 'refs/tags/v1.2.3', SEMVER, '', '1.2.3,1.2,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', SEMVER, '', '2.0.8-beta.67'],
  ['pr', 'refs/pull/2/merge', SEMVER, '', 'pr-2'],
  ['schedule', 'refs/heads/master', SEMVER, '', 'master'],
  // the full set, every event
  ['schedule', 'refs/heads/master', FULL, '', 'nightly,master,sha-860c190'],
  ['push', 'refs/heads/master', FULL, '', 'master,sha-860c190'],
  ['push', 'refs/heads/feature/login', FULL, '', 'feature-login,sha-860c190'],
  ['push', 'refs/tags/v1.2.3', FULL, '', '1.2.3,1.2,1,sha-860c190,latest'],
  ['push', 'refs/tags/1.2.3', FULL, '', '1.2.3,1.2,1,sha-860c190,latest'],
  ['push', 'refs/tags/v0.1.2', FULL, '', '0.1.2,0.1,0,sha-860c190,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', FULL, '', '2.0.8-beta.67,sha-860c190'],
  ['push', 'refs/tags/2.0.8-rc.1', FULL, '', '2.0.8-rc.1,sha-860c190'],
  ['push', 'refs/tags/v1.2.3+build.7', FULL, '', '1.2.3,1.2,1,sha-860c190,latest'],
  ['push', 'refs/tags/release-2020', FULL, '', 'sha-860c190'],
  ['push', 'refs/tags/v1.2', FULL, '', 'sha-860c190'],
  ['pr', 'refs/pull/2/merge', FULL, '', 'pr-2,sha-a1b2c3d'],
  ['fork-pr', 'refs/pull/15/merge', FULL, '', 'pr-15,sha-a1b2c3d'],
  ['dispatch', 'refs/heads/master', FULL, '', 'master,sha-860c190'],
  ['dispatch', 'refs/tags/v3.0.0', FULL, '', '3.0.0,3.0,3,sha-860c190,latest'],
  ['target', 'refs/heads/master', FULL, '', 'master,sha-860c190'],
  // tags pushed on a non-default branch: the tag's rules apply, the branch's do not
  ['push', 'refs/tags/v1.4.7', `${FULL}\ntype=edge`, '', '1.4.7,1.4,1,sha-860c190,latest'],
  [
    'push',
    'refs/tags/v1.4.7',
    'type=raw,value=latest,enable={{is_default_branch}}\ntype=semver,pattern={{version}}',
    'latest=false',
    '1.4.7'
  ],
  ['push', 'refs/tags/v1.4.7', 'type=semver,pattern={{version}}\ntype=raw,value=backport,enable={{is_default_branch}}', '', '1.4.7,latest'],
  ['push', 'refs/tags/v1.4.7', 'type=ref,event=tag\ntype=raw,value={{base_ref}}', '', 'v1.4.7,master,latest'],
  // type=semver details
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{raw}}', '', 'v1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', '', '1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{major}}.{{minor}}', '', '1.2,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern=v{{major}}', '', 'v1,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{minor}}', '', '2,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{patch}}', '', '3,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern={{raw}}', '', 'v2.0.8-beta.67'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern={{version}}', '', '2.0.8-beta.67'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern={{major}}.{{minor}}', '', '2.0.8-beta.67'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern=v{{major}}', '', '2.0.8-beta.67'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern=v{{raw}}x', '', '2.0.8-beta.67'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=semver,pattern={{version}}', 'latest=true', '2.0.8-beta.67,latest'],
  ['push', 'refs/heads/master', 'type=semver,pattern={{version}},value=v1.0.0', '', '1.0.0,latest'],
  ['push', 'refs/heads/master', 'type=semver,pattern={{major}},value=1.0.0', '', '1,latest'],
  ['push', 'refs/tags/v9.9.9', 'type=semver,pattern={{version}},value=v1.0.0', '', '1.0.0,latest'],
  ['push', 'refs/heads/master', 'type=semver,pattern={{version}},value=foo', '', ''],
  ['push', 'refs/heads/master', 'type=semver,pattern={{version}}', '', ''],
  ['push', 'refs/tags/v01.2.3', 'type=semver,pattern={{version}}', '', ''],
  ['push', 'refs/tags/v1.2.3.4', 'type=semver,pattern={{version}}', '', ''],
  ['push', 'refs/tags/app/v1.2.3', 'type=semver,pattern={{version}}', '', ''],
  ['push', 'refs/tags/v0.1.2', 'type=semver,pattern={{major}},enable=false\ntype=semver,pattern={{major}}.{{minor}}', '', '0.1,latest'],
  ['push', 'refs/tags/v1.0.0-alpha', 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}', '', '1.0.0-alpha'],
  ['push', 'refs/tags/v1.0.0-0.3.7', 'type=semver,pattern={{version}}', '', '1.0.0-0.3.7'],
  ['push', 'refs/tags/v1.0.0-x.7.z.92', 'type=semver,pattern={{version}}', '', '1.0.0-x.7.z.92'],
  ['push', 'refs/tags/v1.0.0+20130313144700', 'type=semver,pattern={{raw}}', '', 'v1.0.0-20130313144700,latest'],
  ['push', 'refs/tags/v1.0.0-beta+exp.sha.5114f85', 'type=semver,pattern={{version}}', '', '1.0.0-beta'],
  ['push', 'refs/tags/v10.20.30', 'type=semver,pattern={{major}}.{{minor}}.{{patch}}', '', '10.20.30,latest'],
  // type=match (README table)
  ['push', 'refs/tags/v1.2.3', 'type=match,pattern=\\d.\\d.\\d', '', '1.2.3,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=match,pattern=v(.*),group=1', '', '2.0.8-beta.67,latest'],
  ['push', 'refs/tags/v2.0.8-beta.67', 'type=match,pattern=v(\\d.\\d),group=1', '', '2.0,latest'],
  ['push', 'refs/tags/20200110-RC2', 'type=match,pattern=\\d+', '', '20200110,latest'],
  ['push', 'refs/tags/p1/v1.2.3', 'type=match,pattern=p1/v(\\d.\\d.\\d),group=1', '', '1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=match,pattern=/V(\\d)/i,group=1', '', '1,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=match,pattern=x(\\d),group=1', '', ''],
  ['push', 'refs/tags/v1.2.3', 'type=match,pattern=v(\\d),group=2', '', ''],
  ['push', 'refs/heads/master', 'type=match,pattern=v(.*),group=1', '', ''],
  ['push', 'refs/heads/master', 'type=match,pattern=v(.*),group=1,value=v5.0', '', '5.0,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=match,pattern=v(\\d.\\d.\\d),group=1', 'latest=false', '1.2.3'],
  // type=edge
  ['push', 'refs/heads/master', 'type=edge', '', 'edge'],
  ['push', 'refs/heads/main', 'type=edge', '', ''],
  ['push', 'refs/heads/main', 'type=edge,branch=main', '', 'edge'],
  ['push', 'refs/heads/dev', 'type=edge,branch=main', '', ''],
  ['push', 'refs/tags/v1.2.3', 'type=edge', '', ''],
  ['pr', 'refs/pull/2/merge', 'type=edge', '', ''],
  ['schedule', 'refs/heads/master', 'type=edge', '', 'edge'],
  ['push', 'refs/heads/master', 'type=edge\ntype=ref,event=branch', '', 'edge,master'],
  ['push', 'refs/heads/master', 'type=edge,prefix=x-', '', 'x-edge'],
  // type=ref
  ['pr', 'refs/pull/2/merge', 'type=ref,event=pr', '', 'pr-2'],
  ['pr', 'refs/pull/2/merge', 'type=ref,event=pr,prefix=', '', '2'],
  ['pr', 'refs/pull/2/merge', 'type=ref,event=pr,prefix=pull-,suffix=-x', '', 'pull-2-x'],
  ['pr', 'refs/pull/2/merge', 'type=ref,event=branch', '', ''],
  ['pr', 'refs/pull/2/merge', 'type=ref,event=tag', '', ''],
  ['target', 'refs/heads/master', 'type=ref,event=pr', '', ''],
  ['push', 'refs/heads/master', 'type=ref,event=pr', '', ''],
  ['push', 'refs/heads/master', 'type=ref,event=tag', '', ''],
  ['push', 'refs/heads/my/branch', 'type=ref,event=branch', '', 'my-branch'],
  ['push', 'refs/heads/dependabot/npm_and_yarn/@types/node-20.1', 'type=ref,event=branch', '', 'dependabot-npm_and_yarn-types-node-20.1'],
  ['push', 'refs/heads/feat#12', 'type=ref,event=branch', '', 'feat-12'],
  ['push', 'refs/heads/UPPER_case', 'type=ref,event=branch', '', 'UPPER_case'],
  ['push', 'refs/tags/v1.2.3', 'type=ref,event=tag', '', 'v1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=ref,event=tag', 'latest=false', 'v1.2.3'],
  ['push', 'refs/tags/release/2020', 'type=ref,event=tag', '', 'release-2020,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=ref,event=tag,suffix=-slim', '', 'v1.2.3-slim,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=ref,event=branch', '', ''],
  ['push', 'refs/heads/master', 'type=ref,event=branch,priority=1', '', 'master'],
  // type=raw
  ['push', 'refs/heads/master', 'type=raw,value=foo\ntype=raw,value=bar', '', 'foo,bar'],
  ['push', 'refs/heads/master', 'type=raw,foo\ntype=raw,bar', '', 'foo,bar'],
  ['push', 'refs/heads/master', 'type=raw,value=foo\nbar', '', 'foo,bar'],
  ['push', 'refs/heads/master', 'type=raw,value=foo,enable=false\ntype=raw,value=bar', '', 'bar'],
  ['push', 'refs/heads/master', 'type=raw,value=latest,enable={{is_default_branch}}', '', 'latest'],
  ['push', 'refs/heads/dev', 'type=raw,value=latest,enable={{is_default_branch}}', '', ''],
  ['schedule', 'refs/heads/master', 'type=raw,value=latest,enable={{is_default_branch}}', '', 'latest'],
  ['pr', 'refs/pull/2/merge', 'type=raw,value=latest,enable={{is_default_branch}}', '', ''],
  ['push', 'refs/tags/v1.2.3', 'type=raw,value=latest,enable={{is_default_branch}}', '', ''],
  ['push', 'refs/heads/master', 'type=raw,value=mytag-{{branch}}-{{sha}}', '', 'mytag-master-860c190'],
  ['push', 'refs/tags/v1.2.3', 'type=raw,value=mytag-{{branch}}', '', 'mytag-'],
  ['push', 'refs/tags/v1.2.3', 'type=raw,value={{tag}}', '', 'v1.2.3'],
  ['push', 'refs/heads/master', 'type=raw,value={{tag}}', '', ''],
  ['pr', 'refs/pull/2/merge', 'type=raw,value=pr-to-{{base_ref}}', '', 'pr-to-master'],
  ['push', 'refs/heads/master', 'type=raw,value=x{{base_ref}}', '', 'x'],
  ['push', 'refs/heads/master', "type=raw,value={{date 'YYYYMMDD'}}", '', '20200110'],
  ['push', 'refs/heads/master', "type=raw,value=build-{{commit_date 'YYYYMMDD-HHmm'}}", '', 'build-20200109-1200'],
  ['push', 'refs/heads/master', 'type=raw,value={{unknown}}x', '', 'x'],
  ['push', 'refs/heads/master', 'type=raw,value=a b/c', '', 'a-b-c'],
  ['push', 'refs/heads/master', 'type=raw,"value=a,b"', '', 'a-b'],
  ['push', 'refs/heads/master', 'type=raw,value="a,b"', '', 'a-b'],
  ['push', 'refs/heads/master', 'type=raw,value=latest', '', 'latest'],
  ['push', 'refs/heads/master', 'type=raw,value=stable', 'latest=true', 'stable,latest'],
  // type=sha
  ['push', 'refs/heads/master', 'type=sha', '', 'sha-860c190'],
  ['push', 'refs/heads/master', 'type=sha,format=long', '', `sha-${SHA}`],
  ['push', 'refs/heads/master', 'type=sha,prefix=', '', '860c190'],
  ['push', 'refs/heads/master', 'type=sha,prefix={{branch}}-', '', 'master-860c190'],
  ['push', 'refs/heads/master', 'type=sha,prefix=,suffix=,format=long', '', SHA],
  ['push', 'refs/tags/v1.2.3', 'type=sha', '', 'sha-860c190'],
  ['pr', 'refs/pull/2/merge', 'type=sha', '', 'sha-a1b2c3d'],
  ['fork-pr', 'refs/pull/15/merge', 'type=sha,format=long', '', `sha-${HEAD}`],
  ['schedule', 'refs/heads/master', 'type=sha', '', 'sha-860c190'],
  // type=schedule
  ['schedule', 'refs/heads/master', 'type=schedule', '', 'nightly'],
  ['schedule', 'refs/heads/master', 'type=schedule,pattern=nightly', '', 'nightly'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern={{date 'YYYYMMDD'}}", '', '20200110'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern={{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}", '', '20200110-093000'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern={{date 'YYYYMMDD-hhmmss' tz='Asia/Tokyo'}}", '', '20200110-093000'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern={{date 'YYYY-MM-DD' tz='America/Los_Angeles'}}", '', '2020-01-09'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern=nightly-{{date 'YYMMDD'}}", '', 'nightly-200110'],
  ['schedule', 'refs/heads/master', "type=schedule,pattern={{commit_date 'YYYYMMDD'}}", '', '20200109'],
  ['schedule', 'refs/heads/master', 'type=schedule,pattern={{branch}}', '', ''],
  ['schedule', 'refs/heads/master', 'type=schedule,prefix=x-', '', 'x-nightly'],
  ['schedule', 'refs/heads/master', 'type=schedule', 'latest=true', 'nightly,latest'],
  ['schedule', 'refs/heads/master', 'type=schedule\ntype=raw,value=latest,enable={{is_default_branch}}', '', 'nightly,latest'],
  ['push', 'refs/heads/master', 'type=schedule', '', ''],
  ['dispatch', 'refs/heads/master', 'type=schedule', '', ''],
  ['pr', 'refs/pull/2/merge', 'type=schedule', '', ''],
  // priority
  ['push', 'refs/tags/v1.2.3', 'type=sha,priority=2000\ntype=semver,pattern={{version}}', '', 'sha-860c190,1.2.3'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}\ntype=sha,priority=2000', '', 'sha-860c190,1.2.3'],
  ['push', 'refs/heads/master', 'type=raw,value=a\ntype=raw,value=b,priority=300', '', 'b,a'],
  ['push', 'refs/heads/master', 'type=raw,value=a,priority=1\ntype=raw,value=b,priority=1', '', 'a,b'],
  ['push', 'refs/heads/master', 'type=raw,value=a,priority=-5\ntype=sha', '', 'sha-860c190,a'],
  ['push', 'refs/tags/v1.2.3', 'type=sha\ntype=ref,event=tag\ntype=semver,pattern={{major}}', '', '1,v1.2.3,sha-860c190,latest'],
  ['push', 'refs/heads/master', 'type=raw,value=a\ntype=raw,value=a', '', 'a'],
  ['push', 'refs/tags/v1.2.0', 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}.{{patch}}', '', '1.2.0,latest'],
  // latest=auto is decided by the first rule that produced a tag
  ['push', 'refs/tags/v1.2.3', 'type=raw,value=foo,priority=1000\ntype=semver,pattern={{version}}', '', 'foo,1.2.3'],
  ['push', 'refs/tags/v1.2.3', 'type=raw,value=foo,enable=false,priority=1000\ntype=semver,pattern={{version}}', '', '1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=raw,value=,priority=1000\ntype=semver,pattern={{version}}', '', '1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3-rc.1', 'type=semver,pattern={{version}}\ntype=ref,event=tag', '', '1.2.3-rc.1,v1.2.3-rc.1'],
  [
    'push',
    'refs/tags/v1.2.3-rc.1',
    'type=ref,event=tag,priority=1000\ntype=semver,pattern={{version}}',
    '',
    'v1.2.3-rc.1,1.2.3-rc.1,latest'
  ],
  // flavor
  ['push', 'refs/tags/v1.2.3', FULL, 'latest=false', '1.2.3,1.2,1,sha-860c190'],
  ['push', 'refs/heads/master', FULL, 'latest=true', 'master,sha-860c190,latest'],
  ['pr', 'refs/pull/2/merge', FULL, 'latest=true', 'pr-2,sha-a1b2c3d,latest'],
  ['push', 'refs/heads/master', 'type=ref,event=branch', 'prefix=foo-', 'foo-master'],
  ['push', 'refs/heads/master', 'type=ref,event=branch', 'suffix=-bar', 'master-bar'],
  ['push', 'refs/heads/master', 'type=ref,event=branch', 'prefix=foo-\nsuffix=-bar', 'foo-master-bar'],
  ['push', 'refs/heads/master', 'type=ref,event=branch,prefix=', 'prefix=foo-', 'master'],
  ['push', 'refs/heads/master', 'type=ref,event=branch,suffix=-x', 'suffix=-bar', 'master-x'],
  ['push', 'refs/heads/master', 'type=sha', 'prefix=foo-', 'sha-860c190'],
  ['pr', 'refs/pull/2/merge', 'type=ref,event=pr', 'prefix=foo-', 'pr-2'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'prefix=foo-', 'foo-1.2.3,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'prefix=foo-,onlatest=true', 'foo-1.2.3,foo-latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'suffix=-alpine', '1.2.3-alpine,latest'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'suffix=-alpine,onlatest=true', '1.2.3-alpine,latest-alpine'],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'prefix=a-,onlatest=true\nsuffix=-z', 'a-1.2.3-z,a-latest'],
  [
    'push',
    'refs/tags/v1.2.3',
    'type=semver,pattern={{version}}',
    'prefix=a-,onlatest=false\nsuffix=-z,onlatest=true',
    'a-1.2.3-z,latest-z'
  ],
  ['push', 'refs/tags/v1.2.3', 'type=semver,pattern={{version}}', 'latest=false\nsuffix=-alpine,onlatest=true', '1.2.3-alpine'],
  ['push', 'refs/heads/master', 'type=ref,event=branch', 'prefix={{branch}}-', 'master-master'],
  ['push', 'refs/heads/master', 'type=ref,event=branch', 'latest=auto', 'master'],
  // sanitising
  ['push', 'refs/heads/-dash', 'type=ref,event=branch', '', 'dash'], // DIFF: a leading - or . is dropped (registries refuse it)
  ['push', 'refs/heads/.dot', 'type=ref,event=branch', '', 'dot'],
  ['push', 'refs/heads/a//b', 'type=ref,event=branch', '', 'a-b'],
  ['push', 'refs/heads/ünïcode', 'type=ref,event=branch', '', 'n-code'],
  ['push', `refs/heads/${'x'.repeat(140)}`, 'type=ref,event=branch', '', 'x'.repeat(128)],
  ['push', 'refs/heads/master', 'type=raw,value=a:b@c', '', 'a-b-c'],
  ['push', 'refs/heads/master', 'type=raw,value=///', '', '']
]

// v-less versions, pre-releases and build metadata across the common patterns.
const PATTERNS = ['{{version}}', '{{major}}.{{minor}}', '{{major}}', '{{raw}}', 'v{{major}}.{{minor}}.{{patch}}']
const VERSIONS: [string, string[]][] = [
  ['v1.2.3', ['1.2.3', '1.2', '1', 'v1.2.3', 'v1.2.3']],
  ['1.2.3', ['1.2.3', '1.2', '1', '1.2.3', 'v1.2.3']],
  ['v0.0.1', ['0.0.1', '0.0', '0', 'v0.0.1', 'v0.0.1']],
  ['v10.0.0', ['10.0.0', '10.0', '10', 'v10.0.0', 'v10.0.0']],
  ['v1.2.3-rc.1', ['1.2.3-rc.1', '1.2.3-rc.1', '1.2.3-rc.1', 'v1.2.3-rc.1', '1.2.3-rc.1']],
  ['1.2.3-alpha', ['1.2.3-alpha', '1.2.3-alpha', '1.2.3-alpha', '1.2.3-alpha', '1.2.3-alpha']],
  ['v4.5.6+meta', ['4.5.6', '4.5', '4', 'v4.5.6-meta', 'v4.5.6']],
  ['4.5.6-beta.2+meta', ['4.5.6-beta.2', '4.5.6-beta.2', '4.5.6-beta.2', '4.5.6-beta.2-meta', '4.5.6-beta.2']]
]
for (const [version, outputs] of VERSIONS) {
  const pre = /^v?[0-9.]+-/.test(version)
  PATTERNS.forEach((pattern, i) => {
    cases.push(['push', `refs/tags/${version}`, `type=semver,pattern=${pattern}`, '', pre ? outputs[i] : `${outputs[i]},latest`])
    cases.push(['push', `refs/tags/${version}`, `type=semver,pattern=${pattern}`, 'latest=false', outputs[i]])
    cases.push(['push', 'refs/heads/master', `type=semver,pattern=${pattern},value=${version}`, 'latest=false', outputs[i]])
  })
}

// Every event against every single rule type with defaults: which rules fire where.
const EVENTS: [Event, string, Record<string, string>][] = [
  ['push', 'refs/heads/master', { branch: 'master', edge: 'edge', sha: 'sha-860c190' }],
  ['push', 'refs/heads/dev', { branch: 'dev', sha: 'sha-860c190' }],
  ['push', 'refs/tags/v3.1.4', { tag: 'v3.1.4,latest', semver: '3.1.4,latest', match: '4,latest', sha: 'sha-860c190' }],
  ['push', 'refs/tags/nightly-7', { tag: 'nightly-7,latest', match: '7,latest', sha: 'sha-860c190' }],
  ['pr', 'refs/pull/7/merge', { pr: 'pr-7', sha: 'sha-a1b2c3d' }],
  ['fork-pr', 'refs/pull/8/merge', { pr: 'pr-8', sha: 'sha-a1b2c3d' }],
  ['schedule', 'refs/heads/master', { schedule: 'nightly', branch: 'master', edge: 'edge', sha: 'sha-860c190' }],
  ['dispatch', 'refs/heads/dev', { branch: 'dev', sha: 'sha-860c190' }],
  ['dispatch', 'refs/tags/v3.1.4', { tag: 'v3.1.4,latest', semver: '3.1.4,latest', match: '4,latest', sha: 'sha-860c190' }],
  ['target', 'refs/heads/master', { branch: 'master', edge: 'edge', sha: 'sha-860c190' }]
]
const SINGLE: Record<string, string> = {
  schedule: 'type=schedule',
  branch: 'type=ref,event=branch',
  tag: 'type=ref,event=tag',
  pr: 'type=ref,event=pr',
  semver: 'type=semver,pattern={{version}}',
  match: 'type=match,pattern=\\d+$',
  edge: 'type=edge',
  sha: 'type=sha'
}
for (const [event, ref, fired] of EVENTS) {
  for (const [name, rule] of Object.entries(SINGLE)) cases.push([event, ref, rule, '', fired[name] ?? ''])
}

describe('computeTags (metadata-action grammar)', () => {
  test(`has a few hundred cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(300)
  })

  test.each(cases)('%s %s | %j | flavor %j -> %j', (event, ref, rules, flavor, expected) => {
    const result = computeTags(parseRules(rules), parseFlavor(flavor), ctx(event, ref), NOW)
    expect(result.tags).toEqual(expected === '' ? [] : expected.split(','))
    expect(result.version).toBe(expected === '' ? undefined : expected.split(',')[0])
  })
})

describe('computeTags details', () => {
  test('names the latest tag and the semver it was decided by', () => {
    const r = computeTags(parseRules(FULL), parseFlavor('suffix=-slim,onlatest=true'), ctx('push', 'refs/tags/v2.0.0'), NOW)
    expect(r.latest).toBe('latest-slim')
    expect(r.semver?.version).toBe('2.0.0')
    expect(r.version).toBe('2.0.0-slim')
  })

  test('no latest, no semver on a branch', () => {
    const r = computeTags(parseRules(FULL), parseFlavor(''), ctx('push', 'refs/heads/master'), NOW)
    expect(r.latest).toBeUndefined()
    expect(r.semver).toBeUndefined()
  })

  test('says why a semver or match rule produced nothing', () => {
    const r = computeTags(
      parseRules('type=semver,pattern={{version}}\ntype=match,pattern=x(y)'),
      parseFlavor(''),
      ctx('push', 'refs/tags/v1'),
      NOW
    )
    expect(r.notes).toEqual([
      'type=semver,pattern={{version}}: "v1" is not a semver version, no tag',
      'type=match,pattern=x(y): "v1" does not match, no tag'
    ])
  })

  test.each([
    ['type=raw,value=a,enable=yes', 'enable= in "type=raw,value=a,enable=yes" is "yes", not true or false'],
    ['type=match,pattern=(', 'pattern in "type=match,pattern=(" is not a regular expression'],
    ["type=schedule,pattern={{date 'YYYY' tz='Mars/Base'}}", 'unknown time zone "Mars/Base"'],
    ["type=schedule,pattern={{date 'YYYY' zone='UTC'}}", 'unknown date option zone']
  ])('%s fails: %s', (rules, message) => {
    expect(() => computeTags(parseRules(rules), parseFlavor(''), ctx('schedule', 'refs/tags/v1'), NOW)).toThrow(message)
  })

  test.each([
    ['a b', 'a-b'],
    ['--x', 'x'],
    ['..x', 'x'],
    ['_x', '_x'],
    ['x'.repeat(129), 'x'.repeat(128)]
  ])('sanitizeTagValue(%j) = %j', (input, expected) => {
    expect(sanitizeTagValue(input)).toBe(expected)
  })
})
