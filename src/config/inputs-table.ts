// The one table of inputs: action.yml's `inputs:` section is generated from it (npm run inputs),
// and the CLI takes its flags and its --help from it. A unit test holds action.yml to it.

/** The CLI commands; an input lists the ones that take it as a flag (none: the action only). */
export type Command = 'build' | 'merge' | 'check'

export interface InputSpec {
  /** The action input's name, and the CLI flag's (--<name>). */
  name: string
  description: string
  required?: true
  /** As action.yml gives it; absent when the default is computed (the description says how). */
  default?: string
  /**
   * text: one value. list: several entries, newline-separated (or comma-separated where the
   * description says so); the CLI's flag may be repeated, one entry each. boolean: true or false;
   * the CLI's bare flag means true.
   */
  kind: 'text' | 'list' | 'boolean'
  /**
   * The CLI commands that take it. None for mode (the command is the mode), password (the CLI
   * reads it from stdin, --password-stdin) and secrets (values in argv would show in a process
   * list: the CLI takes secret-envs and secret-files).
   */
  commands: Command[]
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'mode',
    description:
      "build (default): build this runner's platform and push it under a staging tag. merge: publish one image index of the staged legs under the release tags. check: check that every image the deployment files (manifests) run has the platforms; nothing is built or pushed.",
    default: 'build',
    kind: 'text',
    commands: []
  },
  {
    name: 'repository',
    description: 'Repository name, e.g. team/app. Required, except in mode check.',
    required: true,
    kind: 'text',
    commands: ['build', 'merge']
  },
  {
    name: 'registry',
    description:
      "Default: the ECR registry of the credentials' account. Accepts a 12-digit account id, an ECR host (<acct>.dkr.ecr.<region>.amazonaws.com, .amazonaws.com.cn, dual-stack <acct>.dkr-ecr.<region>.on.aws, FIPS), ECR Public as public.ecr.aws/<alias> (logged in through the ECR Public API in us-east-1, no username/password), or any other OCI registry host (then username/password are used, or anonymous).",
    kind: 'text',
    commands: ['build', 'merge', 'check']
  },
  {
    name: 'region',
    description: 'AWS region. Default AWS_REGION, AWS_DEFAULT_REGION, or the region in the registry host.',
    kind: 'text',
    commands: ['build', 'merge', 'check']
  },
  {
    name: 'username',
    description: 'Username for a non-ECR registry.',
    kind: 'text',
    commands: ['build', 'merge', 'check']
  },
  {
    name: 'password',
    description: 'Password or token for a non-ECR registry.',
    kind: 'text',
    commands: []
  },
  {
    name: 'platforms',
    description:
      "check: the platforms every image must have (default linux/amd64,linux/arm64). build: the platform this job builds (default: the runner's own, linux/amd64 or linux/arm64); several build in one job under QEMU and are published under tags. merge: the platforms the index must contain, in this order (default: every leg staged for this run, linux/amd64 first).",
    kind: 'list',
    commands: ['build', 'merge', 'check']
  },
  {
    name: 'context',
    description: 'Build context.',
    default: '.',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'file',
    description: 'Path of the Dockerfile (default <context>/Dockerfile).',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'target',
    description: 'Target build stage.',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'build-args',
    description: 'Build arguments, one KEY=VALUE per line.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'labels',
    description: 'Image labels, one key=value per line. org.opencontainers.image.revision is always set to the commit sha.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'secrets',
    description:
      'Build secrets, one id=value per line; they reach BuildKit as secrets (RUN --mount=type=secret,id=...) and never appear in logs or argv.',
    kind: 'list',
    commands: []
  },
  {
    name: 'secret-envs',
    description:
      'Build secrets from environment variables, id=ENV_NAME, one per line or comma-separated (as build-push-action). The values are read here, masked, and never appear in logs or argv.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'secret-files',
    description:
      'Build secrets from files, id=path, one per line (as build-push-action). The contents are masked; neither they nor the path appear in argv.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'build-contexts',
    description:
      'Additional build contexts, name=value, one per line (as build-push-action), e.g. alpine=docker-image://alpine:3.20 or src=./src.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'ssh',
    description:
      'SSH agent sockets or keys to expose to the build, one per line (as build-push-action): default, default=<socket>, or <id>=<path>. RUN --mount=type=ssh reads them.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'network',
    description: "Networking mode for RUN instructions: default, none or host (host needs the builder's network.host entitlement).",
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'add-hosts',
    description: 'Custom host-to-IP mappings, host:ip, comma- or newline-separated, e.g. docker:10.180.0.1.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'shm-size',
    description: 'Size of /dev/shm for RUN instructions, e.g. 2g.',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'ulimit',
    description: 'Ulimits for RUN instructions, name=soft[:hard], one per line, e.g. nofile=1024:1024.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'no-cache',
    description: 'Build without using any cache.',
    default: 'false',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'no-cache-filters',
    description: 'Stages to build without cache, comma- or newline-separated.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'pull',
    description: 'Always pull a newer version of the base images.',
    default: 'false',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'call',
    description:
      'build (default) builds. check runs the Dockerfile linter and fails on its warnings; outline and targets describe the Dockerfile. Anything but build pushes nothing.',
    default: 'build',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'sbom',
    description:
      "false (default), true (BuildKit's SBOM attestation, scanned by docker/buildkit-syft-scanner), or generator=<scanner image>. The merge keeps it with its image.",
    default: 'false',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'provenance',
    description:
      "true (default, mode=min), false (no provenance), or buildx's attributes: mode=min|max[,builder-id=<url>][,version=v0.2|v1].",
    default: 'true',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'cache',
    description:
      "ecr (default): registry cache in the same repository (ECR's image-manifest form), per branch: the default branch (and tags) under cache-<os>-<arch>[-<variant>], other branches under cache-<os>-<arch>[-<variant>]-<branch>.<hash>, importing the default branch's as a fallback; pull requests only import. none: no cache.",
    default: 'ecr',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'cache-from',
    description:
      'Cache sources in buildx syntax, one per line (as build-push-action), e.g. type=gha or type=local,src=/tmp/cache. When given, they replace the ECR cache import.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'cache-to',
    description:
      'Cache exports in buildx syntax, one per line (as build-push-action), e.g. type=gha,mode=max. When given, they replace the ECR cache export.',
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'push',
    description: 'true (default): push under the staging tag. false: build only (pull requests).',
    default: 'true',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'preflight',
    description:
      "true (default): before building, check that every base image the target needs has the leg's platform; fail early when one does not. false: skip the check.",
    default: 'true',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'manifests',
    description:
      'mode check: the deployment files to read, one per line or comma-separated: files, directories (their .yaml, .yml and .json files) or globs (k8s/**/*.yaml; a leading ! excludes). Kubernetes YAML (Helm-rendered output included), ECS task definitions (JSON) and Compose files. A glob that matches nothing is an error.',
    kind: 'list',
    commands: ['check']
  },
  {
    name: 'fail-on',
    description:
      'mode check: missing (default) fails the step when an image lacks a platform; never only warns. An image that cannot be read is unknown: a warning, and ready is false.',
    default: 'missing',
    kind: 'text',
    commands: ['check']
  },
  {
    name: 'create-repository',
    description: 'Create the ECR repository when missing (scan on push, AES256 encryption).',
    default: 'true',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'tag-mutability',
    description:
      "MUTABLE (default) or IMMUTABLE; used only when creating the repository (IMMUTABLE keeps the action's own cache-*, stage-* and build-* tags mutable through exclusion filters).",
    default: 'MUTABLE',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'run-key',
    description: 'Names the run in staging tags. Default the workflow run id (GITHUB_RUN_ID).',
    kind: 'text',
    commands: ['build', 'merge']
  },
  {
    name: 'builder',
    description: 'A buildx builder to use as it is (remote BuildKit, a cloud builder); never removed. Default the current builder.',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'create-builder',
    description:
      'auto (default): when the current builder is the docker driver on the classic image store (stock GitHub-hosted runners), which cannot export registry cache or attestations, create a docker-container builder for this job and remove it in the post step. false: use the current builder as it is (then: inline cache, no attestations).',
    default: 'auto',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'buildkit-image',
    description: 'The BuildKit image of a builder this job creates, e.g. a mirror in ECR for GHES or air-gapped runners.',
    default: 'moby/buildkit:buildx-stable-1',
    kind: 'text',
    commands: ['build']
  },
  {
    name: 'logout',
    description: 'The post step logs out of the registry this step logged in to.',
    default: 'true',
    kind: 'boolean',
    commands: ['build']
  },
  {
    name: 'tags',
    description:
      "merge (and one-job multi-platform builds, publish-when-complete legs): the release tags. A list (comma or newline separated; full references <registry>/<repository>:<tag> to this repository are accepted, as docker/metadata-action's tags output gives), or docker/metadata-action's rules, one per line (type=semver,pattern={{version}}, type=ref,event=branch, type=sha, ...). Default from git: v1.2.3 -> 1.2.3, 1.2, 1, latest; a branch -> its sanitised name; a pull request -> pr-<n>; always sha-<7>.",
    kind: 'list',
    commands: ['build', 'merge']
  },
  {
    name: 'publish-when-complete',
    description:
      "build legs without a merge job: the platforms of the whole matrix, e.g. linux/amd64,linux/arm64 (this leg's included). After staging, the leg that finds every one of them staged for this run publishes the index under tags, as a merge does; the others set published to false.",
    kind: 'list',
    commands: ['build']
  },
  {
    name: 'flavor',
    description:
      "With tag rules: docker/metadata-action's flavor, one entry per line: latest=auto|true|false, prefix=<p>[,onlatest=true], suffix=<s>[,onlatest=true].",
    kind: 'list',
    commands: ['build', 'merge']
  },
  {
    name: 'latest-policy',
    description:
      "highest (default): the latest tag moves only to the highest semver release (never to a back-port or a pre-release); the summary says why. always: latest moves whenever the tags name it (docker/metadata-action's behaviour).",
    default: 'highest',
    kind: 'text',
    commands: ['build', 'merge']
  },
  {
    name: 'sources',
    description: 'merge: explicit image references (by tag or digest) to merge instead of the staged legs.',
    kind: 'list',
    commands: ['merge']
  },
  {
    name: 'attestations',
    description: 'merge: keep (default) or strip attestation manifests (Lambda rejects them).',
    default: 'keep',
    kind: 'text',
    commands: ['build', 'merge']
  },
  {
    name: 'annotations',
    description: 'merge: extra index annotations, one key=value per line.',
    kind: 'list',
    commands: ['build', 'merge']
  },
  {
    name: 'cleanup',
    description: "merge: remove this run's staging tags after publishing.",
    default: 'true',
    kind: 'boolean',
    commands: ['build', 'merge']
  },
  {
    name: 'mirrors',
    description:
      "merge (and one-job multi-platform builds): other repositories that get the same index (one digest everywhere) under the same tags, one full reference per line: ghcr.io/acme/app, docker.io/acme/app, 987654321098.dkr.ecr.us-west-2.amazonaws.com/team/app. ECR hosts (and public.ecr.aws/<alias>/<name>, through the ECR Public API) log in through the AWS credential chain, others through the runner's Docker credentials (docker/login-action), else anonymously.",
    kind: 'list',
    commands: ['build', 'merge']
  },
  {
    name: 'platform-tags',
    description:
      "merge (and one-job multi-platform builds): also tag each platform's image manifest itself (not an index) as <tag>-<arch>[-<variant>] on Linux (1.2.3-arm64, 1.2.3-arm-v7), <tag>-<os>-<arch>[-<build>] otherwise (1.2.3-windows-amd64-20348). For Lambda, which takes no index.",
    default: 'false',
    kind: 'boolean',
    commands: ['build', 'merge']
  }
]
