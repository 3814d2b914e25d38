#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 3724:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  RX: () => (/* binding */ PROGRAM),
  eb: () => (/* binding */ UsageError),
  BK: () => (/* binding */ helpText),
  Zy: () => (/* binding */ parseArgs)
});

// UNUSED EXPORTS: COMMANDS, OPTIONS, inputsOf, isCommand

;// CONCATENATED MODULE: ./src/config/inputs-table.ts
// The one table of inputs: action.yml's `inputs:` section is generated from it (npm run inputs),
// and the CLI takes its flags and its --help from it. A unit test holds action.yml to it.
const INPUTS = [
    {
        name: 'mode',
        description: "build (default): build this runner's platform and push it under a staging tag. merge: publish one image index of the staged legs under the release tags. check: check that every image the deployment files (manifests) run has the platforms; nothing is built or pushed.",
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
        description: "Default: the ECR registry of the credentials' account. Accepts a 12-digit account id, an ECR host (<acct>.dkr.ecr.<region>.amazonaws.com, .amazonaws.com.cn, dual-stack <acct>.dkr-ecr.<region>.on.aws, FIPS), ECR Public as public.ecr.aws/<alias> (logged in through the ECR Public API in us-east-1, no username/password), or any other OCI registry host (then username/password are used, or anonymous).",
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
        description: "check: the platforms every image must have (default linux/amd64,linux/arm64). build: the platform this job builds (default: the runner's own, linux/amd64 or linux/arm64); several build in one job under QEMU and are published under tags. merge: the platforms the index must contain, in this order (default: every leg staged for this run, linux/amd64 first).",
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
        description: 'Build secrets, one id=value per line; they reach BuildKit as secrets (RUN --mount=type=secret,id=...) and never appear in logs or argv.',
        kind: 'list',
        commands: []
    },
    {
        name: 'secret-envs',
        description: 'Build secrets from environment variables, id=ENV_NAME, one per line or comma-separated (as build-push-action). The values are read here, masked, and never appear in logs or argv.',
        kind: 'list',
        commands: ['build']
    },
    {
        name: 'secret-files',
        description: 'Build secrets from files, id=path, one per line (as build-push-action). The contents are masked; neither they nor the path appear in argv.',
        kind: 'list',
        commands: ['build']
    },
    {
        name: 'build-contexts',
        description: 'Additional build contexts, name=value, one per line (as build-push-action), e.g. alpine=docker-image://alpine:3.20 or src=./src.',
        kind: 'list',
        commands: ['build']
    },
    {
        name: 'ssh',
        description: 'SSH agent sockets or keys to expose to the build, one per line (as build-push-action): default, default=<socket>, or <id>=<path>. RUN --mount=type=ssh reads them.',
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
        description: 'build (default) builds. check runs the Dockerfile linter and fails on its warnings; outline and targets describe the Dockerfile. Anything but build pushes nothing.',
        default: 'build',
        kind: 'text',
        commands: ['build']
    },
    {
        name: 'sbom',
        description: "false (default), true (BuildKit's SBOM attestation, scanned by docker/buildkit-syft-scanner), or generator=<scanner image>. The merge keeps it with its image.",
        default: 'false',
        kind: 'boolean',
        commands: ['build']
    },
    {
        name: 'provenance',
        description: "true (default, mode=min), false (no provenance), or buildx's attributes: mode=min|max[,builder-id=<url>][,version=v0.2|v1].",
        default: 'true',
        kind: 'boolean',
        commands: ['build']
    },
    {
        name: 'cache',
        description: "ecr (default): registry cache in the same repository (ECR's image-manifest form), per branch: the default branch (and tags) under cache-<os>-<arch>[-<variant>], other branches under cache-<os>-<arch>[-<variant>]-<branch>.<hash>, importing the default branch's as a fallback; pull requests only import. none: no cache.",
        default: 'ecr',
        kind: 'text',
        commands: ['build']
    },
    {
        name: 'cache-from',
        description: 'Cache sources in buildx syntax, one per line (as build-push-action), e.g. type=gha or type=local,src=/tmp/cache. When given, they replace the ECR cache import.',
        kind: 'list',
        commands: ['build']
    },
    {
        name: 'cache-to',
        description: 'Cache exports in buildx syntax, one per line (as build-push-action), e.g. type=gha,mode=max. When given, they replace the ECR cache export.',
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
        description: "true (default): before building, check that every base image the target needs has the leg's platform; fail early when one does not. false: skip the check.",
        default: 'true',
        kind: 'boolean',
        commands: ['build']
    },
    {
        name: 'manifests',
        description: 'mode check: the deployment files to read, one per line or comma-separated: files, directories (their .yaml, .yml and .json files) or globs (k8s/**/*.yaml; a leading ! excludes). Kubernetes YAML (Helm-rendered output included), ECS task definitions (JSON) and Compose files. A glob that matches nothing is an error.',
        kind: 'list',
        commands: ['check']
    },
    {
        name: 'fail-on',
        description: 'mode check: missing (default) fails the step when an image lacks a platform; never only warns. An image that cannot be read is unknown: a warning, and ready is false.',
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
        description: "MUTABLE (default) or IMMUTABLE; used only when creating the repository (IMMUTABLE keeps the action's own cache-*, stage-* and build-* tags mutable through exclusion filters).",
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
        description: 'auto (default): when the current builder is the docker driver on the classic image store (stock GitHub-hosted runners), which cannot export registry cache or attestations, create a docker-container builder for this job and remove it in the post step. false: use the current builder as it is (then: inline cache, no attestations).',
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
        description: "merge (and one-job multi-platform builds, publish-when-complete legs): the release tags. A list (comma or newline separated; full references <registry>/<repository>:<tag> to this repository are accepted, as docker/metadata-action's tags output gives), or docker/metadata-action's rules, one per line (type=semver,pattern={{version}}, type=ref,event=branch, type=sha, ...). Default from git: v1.2.3 -> 1.2.3, 1.2, 1, latest; a branch -> its sanitised name; a pull request -> pr-<n>; always sha-<7>.",
        kind: 'list',
        commands: ['build', 'merge']
    },
    {
        name: 'publish-when-complete',
        description: "build legs without a merge job: the platforms of the whole matrix, e.g. linux/amd64,linux/arm64 (this leg's included). After staging, the leg that finds every one of them staged for this run publishes the index under tags, as a merge does; the others set published to false.",
        kind: 'list',
        commands: ['build']
    },
    {
        name: 'flavor',
        description: "With tag rules: docker/metadata-action's flavor, one entry per line: latest=auto|true|false, prefix=<p>[,onlatest=true], suffix=<s>[,onlatest=true].",
        kind: 'list',
        commands: ['build', 'merge']
    },
    {
        name: 'latest-policy',
        description: "highest (default): the latest tag moves only to the highest semver release (never to a back-port or a pre-release); the summary says why. always: latest moves whenever the tags name it (docker/metadata-action's behaviour).",
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
        description: "merge (and one-job multi-platform builds): other repositories that get the same index (one digest everywhere) under the same tags, one full reference per line: ghcr.io/acme/app, docker.io/acme/app, 987654321098.dkr.ecr.us-west-2.amazonaws.com/team/app. ECR hosts (and public.ecr.aws/<alias>/<name>, through the ECR Public API) log in through the AWS credential chain, others through the runner's Docker credentials (docker/login-action), else anonymously.",
        kind: 'list',
        commands: ['build', 'merge']
    },
    {
        name: 'platform-tags',
        description: "merge (and one-job multi-platform builds): also tag each platform's image manifest itself (not an index) as <tag>-<arch>[-<variant>] on Linux (1.2.3-arm64, 1.2.3-arm-v7), <tag>-<os>-<arch>[-<build>] otherwise (1.2.3-windows-amd64-20348). For Lambda, which takes no index.",
        default: 'false',
        kind: 'boolean',
        commands: ['build', 'merge']
    }
];

;// CONCATENATED MODULE: ./src/cli/args.ts
// The CLI's command line: a command, then the action's inputs as flags of the same names
// (--name value, --name=value; a list input's flag may be repeated; a boolean's bare flag is
// true), and the CLI's own options. Flags and --help both come from the table of inputs.

/** The commands (the action's modes) and what each does: --help's first lines. */
const COMMANDS = {
    build: "Build this machine's platform (or --platforms) and push it under this run's staging tag (the action's mode: build). Several platforms, or --publish-when-complete, publish the index too.",
    merge: "Publish one verified image index of the legs staged for this run under the release tags (the action's mode: merge). Needs no Docker.",
    check: "Check that every image the deployment files (--manifests) run has the platforms (the action's mode: check). Builds and pushes nothing; needs no Docker."
};
/** The CLI's own options, beside the inputs. */
const OPTIONS = [
    {
        flag: '--json',
        description: "Print the outputs object (action.yml's outputs, by name) as JSON on stdout; the progress goes to stderr."
    },
    {
        flag: '--password-stdin',
        description: 'Read the password or token of a non-ECR registry (with --username) from stdin. There is no password flag: a value in argv shows in process lists.'
    },
    {
        flag: '--attempt <n>',
        description: 'The attempt of this run, 1, 2, ... (default 1; GITHUB_RUN_ATTEMPT in a GitHub workflow): a retried leg stages under the next one, and the merge takes the newest.'
    },
    { flag: '--help', description: 'This help.' }
];
const PROGRAM = 'ecr-publish';
/** A command line that is not understood: exit 2, like bad input. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
function isCommand(word) {
    return Object.hasOwn(COMMANDS, word);
}
function inputsOf(command) {
    return INPUTS.filter(i => i.commands.includes(command));
}
function parseArgs(argv) {
    const invocation = { help: false, values: new Map(), json: false, passwordStdin: false };
    const [first, ...rest] = argv;
    if (first === undefined)
        return invocation;
    if (first === '--help' || first === '-h' || first === 'help')
        return { ...invocation, help: true };
    if (!isCommand(first)) {
        throw new UsageError(`"${first}" is not a command: use ${Object.keys(COMMANDS).join(', ')} (${PROGRAM} --help)`);
    }
    invocation.command = first;
    const specs = new Map(inputsOf(first).map(i => [i.name, i]));
    for (let i = 0; i < rest.length; i++) {
        const token = rest[i];
        if (token === '--help' || token === '-h') {
            invocation.help = true;
            continue;
        }
        const flag = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(token);
        if (!flag)
            throw new UsageError(`unexpected argument "${token}": flags take the form --name value or --name=value`);
        const [, name, inline] = flag;
        // The next token is this flag's value, unless there is none or it is the next flag.
        const next = () => {
            if (inline !== undefined)
                return inline;
            const value = rest[i + 1];
            if (value === undefined || /^--[a-z]/.test(value))
                throw new UsageError(`--${name} needs a value: --${name} <value> or --${name}=<value>`);
            i++;
            return value;
        };
        if (name === 'json' || name === 'password-stdin') {
            if (inline !== undefined)
                throw new UsageError(`--${name} takes no value`);
            if (name === 'json')
                invocation.json = true;
            else
                invocation.passwordStdin = true;
            continue;
        }
        if (name === 'attempt') {
            if (invocation.attempt !== undefined)
                throw new UsageError('--attempt is given twice: give it once');
            invocation.attempt = next();
            continue;
        }
        const spec = specs.get(name);
        if (!spec)
            throw new UsageError(notAFlag(first, name));
        const values = invocation.values.get(name) ?? [];
        if (values.length > 0 && spec.kind !== 'list')
            throw new UsageError(`--${name} is given twice: give it once`);
        // A boolean's bare flag is true; a word after it is its value (checked as the input is).
        if (spec.kind === 'boolean' && inline === undefined && (rest[i + 1] === undefined || rest[i + 1].startsWith('--')))
            values.push('true');
        else
            values.push(next());
        invocation.values.set(name, values);
    }
    return invocation;
}
/** Why a flag is not one of this command's: the action-only inputs say what the CLI takes instead. */
function notAFlag(command, name) {
    if (name === 'password')
        return '--password does not exist (a value in argv shows in process lists): pipe it to --password-stdin';
    if (name === 'secrets')
        return '--secrets does not exist (values in argv show in process lists): give --secret-envs id=ENV_NAME or --secret-files id=path';
    if (name === 'mode')
        return `--mode does not exist: the command is the mode (${PROGRAM} build, ${PROGRAM} merge, ${PROGRAM} check)`;
    const other = INPUTS.find(i => i.name === name)?.commands.filter(c => c !== command);
    if (other && other.length > 0)
        return `--${name} is not a flag of ${command}, only of ${other.join(', ')} (${PROGRAM} ${command} --help)`;
    return `--${name} is not a flag of ${command} (${PROGRAM} ${command} --help)`;
}
/** --help: the command's flags from the table (names, defaults, descriptions), then the CLI's own options. */
function helpText(command) {
    if (command === undefined) {
        return [
            `Usage: ${PROGRAM} <command> [flags]`,
            '',
            'Builds native per-architecture legs and publishes one verified multi-arch image index to Amazon ECR',
            '(or any OCI registry): the engine of the GitHub Action, for CodeBuild, GitLab CI and a laptop.',
            '',
            'Commands:',
            ...Object.entries(COMMANDS).flatMap(([name, text]) => [`  ${name}`, ...wrap(text, 6)]),
            '',
            `${PROGRAM} <command> --help lists the command's flags. Exit status: 0 done, 1 the operation failed, 2 bad input.`,
            ''
        ].join('\n');
    }
    const lines = [
        `Usage: ${PROGRAM} ${command} [flags]`,
        '',
        ...wrap(COMMANDS[command], 0),
        '',
        "Flags (the action's inputs: same names, same defaults):"
    ];
    for (const spec of inputsOf(command)) {
        const value = spec.kind === 'boolean' ? ' [true|false]' : spec.kind === 'list' ? ' <value> (repeatable)' : ' <value>';
        const note = spec.required ? '  (required)' : spec.default !== undefined ? `  (default: ${spec.default})` : '';
        lines.push(`  --${spec.name}${value}${note}`, ...wrap(spec.description, 6));
    }
    lines.push('', 'Options:');
    for (const option of OPTIONS)
        lines.push(`  ${option.flag}`, ...wrap(option.description, 6));
    return `${lines.join('\n')}\n`;
}
/** Words to lines of at most 100 columns, indented. */
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
        if (line !== '' && indent + line.length + 1 + word.length > 100) {
            lines.push(' '.repeat(indent) + line);
            line = word;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '')
        lines.push(' '.repeat(indent) + line);
    return lines;
}


/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _commands_early_login_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5903);
/* harmony import */ var _args_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3724);
// ecr-publish: the CLI's entry point (bundled to dist/cli/index.js, package.json's bin).


// Before the command's code loads: the ECR API's handshakes run meanwhile (flags the parser
// refuses open nothing; main.ts reports them).
let invocation;
try {
    invocation = (0,_args_js__WEBPACK_IMPORTED_MODULE_1__/* .parseArgs */ .Zy)(process.argv.slice(2));
}
catch {
    invocation = undefined;
}
if (invocation?.command && !invocation.help) {
    const { command, values } = invocation;
    await (0,_commands_early_login_js__WEBPACK_IMPORTED_MODULE_0__/* .connectEarlyForLogin */ .U)(name => (name === 'mode' ? command : values.get(name)?.[0]));
}
const { runProcess } = await Promise.all(/* import() */[__nccwpck_require__.e(557), __nccwpck_require__.e(436)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9436));
await runProcess();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5903:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U: () => (/* binding */ connectEarlyForLogin)
});

// UNUSED EXPORTS: earlyLoginEndpoint

// EXTERNAL MODULE: ./src/ecr/registry-host.ts
var registry_host = __nccwpck_require__(4130);
;// CONCATENATED MODULE: ./src/ecr/api-endpoint.ts
// The ECR API endpoint the SDK will call, told from the environment alone, for the early
// connection (net/early-connection.ts). Undefined wherever that is not certain (FIPS or
// dual-stack endpoints, partitions without a public endpoint name here): then nothing is
// opened early, and the SDK resolves its endpoint as it always does.

const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
const truthy = (value) => value?.trim().toLowerCase() === 'true';
function ecrApiEndpoint(region, env = process.env) {
    // The SDK's configured endpoints (AWS_ENDPOINT_URL_ECR wins over AWS_ENDPOINT_URL).
    const configured = truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ? undefined : env.AWS_ENDPOINT_URL_ECR || env.AWS_ENDPOINT_URL;
    if (configured)
        return URL.canParse(configured) ? new URL(configured) : undefined;
    if (!region || !REGION.test(region) || truthy(env.AWS_USE_FIPS_ENDPOINT) || truthy(env.AWS_USE_DUALSTACK_ENDPOINT))
        return undefined;
    switch ((0,registry_host/* partitionOfRegion */.cn)(region)) {
        case 'aws':
        case 'aws-us-gov':
            return new URL(`https://api.ecr.${region}.amazonaws.com`);
        case 'aws-cn':
            return new URL(`https://api.ecr.${region}.amazonaws.com.cn`);
        default:
            return undefined;
    }
}

// EXTERNAL MODULE: ./src/net/early-connection.ts
var early_connection = __nccwpck_require__(2753);
// EXTERNAL MODULE: ./src/net/proxy.ts
var proxy = __nccwpck_require__(1987);
;// CONCATENATED MODULE: ./src/commands/early-login.ts
// The first thing a step or a CLI command does: when it will log in to ECR, open the
// connection to the ECR API while the rest of the code (and the AWS SDK) loads
// (net/early-connection.ts). Reads the inputs as they were given, before any parsing;
// anything unclear (a proxy, another registry, mode check, an input the parser will refuse)
// opens nothing, and the run goes on exactly as without it.




/** The ECR API endpoint this run's login will call, when the inputs say it surely will. */
function earlyLoginEndpoint(input, env) {
    const given = (name) => input(name)?.trim() || undefined;
    try {
        if ((given('mode') ?? 'build').toLowerCase() === 'check')
            return undefined;
        if ((0,proxy/* hasProxy */.jL)((0,proxy/* readProxyEnv */.sK)(env)))
            return undefined;
        const region = (0,registry_host/* regionOf */.AP)(given('region'), env);
        const target = (0,registry_host/* resolveRegistryInput */.am)(given('registry'), region);
        if (target.kind === 'other')
            return undefined;
        return ecrApiEndpoint(target.kind === 'ecr' ? target.region : region, env);
    }
    catch {
        // The input is refused later, by the parser, with its own message.
        return undefined;
    }
}
/** Resolves once the connection attempt has left (after one turn of the event loop: Node starts a connect on the next tick). */
async function connectEarlyForLogin(input, env = process.env) {
    const endpoint = earlyLoginEndpoint(input, env);
    if (!endpoint)
        return;
    (0,early_connection/* connectEarly */.Ir)(endpoint);
    // Loading the rest blocks the loop; without this turn the connect would wait for it.
    await new Promise(resolve => setImmediate(resolve));
}


/***/ }),

/***/ 4130:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ regionOf),
/* harmony export */   MT: () => (/* binding */ isEcrPublic),
/* harmony export */   am: () => (/* binding */ resolveRegistryInput),
/* harmony export */   aw: () => (/* binding */ withEcrPublicAlias),
/* harmony export */   cn: () => (/* binding */ partitionOfRegion),
/* harmony export */   wl: () => (/* binding */ parseEcrHost)
/* harmony export */ });
/* unused harmony export ecrHostFor */
// ECR registry host names: parsing, building, and resolving the `registry` input.
// Pure: no I/O, no SDK.
const ACCOUNT_ID = /^\d{12}$/;
const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}';
// IPv4 DNS suffixes of the partitions, longest first so that `.amazonaws.com.cn` wins over `.amazonaws.com`.
const IPV4_SUFFIXES = [
    ['amazonaws.com.cn', 'aws-cn'],
    ['csp.hci.ic.gov', 'aws-iso-f'],
    ['cloud.adc-e.uk', 'aws-iso-e'],
    ['sc2s.sgov.gov', 'aws-iso-b'],
    ['c2s.ic.gov', 'aws-iso'],
    ['amazonaws.com', 'aws'],
    ['amazonaws.eu', 'aws-eusc']
];
const ECR_HOST = new RegExp(`^(\\d{12})\\.(?:dkr\\.ecr(-fips)?\\.(${REGION})\\.(${IPV4_SUFFIXES.map(([s]) => s.replace(/\./g, '\\.')).join('|')})` +
    `|dkr-ecr(-fips)?\\.(${REGION})\\.on\\.aws)$`);
/** Parses an ECR private registry host (an optional `:443` is tolerated); anything else gives undefined. */
function parseEcrHost(host) {
    const m = ECR_HOST.exec(host.trim().toLowerCase().replace(/:443$/, ''));
    if (!m)
        return undefined;
    const [, accountId, fips4, region4, suffix, fips6, region6] = m;
    if (region6 !== undefined) {
        return { accountId, region: region6, fips: fips6 !== undefined, dualStack: true, partition: partitionOfRegion(region6) };
    }
    const partition = IPV4_SUFFIXES.find(([s]) => s === suffix)[1];
    // GovCloud shares the commercial suffix; only the region tells them apart.
    const resolved = partition === 'aws' ? partitionOfRegion(region4) : partition;
    return { accountId, region: region4, fips: fips4 !== undefined, dualStack: false, partition: resolved };
}
function isEcrPublic(host) {
    return host.trim().toLowerCase().replace(/:443$/, '') === 'public.ecr.aws';
}
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region.startsWith('us-isob-'))
        return 'aws-iso-b';
    if (region.startsWith('us-isof-'))
        return 'aws-iso-f';
    if (region.startsWith('us-iso-'))
        return 'aws-iso';
    if (region.startsWith('eu-isoe-'))
        return 'aws-iso-e';
    if (region.startsWith('eusc-'))
        return 'aws-eusc';
    return 'aws';
}
function suffixOf(partition) {
    if (partition === 'aws-us-gov')
        return 'amazonaws.com';
    return IPV4_SUFFIXES.find(([, p]) => p === partition)[0];
}
/** The private registry host of an account in a region. */
function ecrHostFor(accountId, region, opts = {}) {
    if (!ACCOUNT_ID.test(accountId))
        throw new Error(`invalid AWS account id "${accountId}": expected 12 digits`);
    if (!new RegExp(`^${REGION}$`).test(region))
        throw new Error(`invalid AWS region "${region}": expected a name like us-east-1`);
    const partition = partitionOfRegion(region);
    const fips = opts.fips ? '-fips' : '';
    if (opts.dualStack) {
        if (partition !== 'aws' && partition !== 'aws-us-gov') {
            throw new Error(`ECR dual-stack endpoints are not supported in region ${region}; use the IPv4 endpoint`);
        }
        return `${accountId}.dkr-ecr${fips}.${region}.on.aws`;
    }
    if (opts.fips && partition !== 'aws' && partition !== 'aws-us-gov') {
        throw new Error(`ECR FIPS endpoints are not available in region ${region}`);
    }
    return `${accountId}.dkr.ecr${fips}.${region}.${suffixOf(partition)}`;
}
const ACCEPTED_FORMS = 'accepted forms: empty (the account of the AWS credentials), a 12-digit account id, ' +
    'an ECR host like 123456789012.dkr.ecr.us-east-1.amazonaws.com, or another registry host[:port]';
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const HOST_PORT = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?$`);
/** The region input, else AWS_REGION, else AWS_DEFAULT_REGION (as aws-actions/configure-aws-credentials and the SDK set them). */
function regionOf(given, env) {
    return given ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}
/**
 * Interprets the `registry` input. An ECR host decides the region: when an explicit
 * region disagrees, the host wins and `note` says so.
 */
function resolveRegistryInput(registry, region) {
    const raw = (registry ?? '').trim();
    if (raw === '')
        return { kind: 'ecr-default' };
    const wantedRegion = region?.trim() || undefined;
    if (ACCOUNT_ID.test(raw)) {
        if (!wantedRegion)
            throw new Error('input registry is an account id; set input region or AWS_REGION');
        return { kind: 'ecr', host: ecrHostFor(raw, wantedRegion), accountId: raw, region: wantedRegion };
    }
    const host = hostOf(raw);
    const ecr = parseEcrHost(host);
    if (!ecr)
        return { kind: 'other', host };
    const result = { kind: 'ecr', host: host.toLowerCase().replace(/:443$/, ''), accountId: ecr.accountId, region: ecr.region };
    if (wantedRegion && wantedRegion !== ecr.region) {
        result.note = `registry ${result.host} is in region ${ecr.region}; using it instead of region ${wantedRegion}`;
    }
    return result;
}
function hostOf(raw) {
    const withoutScheme = raw.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '').replace(/\/+$/, '');
    if (withoutScheme.includes('/')) {
        throw new Error(`input registry "${raw}" must be a registry host without a path (the repository has its own input); ${ACCEPTED_FORMS}`);
    }
    const m = HOST_PORT.exec(withoutScheme);
    if (!m || (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535))) {
        throw new Error(`input registry "${raw}" is not a valid host[:port]; ${ACCEPTED_FORMS}`);
    }
    return withoutScheme;
}
/**
 * `registry: public.ecr.aws/<alias>` is how ECR Public names a registry: the alias moves to the
 * front of the repository path, so that everything after reads `public.ecr.aws/<alias>/<repository>`.
 * Any other registry comes back unchanged; public.ecr.aws without an alias needs one in the repository.
 */
function withEcrPublicAlias(registry, repository) {
    const raw = (registry ?? '')
        .trim()
        .replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '')
        .replace(/\/+$/, '');
    const slash = raw.indexOf('/');
    const host = slash < 0 ? raw : raw.slice(0, slash);
    if (!isEcrPublic(host))
        return { registry, repository };
    if (slash < 0) {
        if (!repository.includes('/'))
            throw new Error(`public.ecr.aws needs the registry alias, and repository "${repository}" has none: give registry: public.ecr.aws/<alias>, or repository: <alias>/${repository}`);
        return { registry: 'public.ecr.aws', repository };
    }
    const alias = raw.slice(slash + 1);
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(alias) || alias.length < 2 || alias.length > 50) {
        throw new Error(`"${registry}" is not an ECR Public registry: give public.ecr.aws/<alias>, the alias in 2 to 50 lowercase letters, digits, ".", "_" or "-"`);
    }
    return { registry: 'public.ecr.aws', repository: `${alias}/${repository}` };
}


/***/ }),

/***/ 2753:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ connectEarly),
/* harmony export */   iS: () => (/* binding */ earlyConnectionsTaken),
/* harmony export */   kO: () => (/* binding */ hasEarlyConnection),
/* harmony export */   pq: () => (/* binding */ EarlyConnectionAgent)
/* harmony export */ });
/* unused harmony exports takeEarlyConnection, dropEarlyConnections */
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_https__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
// A connection opened before the code that uses it has loaded. The ECR login's first request
// waits for the AWS SDK to load (most of a merge step's start-up) and then for its own TCP and
// TLS handshakes (two or three round trips); opened at process start, the handshakes run while
// the SDK loads, and the SDK's HTTPS agent takes the socket for its first request.
// Pure Node: the action's entry opens it before anything else loads.



const early = new Map();
let taken = 0;
const key = (host, port) => `${host.toLowerCase()}:${Number(port)}`;
/**
 * Opens a TLS connection to an https URL and keeps it for `takeEarlyConnection`. It never holds
 * the process open (unref'd until taken) and never fails anything: an error only drops it, and
 * the agent then connects as it always does. `ca` is for tests.
 */
function connectEarly(url, options = {}) {
    if (url.protocol !== 'https:')
        return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    const id = key(host, port);
    if (early.has(id))
        return;
    const socket = node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({ host, port, servername: (0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(host) ? undefined : host, ca: options.ca });
    socket.unref();
    socket.on('error', () => early.get(id) === socket && early.delete(id));
    socket.on('close', () => early.get(id) === socket && early.delete(id));
    early.set(id, socket);
}
/** The early connection to host:port, once: undefined when none was opened or it has closed. */
function takeEarlyConnection(host, port) {
    const id = key(host, port);
    const socket = early.get(id);
    early.delete(id);
    if (!socket || socket.destroyed || !socket.writable)
        return undefined;
    // Unref'd while it waited; a request in flight must keep the process alive.
    socket.ref();
    taken++;
    return socket;
}
/** How many early connections an agent took (the debug log says so: a test can see it was used). */
function earlyConnectionsTaken() {
    return taken;
}
/** Whether an early connection is waiting (the SDK gets the agent below only then). */
function hasEarlyConnection() {
    return early.size > 0;
}
/** Closes the connections nobody took (tests; a step exits without it, as they are unref'd). */
function dropEarlyConnections() {
    for (const socket of early.values())
        socket.destroy();
    early.clear();
}
/**
 * An HTTPS keep-alive agent whose first connection to a host is the early one when there is
 * one; every other connection is its own, as with https.Agent.
 */
class EarlyConnectionAgent extends (node_https__WEBPACK_IMPORTED_MODULE_0___default().Agent) {
    createConnection(options, callback) {
        const socket = takeEarlyConnection(options.host ?? options.hostname ?? 'localhost', options.port ?? 443);
        return socket ?? super.createConnection(options, callback);
    }
}


/***/ }),

/***/ 1987:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ex: () => (/* binding */ describeProxyFailure),
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   jI: () => (/* binding */ describeProxyEnv),
/* harmony export */   jL: () => (/* binding */ hasProxy),
/* harmony export */   rU: () => (/* binding */ formatNoProxy),
/* harmony export */   rZ: () => (/* binding */ proxyRefused),
/* harmony export */   sK: () => (/* binding */ readProxyEnv)
/* harmony export */ });
/* unused harmony exports parseNoProxy, bypassesProxy, redactProxyUrl, proxySecrets, ProxyError, proxyUnreachable */
// The proxy policy of every call the action makes itself (ECR API, registry): which
// proxy, if any, carries a request to a URL, read once from HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY (either case). The adapters in proxy-agents.ts hand this one decision to
// undici (registry fetch) and to the AWS SDK's Node HTTP handler, so both always agree.
/** The variable that is set, lower case first (as curl, undici and proxy-from-env read them); an empty value counts as unset. */
function pick(env, name) {
    for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
        const value = env[variable]?.trim();
        if (value)
            return { variable, value };
    }
    return undefined;
}
/** The proxy settings of this process; a malformed proxy URL is an error naming its variable. */
function readProxyEnv(env = process.env) {
    const noProxy = pick(env, 'no_proxy');
    return {
        https: parseProxy(pick(env, 'https_proxy')),
        http: parseProxy(pick(env, 'http_proxy')),
        noProxy: noProxy ? parseNoProxy(noProxy.value) : []
    };
}
function hasProxy(p) {
    return p.https !== undefined || p.http !== undefined;
}
/** One line for the log: which proxies the action's own calls use (without credentials). */
function describeProxyEnv(p) {
    if (!hasProxy(p))
        return undefined;
    const parts = [];
    const https = p.https ?? p.http;
    if (https)
        parts.push(`HTTPS through ${https.shown} (from ${https.variable})`);
    if (p.http)
        parts.push(`HTTP through ${p.http.shown} (from ${p.http.variable})`);
    const bypass = p.noProxy.length > 0 ? `; direct to ${formatNoProxy(p.noProxy)} (NO_PROXY)` : '';
    return `proxy: ${parts.join(', ')}${bypass}`;
}
function parseProxy(found) {
    if (!found)
        return undefined;
    const { variable, value } = found;
    // A bare host:port means an HTTP proxy, as curl reads it.
    const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new Error(`${variable}: "${redactText(value)}" is not a proxy URL; give http://host:port (or http://user:password@host:port)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`${variable}: ${url.protocol.slice(0, -1)} proxies are not supported; give an http:// or https:// proxy URL`);
    }
    if (url.hostname === '')
        throw new Error(`${variable}: the proxy URL has no host; give http://host:port`);
    return { url, shown: redactProxyUrl(url), variable };
}
/** NO_PROXY entries: hosts, domain suffixes (`.example.com`, `*.example.com`, `example.com` also covers its subdomains), `host:port`, `*`. */
function parseNoProxy(value) {
    const entries = [];
    for (const raw of value.split(/[,\s]+/)) {
        if (raw === '')
            continue;
        const m = /^(.+):(\d+)$/.exec(raw);
        const hostname = (m ? m[1] : raw).replace(/^\*?\./, '').toLowerCase();
        if (hostname === '*')
            return [{ hostname: '*', port: 0 }];
        if (hostname !== '')
            entries.push({ hostname, port: m ? Number(m[2]) : 0 });
    }
    return entries;
}
/** NO_PROXY as the adapters are given it: the entries this module parsed, nothing else. */
function formatNoProxy(entries) {
    return entries.map(e => (e.port ? `${e.hostname}:${e.port}` : e.hostname)).join(',');
}
const defaultPorts = { 'http:': 80, 'https:': 443 };
/** Whether NO_PROXY sends this host and port direct. */
function bypassesProxy(entries, hostname, port) {
    const host = hostname.toLowerCase();
    return entries.some(e => {
        if (e.hostname === '*')
            return true;
        if (e.port && e.port !== port)
            return false;
        return host === e.hostname || host.endsWith(`.${e.hostname}`);
    });
}
/** The proxy that carries a request to this URL, or undefined to go direct. HTTPS falls back to HTTP_PROXY. */
function proxyFor(target, p) {
    const url = typeof target === 'string' ? new URL(target) : target;
    const chosen = url.protocol === 'https:' ? (p.https ?? p.http) : url.protocol === 'http:' ? p.http : undefined;
    if (!chosen)
        return undefined;
    // URL.host keeps IPv6 brackets; strip only the port.
    const hostname = url.host.replace(/:\d*$/, '');
    const port = Number(url.port) || defaultPorts[url.protocol] || 0;
    return bypassesProxy(p.noProxy, hostname, port) ? undefined : chosen;
}
/** The proxy URL without user and password. */
function redactProxyUrl(url) {
    const copy = new URL(url.href);
    copy.username = '';
    copy.password = '';
    return copy.href.replace(/\/$/, '');
}
function redactText(value) {
    return value.replace(/\/\/[^/@]*@/, '//');
}
/** What must be masked in logs: each proxy password, raw and percent-decoded. */
function proxySecrets(p) {
    const secrets = new Set();
    for (const s of [p.https, p.http]) {
        if (!s?.url.password)
            continue;
        secrets.add(s.url.password);
        try {
            secrets.add(decodeURIComponent(s.url.password));
        }
        catch {
            // Not valid percent-encoding: the raw form is what appears.
        }
    }
    return [...secrets];
}
/** The proxy failed us, not the target: the message names it (without credentials) and its variable. */
class ProxyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ProxyError';
    }
}
const refusals = {
    403: 'the proxy forbids this destination: allow it in the proxy\u2019s rules (for tinyproxy, ConnectPort and Allow), or list the host in NO_PROXY to go direct',
    407: 'the proxy wants credentials: give them in the URL, http://user:password@host:port (the password is masked in the log)'
};
/** The error for a proxy that answered the tunnel request with a status other than 200. */
function proxyRefused(proxy, target, status) {
    const what = refusals[status] ?? 'check the proxy\u2019s log, or list the host in NO_PROXY to go direct';
    return new ProxyError(`the proxy ${proxy.shown} (from ${proxy.variable}) refused to connect to ${target} (HTTP ${status}): ${what}`);
}
/** The error for a proxy that could not be reached at all. */
function proxyUnreachable(proxy, target, code) {
    return new ProxyError(`cannot reach the proxy ${proxy.shown} (from ${proxy.variable}) to connect to ${target} (${code}): ` +
        `check that the proxy runs and that ${proxy.variable} names the right host and port, or unset it to go direct`);
}
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/**
 * A failure through a proxy, described: a refused tunnel (undici says `Proxy response (403)`) or
 * a proxy that cannot be reached. Undefined when the proxy is not to blame.
 */
function describeProxyFailure(err, proxy, target) {
    for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 8; e = e.cause, depth++) {
        const { code, message } = e;
        const refused = typeof message === 'string' ? /Proxy response \((\d{3})\)/.exec(message) : null;
        if (refused)
            return proxyRefused(proxy, target, Number(refused[1]));
        if (typeof code === 'string' && unreachableCodes.has(code))
            return proxyUnreachable(proxy, target, code);
    }
    return undefined;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
