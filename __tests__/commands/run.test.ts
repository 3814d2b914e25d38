// A leg taken by another leg's merge (publish-when-complete) reports the image the published
// index holds for its platform, as a leg that staged itself would.
import type { BuildResult, LegResult } from '../../src/commands/build.js'
import type { MergeResult } from '../../src/commands/merge.js'
import { withPublishedChildren } from '../../src/commands/run.js'

const leg = (platform: string, extra: Partial<LegResult>): LegResult => ({
  platform,
  digest: '',
  childDigest: '',
  size: 0,
  seconds: 1,
  cachedSteps: 0,
  cacheImported: false,
  emulated: false,
  stagingTag: `stage-9-1-${platform.replace('/', '-')}`,
  pushed: true,
  builder: 'default',
  ...extra
})

test('a taken leg gets its image digest and size from the published index; a staged leg keeps its own', () => {
  const built: BuildResult = {
    registry: 'registry.test',
    repository: 'team/app',
    legs: [
      leg('linux/amd64', { taken: true, digest: 'sha256:staged-amd' }),
      leg('linux/arm64', { digest: 'sha256:own', childDigest: 'sha256:own-child', size: 7 })
    ],
    staged: [],
    notes: []
  }
  const merged = {
    children: [
      { platform: 'linux/amd64', digest: 'sha256:published-amd', size: 42, origin: 'stage-9-1-linux-amd64' },
      { platform: 'linux/arm64', digest: 'sha256:published-arm', size: 43, origin: 'stage-9-1-linux-arm64' }
    ]
  } as unknown as MergeResult
  const legs = withPublishedChildren(built, merged).legs
  expect(legs[0]).toMatchObject({ taken: true, digest: 'sha256:staged-amd', childDigest: 'sha256:published-amd', size: 42 })
  expect(legs[1]).toMatchObject({ digest: 'sha256:own', childDigest: 'sha256:own-child', size: 7 })
})
