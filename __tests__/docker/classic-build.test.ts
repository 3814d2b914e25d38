import { dockerBuildArgs } from '../../src/docker/classic-build.js'

describe('dockerBuildArgs (Windows legs: docker build, no BuildKit)', () => {
  test('the full argument array', () => {
    expect(
      dockerBuildArgs({
        context: 'app',
        file: 'app/Dockerfile.windows',
        target: 'runtime',
        buildArgs: { VERSION: '1.2=3' },
        labels: { 'org.opencontainers.image.revision': 'abc' },
        tag: 'registry.test:5443/team/app:build-1-1-windows-amd64-20348'
      })
    ).toEqual([
      'build',
      '--file',
      'app/Dockerfile.windows',
      '--target',
      'runtime',
      '--build-arg',
      'VERSION=1.2=3',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--tag',
      'registry.test:5443/team/app:build-1-1-windows-amd64-20348',
      '--',
      'app'
    ])
  })

  test('hostile values stay single values; the context after -- is never a flag', () => {
    const args = dockerBuildArgs({
      context: '--output=type=local,dest=C:\\',
      buildArgs: { A: '$(calc)' },
      labels: { l: '`whoami`' },
      tag: 'r/x:y'
    })
    expect(args.slice(-2)).toEqual(['--', '--output=type=local,dest=C:\\'])
    expect(args).toContain('A=$(calc)')
    expect(args).toContain('l=`whoami`')
    expect(args.filter(a => a.startsWith('--') && a !== '--' && !a.startsWith('--output'))).toEqual(['--build-arg', '--label', '--tag'])
  })
})
