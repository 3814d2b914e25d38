// What a failed buildx run reports: its ERROR: lines, not its last line, and one line of
// cause and fix for the failures users hit most (from real buildx output).
import { BuildxError } from '../../src/docker/buildx.js'
import { diagnose, errorLines, hintFor } from '../../src/docker/diagnosis.js'

const CACHE_EXPORT = `#0 building with "default" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 118B done
#1 DONE 0.0s
ERROR: Cache export is not supported for the docker driver.
Switch to a different driver, or turn on the containerd image store, and try again.
Learn more at https://docs.docker.com/go/build-cache-backends/
`

const ATTESTATION = `ERROR: Attestation is not supported for the docker driver.
Switch to a different driver, or turn on the containerd image store, and try again.
Learn more at https://docs.docker.com/go/attestations/
`

const MULTI_PLATFORM = `ERROR: Multi-platform build is not supported for the docker driver.
Switch to a different driver, or turn on the containerd image store, and try again.
Learn more at https://docs.docker.com/go/build-multi-platform/
`

const MULTI_PLATFORM_OLD = `ERROR: multiple platforms feature is currently not supported for docker driver. Please switch to a different driver (eg. "docker buildx create --use")
`

const DENIED = `#12 exporting to image
#12 pushing layers 0.4s done
#12 ERROR: failed to push 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:stage-1-1-linux-amd64: denied: User: arn:aws:sts::123456789012:assumed-role/gha-build/GitHubActions is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/team/app because no identity-based policy allows the ecr:InitiateLayerUpload action
------
 > exporting to image:
------
ERROR: failed to solve: failed to push 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:stage-1-1-linux-amd64: denied: User: arn:aws:sts::123456789012:assumed-role/gha-build/GitHubActions is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/team/app because no identity-based policy allows the ecr:InitiateLayerUpload action
`

const UNAUTHORIZED = `#10 pushing layers
#10 ERROR: failed to push registry.test:5443/team/app:build-1-1-linux-amd64: failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://registry.test:5443/token: 401 Unauthorized
ERROR: failed to solve: failed to push registry.test:5443/team/app:build-1-1-linux-amd64: failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://registry.test:5443/token: 401 Unauthorized
`

const NO_SPACE = `#8 [3/4] RUN apt-get update && apt-get install -y build-essential
#8 41.22 E: You don't have enough free space in /var/cache/apt/archives/.
#8 ERROR: failed to copy: write /var/lib/docker/buildkit/content/ingest/5f1c/data: no space left on device
------
ERROR: failed to solve: failed to copy: write /var/lib/docker/buildkit/content/ingest/5f1c/data: no space left on device
`

const NO_MATCH = `#2 [internal] load metadata for docker.io/library/mcr-only:1.0
#2 ERROR: no match for platform in manifest: not found
------
 > [internal] load metadata for docker.io/library/mcr-only:1.0:
------
Dockerfile:1
--------------------
   1 | >>> FROM mcr-only:1.0
--------------------
ERROR: failed to solve: mcr-only:1.0: failed to resolve source metadata for docker.io/library/mcr-only:1.0: no match for platform in manifest: not found
`

const EXEC_FORMAT = `#6 [2/2] RUN uname -m
#6 0.204 exec /bin/sh: exec format error
#6 ERROR: process "/bin/sh -c uname -m" did not complete successfully: exit code: 255
------
 > [2/2] RUN uname -m:
0.204 exec /bin/sh: exec format error
------
Dockerfile:2
--------------------
   1 |     FROM busybox
   2 | >>> RUN uname -m
--------------------
ERROR: failed to solve: process "/bin/sh -c uname -m" did not complete successfully: exit code: 255
`

describe('errorLines', () => {
  test('every ERROR: line once, step prefixes stripped, in order', () => {
    expect(errorLines(EXEC_FORMAT)).toEqual([
      'process "/bin/sh -c uname -m" did not complete successfully: exit code: 255',
      'failed to solve: process "/bin/sh -c uname -m" did not complete successfully: exit code: 255'
    ])
  })

  test('the cache-export failure is reported by its ERROR: line, not "Learn more at ..."', () => {
    const { detail } = diagnose(CACHE_EXPORT)
    expect(detail).toBe('Cache export is not supported for the docker driver.')
    expect(detail).not.toContain('Learn more')
  })

  test('no ERROR: line: the last line', () => {
    expect(diagnose('#7 DONE 0.1s\nsomething broke\n')).toEqual({ detail: 'something broke', hint: undefined })
  })
})

describe('hints for the failures users hit most', () => {
  test.each([
    [
      'cache export on the docker driver',
      CACHE_EXPORT,
      /docker driver on the classic image store.*docker\/setup-buildx-action.*containerd image store/
    ],
    ['attestations on the docker driver', ATTESTATION, /cannot export registry cache or attestations/],
    ['multi-platform on the docker driver', MULTI_PLATFORM, /cannot build several platforms at once.*docker\/setup-buildx-action/],
    ['multi-platform, older buildx', MULTI_PLATFORM_OLD, /cannot build several platforms at once/],
    ['no space left', NO_SPACE, /ran out of disk.*free space/],
    ['a base image without the platform', NO_MATCH, /base image \(FROM\) has no image for this platform/],
    ['exec format error', EXEC_FORMAT, /no emulator is registered.*docker\/setup-qemu-action/]
  ])('%s', (_name, output, hint) => {
    expect(hintFor(output)).toMatch(hint)
  })

  test('denied on push names the IAM action the role lacks', () => {
    const hint = hintFor(DENIED)!
    expect(hint).toMatch(/^Cause: the registry refused the push\. Fix: allow ecr:InitiateLayerUpload on the repository/)
    // The ARN's ecr:us-east-1 is not an action.
    expect(hint).not.toContain('ecr:us')
  })

  test('unauthorized on push without a named action lists every push action', () => {
    const hint = hintFor(UNAUTHORIZED)!
    for (const action of [
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:PutImage',
      'ecr:BatchCheckLayerAvailability'
    ])
      expect(hint.split('(pushing needs')[0]).toContain(action)
  })

  test('a pull of a private base image is not a push permission problem', () => {
    expect(
      hintFor(
        'ERROR: failed to solve: acme/private:1: failed to resolve source metadata for docker.io/acme/private:1: pull access denied, repository does not exist or may require authorization'
      )
    ).toBeUndefined()
  })

  test('a failing RUN step has no hint', () => {
    expect(hintFor('ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2')).toBeUndefined()
  })
})

describe('BuildxError carries the ERROR: lines and the hint', () => {
  test('message: the error lines, then the hint on its own line', () => {
    const { detail, hint } = diagnose(CACHE_EXPORT)
    const error = new BuildxError(1, detail, hint)
    expect(error.message.split('\n')).toEqual([
      'docker buildx build failed (exit 1): Cache export is not supported for the docker driver.',
      expect.stringMatching(/^Cause: the builder uses the docker driver/)
    ])
    expect(error.transient).toBe(false)
  })
})
