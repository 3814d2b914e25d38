// `npm run demo`: the headline recipe on this machine. Two build legs, each its own
// process as on two runners (linux/amd64 natively, linux/arm64 under QEMU standing in for
// ubuntu-24.04-arm), then the merge job; against the local registry with username and
// password (the action works with any OCI registry), then `docker run` on each platform.
import { runAction, type ActionRun } from '../testing/action-runner.js'
import { busyboxContext, dockerClient, loadStack } from '../testing/stack.js'

const stack = loadStack()
const repository = `demo/hello-${Date.now().toString(36)}`
const context = busyboxContext(stack)
const common = { repository, registry: stack.registry, username: stack.username, password: stack.password }
const env = { GITHUB_RUN_ID: String(Date.now()), GITHUB_REF: 'refs/tags/v1.2.3' }

function step(title: string, run: ActionRun): ActionRun {
  console.log(`\n=== ${title}: ${run.exitCode === 0 ? 'ok' : `FAILED (exit ${run.exitCode})`}`)
  // What the runner would show: the log without workflow commands, then the outputs.
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('::group::')) console.log(`> ${line.slice(9)}`)
    else if (line.startsWith('::error::') || line.startsWith('::warning::')) console.log(line)
  }
  for (const [name, value] of Object.entries(run.outputs))
    if (name !== 'metadata' && name !== 'manifest') console.log(`  output ${name} = ${value}`)
  if (run.exitCode !== 0) {
    console.log(run.stdout, run.stderr)
    process.exit(1)
  }
  return run
}

async function main(): Promise<void> {
  console.log(`registry ${stack.registry}, repository ${repository}`)
  step('build leg linux/amd64 (native)', await runAction({ inputs: { ...common, platforms: 'linux/amd64', context }, env }))
  step(
    'build leg linux/arm64 (QEMU here; ubuntu-24.04-arm on GitHub)',
    await runAction({ inputs: { ...common, platforms: 'linux/arm64', context }, env })
  )
  const merged = step('merge', await runAction({ inputs: { ...common, mode: 'merge' }, env }))
  console.log('\n=== the published image')
  const image = merged.outputs.tags.split(',')[0]
  const docker = dockerClient(stack)
  for (const platform of ['linux/amd64', 'linux/arm64']) {
    console.log(
      `docker run --platform ${platform} ${image} -> ${docker(['run', '--rm', '--pull', 'always', '--platform', platform, image]).trim()}`
    )
  }
  console.log(docker(['buildx', 'imagetools', 'inspect', image]))
}

await main()
