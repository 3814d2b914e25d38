export const id = 625;
export const ids = [625,455];
export const modules = {

/***/ 1048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ PlatformLookup)
/* harmony export */ });
/* unused harmony export locateImage */
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8825);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2060);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1890);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2148);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4872);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6618);
// Which platforms an image has, asked of its registry through the one registry client:
// an index lists them; a single manifest's config names its one platform. Docker Hub short
// names (python:3.12) mean registry-1.docker.io/library/python. Answers are cached per run.






const dockerHub = 'registry-1.docker.io';
/** Image configs are small; anything larger is not one. */
/** Where an image as a Dockerfile names it lives: the defaults docker applies (Docker Hub, library/, latest). */
function locateImage(image) {
    const slash = image.indexOf('/');
    const first = slash === -1 ? '' : image.slice(0, slash);
    const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
    let host = hasHost ? first : 'docker.io';
    let path = hasHost ? image.slice(slash + 1) : image;
    if (host === 'docker.io' || host === 'index.docker.io') {
        host = dockerHub;
        if (!path.includes('/'))
            path = `library/${path}`;
    }
    const ref = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_3__/* .parseReference */ .F2)(`${host}/${path}`);
    return { registry: ref.registry, repository: ref.repository, reference: ref.digest ?? ref.tag ?? 'latest' };
}
class PlatformLookup {
    answers = new Map();
    clients = new Map();
    clientFor;
    waiting = [];
    active = 0;
    concurrency;
    constructor(options = {}) {
        const logger = options.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_5__/* .silentLogger */ .q;
        this.clientFor =
            options.clientFor ?? (registry => new _registry_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryClient */ .bP({ registry, logger, retry: { attempts: 2 }, fetch: options.fetch }));
        this.concurrency = options.concurrency ?? 4;
        for (const [host, client] of Object.entries(options.clients ?? {}))
            this.clients.set(host, Promise.resolve(client));
    }
    /** The platforms of an image, or why they cannot be known; never throws. */
    platforms(image) {
        let answer = this.answers.get(image);
        if (!answer) {
            answer = this.limited(() => this.lookup(image)).catch((err) => ({
                ok: false,
                reason: err instanceof Error ? err.message : String(err)
            }));
            this.answers.set(image, answer);
        }
        return answer;
    }
    async lookup(image) {
        const where = locateImage(image);
        // One client per host, made once even when several images of it are asked for at once.
        let pending = this.clients.get(where.registry);
        if (!pending) {
            pending = Promise.resolve().then(() => this.clientFor(where.registry));
            this.clients.set(where.registry, pending);
        }
        const client = await pending;
        const top = await client.getManifest(where.repository, where.reference);
        const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(top.bytes, top.mediaType);
        if (parsed.kind === 'index') {
            const platforms = parsed.index.manifests.filter(d => d.platform && !(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3)(d)).map(d => d.platform);
            if (platforms.length === 0)
                return { ok: false, reason: 'its index lists no platform' };
            // In the index's order, each once (Windows images repeat a platform per os.version).
            const unique = [...new Map(platforms.map(p => [(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .Bq)(p), p])).values()];
            return { ok: true, platforms: unique };
        }
        const bytes = await client.getBlob(where.repository, parsed.manifest.config.digest, _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_CONFIG_BYTES */ .GW);
        const config = JSON.parse(new TextDecoder().decode(bytes));
        if (typeof config.os !== 'string' || typeof config.architecture !== 'string')
            return { ok: false, reason: 'its image config names no os and architecture' };
        return { ok: true, platforms: [(0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformFromConfig */ .M3)(config)] };
    }
    /** Runs fn when fewer than `concurrency` lookups are in flight. */
    async limited(fn) {
        if (this.active >= this.concurrency)
            await new Promise(resolve => this.waiting.push(resolve));
        this.active++;
        try {
            return await fn();
        }
        finally {
            this.active--;
            this.waiting.shift()?.();
        }
    }
}


/***/ }),

/***/ 1006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  build: () => (/* binding */ build)
});

// EXTERNAL MODULE: ./src/check/platforms.ts
var platforms = __webpack_require__(1048);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/oci/platform.ts
var oci_platform = __webpack_require__(1890);
;// CONCATENATED MODULE: ./src/check/dockerfile.ts
// Reads a Dockerfile far enough to know which external images a build pulls: its stages,
// the global ARGs FROM lines may use, and which stages the target needs. Pure: no I/O.
// Anything it does not understand becomes a reason (the pre-flight then warns), never a throw.
class ParseFailure extends Error {
}
/** The automatic platform ARGs for a leg building `target` on a runner of `build` (os/arch[/variant]). */
function automaticArgs(target, build) {
    const split = (p, prefix) => {
        const [os = '', arch = '', variant = ''] = p.split('/');
        return { [`${prefix}PLATFORM`]: p, [`${prefix}OS`]: os, [`${prefix}ARCH`]: arch, [`${prefix}VARIANT`]: variant };
    };
    return { ...split(target, 'TARGET'), ...split(build, 'BUILD') };
}
function readDockerfile(text, options = {}) {
    try {
        return { ok: true, images: externalImages(parseStages(instructions(text), options), options.target) };
    }
    catch (err) {
        if (err instanceof ParseFailure)
            return { ok: false, reason: err.message };
        throw err;
    }
}
/**
 * The frontend BuildKit runs for this Dockerfile: the `# syntax=` parser directive (or the
 * BUILDKIT_SYNTAX build-arg, which overrides it), with its line (0 for the build-arg).
 */
function frontendImage(text, buildArgs = {}) {
    const override = buildArgs.BUILDKIT_SYNTAX?.trim();
    if (override)
        return { image: override, line: 0 };
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
        const m = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(line);
        if (!m)
            return undefined;
        if (m[1].toLowerCase() === 'syntax')
            return { image: m[2], line: i + 1 };
    }
    return undefined;
}
// ---- lines to instructions ----
/** Parser directives: `# key=value` lines at the very top, before any other line. */
function directives(lines) {
    let escape = '\\';
    let i = 0;
    for (; i < lines.length; i++) {
        const m = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(lines[i]);
        if (!m)
            break;
        if (m[1].toLowerCase() === 'escape') {
            if (m[2] !== '\\' && m[2] !== '`')
                throw new ParseFailure(`line ${i + 1}: the escape directive accepts \\ or \`, not "${m[2]}"`);
            escape = m[2];
        }
    }
    return { escape, first: i };
}
/** Logical instructions: continuations joined, comments and heredoc bodies dropped. */
function instructions(text) {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const { escape } = directives(lines);
    const out = [];
    let i = 0;
    while (i < lines.length) {
        const start = i;
        if (/^\s*(#|$)/.test(lines[i])) {
            i++;
            continue;
        }
        let joined = '';
        for (;;) {
            const raw = lines[i++] ?? '';
            const trimmed = raw.replace(/\s+$/, '');
            if (trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape)) {
                joined += trimmed.slice(0, -1);
                // Comment and blank lines inside a continuation are skipped, as BuildKit does.
                while (i < lines.length && /^\s*(#|$)/.test(lines[i]))
                    i++;
                if (i >= lines.length)
                    break;
                continue;
            }
            joined += trimmed;
            break;
        }
        const m = /^\s*(\S+)\s*(.*)$/s.exec(joined);
        if (!m)
            continue;
        const keyword = m[1].toUpperCase();
        out.push({ keyword, args: m[2], line: start + 1 });
        if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD')
            i = skipHeredocs(lines, i, m[2], start + 1);
    }
    return out;
}
/** Skips the bodies of `<<EOF` / `<<-"EOF"` heredocs the instruction opened; returns the next line. */
function skipHeredocs(lines, next, args, line) {
    let i = next;
    for (const m of args.matchAll(/<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const [, dash, , word] = m;
        while (i < lines.length && (dash ? lines[i].replace(/^\t+/, '') : lines[i]) !== word)
            i++;
        if (i >= lines.length)
            throw new ParseFailure(`line ${line}: the heredoc <<${word} has no closing ${word} line`);
        i++;
    }
    return i;
}
// ---- words and variables ----
/** Splits on whitespace, honouring quotes (removed). */
function words(s, line) {
    const out = [];
    let current = '';
    let quote = '';
    let inWord = false;
    for (const c of s) {
        if (quote) {
            if (c === quote)
                quote = '';
            else
                current += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                out.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += c;
            inWord = true;
        }
    }
    if (quote)
        throw new ParseFailure(`line ${line}: unterminated ${quote} quote`);
    if (inWord)
        out.push(current);
    return out;
}
/** Expands $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}; unset variables are empty. */
function expand(s, vars, line = 0) {
    let out = '';
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (c === '\\' && s[i + 1] === '$') {
            out += '$';
            i += 2;
            continue;
        }
        if (c !== '$') {
            out += c;
            i++;
            continue;
        }
        const simple = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(i));
        if (simple) {
            out += vars.get(simple[1]) ?? '';
            i += simple[0].length;
            continue;
        }
        if (s[i + 1] !== '{') {
            out += c;
            i++;
            continue;
        }
        const close = matchingBrace(s, i + 1);
        if (close === -1)
            throw new ParseFailure(`line ${line}: "${s.slice(i)}" has no closing }`);
        const body = s.slice(i + 2, close);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
        if (!m)
            throw new ParseFailure(`line ${line}: cannot expand \${${body}} (the pre-flight reads $VAR, \${VAR}, \${VAR:-default})`);
        const [, name, op, word = ''] = m;
        const value = vars.get(name);
        const set = op?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
        if (op === undefined)
            out += value ?? '';
        else if (op.endsWith('-'))
            out += set ? (value ?? '') : expand(word, vars, line);
        else
            out += set ? expand(word, vars, line) : '';
        i = close + 1;
    }
    return out;
}
function matchingBrace(s, open) {
    let depth = 0;
    for (let i = open; i < s.length; i++) {
        if (s[i] === '{')
            depth++;
        else if (s[i] === '}' && --depth === 0)
            return i;
    }
    return -1;
}
// ---- stages ----
function parseStages(list, options) {
    const automatic = options.automatic ?? {};
    // FROM lines see the automatic platform ARGs and the ARGs declared before the first FROM.
    const vars = new Map(Object.entries(automatic));
    const stages = [];
    for (const ins of list) {
        if (ins.keyword === 'ARG' && stages.length === 0) {
            for (const word of words(ins.args, ins.line)) {
                const eq = word.indexOf('=');
                const name = eq === -1 ? word : word.slice(0, eq);
                if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
                    throw new ParseFailure(`line ${ins.line}: "${name}" is not an ARG name`);
                const given = options.buildArgs?.[name];
                if (given !== undefined)
                    vars.set(name, given);
                else if (eq !== -1)
                    vars.set(name, expand(word.slice(eq + 1), vars, ins.line));
                else if (!(name in automatic))
                    vars.delete(name);
            }
        }
        else if (ins.keyword === 'FROM') {
            stages.push(fromStage(ins, vars));
        }
        else if (stages.length === 0) {
            if (ins.keyword !== 'ARG')
                throw new ParseFailure(`line ${ins.line}: ${ins.keyword} before the first FROM`);
        }
        else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
            const from = flags(ins.args).get('from');
            if (from !== undefined)
                stages[stages.length - 1].uses.push({ ref: from, line: ins.line, instruction: 'COPY --from' });
        }
        else if (ins.keyword === 'RUN') {
            for (const mount of flagValues(ins.args, 'mount')) {
                const from = /(?:^|,)from=([^,]+)/.exec(mount)?.[1];
                if (from !== undefined)
                    stages[stages.length - 1].uses.push({ ref: from, line: ins.line, instruction: 'RUN --mount' });
            }
        }
    }
    if (stages.length === 0)
        throw new ParseFailure('the Dockerfile has no FROM instruction');
    return stages;
}
function fromStage(ins, vars) {
    const parts = words(ins.args, ins.line);
    let platform;
    let rawPlatform;
    while (parts[0]?.startsWith('--')) {
        const flag = parts.shift() ?? '';
        const m = /^--platform=(.*)$/.exec(flag);
        if (!m)
            throw new ParseFailure(`line ${ins.line}: FROM flag ${flag} is not one the pre-flight reads (--platform)`);
        rawPlatform = m[1];
        platform = expand(m[1], vars, ins.line);
    }
    const [image, as, name, ...rest] = parts;
    if (image === undefined)
        throw new ParseFailure(`line ${ins.line}: FROM names no image`);
    if (as !== undefined && (as.toLowerCase() !== 'as' || name === undefined || rest.length > 0))
        throw new ParseFailure(`line ${ins.line}: expected FROM [--platform=...] image [AS name]`);
    const base = expand(image, vars, ins.line);
    if (base === '')
        throw new ParseFailure(`line ${ins.line}: FROM ${image} expands to nothing (an ARG without a value?)`);
    return {
        name: name?.toLowerCase(),
        base,
        line: ins.line,
        platform: platform === '' ? undefined : platform,
        buildPlatform: rawPlatform !== undefined && /\$\{?BUILDPLATFORM\b/.test(rawPlatform),
        uses: []
    };
}
/** --name=value flags at the start of an instruction's arguments. */
function flags(args) {
    const out = new Map();
    for (const m of args.matchAll(/(?:^|\s)--([a-z-]+)=(\S+)/g))
        out.set(m[1], m[2].replace(/^["']|["']$/g, ''));
    return out;
}
function flagValues(args, name) {
    return [...args.matchAll(new RegExp(`(?:^|\\s)--${name}=(\\S+)`, 'g'))].map(m => m[1].replace(/^["']|["']$/g, ''));
}
// ---- the target's images ----
function externalImages(stages, target) {
    const index = new Map();
    stages.forEach((s, i) => {
        if (s.name !== undefined)
            index.set(s.name, i);
    });
    const last = stages.length - 1;
    const goal = target === undefined || target === '' ? last : index.get(target.toLowerCase());
    if (goal === undefined)
        throw new ParseFailure(`the target "${target}" is not a stage of the Dockerfile`);
    // A reference is an earlier stage (by name, or by index for COPY --from), or an image.
    const stageOf = (ref, before, byIndex) => {
        const named = index.get(ref.toLowerCase());
        if (named !== undefined && named < before)
            return named;
        if (byIndex && /^\d+$/.test(ref) && Number(ref) < before)
            return Number(ref);
        return undefined;
    };
    const images = [];
    const seen = new Set();
    const visit = (i) => {
        if (seen.has(i))
            return;
        seen.add(i);
        const stage = stages[i];
        const add = (image, line, instruction) => {
            if (image.toLowerCase() !== 'scratch')
                images.push({ image, line, instruction, platform: stage.platform, buildPlatform: stage.buildPlatform });
        };
        const base = stageOf(stage.base, i, false);
        if (base !== undefined)
            visit(base);
        else
            add(stage.base, stage.line, 'FROM');
        for (const use of stage.uses) {
            const used = stageOf(use.ref, i, true);
            if (used !== undefined)
                visit(used);
            else
                add(use.ref, use.line, use.instruction);
        }
    };
    visit(goal);
    return images.sort((a, b) => a.line - b.line);
}

;// CONCATENATED MODULE: ./src/check/preflight.ts
// The build leg's pre-flight: every external image the target needs, checked for the
// platform it will be pulled for, before `docker buildx build` spends minutes finding out.
// A missing platform is an error; a check that cannot run is a warning, and the build goes on.




class PreflightError extends Error {
    missing;
    constructor(missing) {
        super(missing.length === 1 ? missing[0] : `base images lack the leg's platforms:\n${missing.join('\n')}`);
        this.missing = missing;
        this.name = 'PreflightError';
    }
}
async function preflight(input, lookup) {
    const result = { missing: [], warnings: [], checked: 0 };
    const build = (0,oci_platform/* formatPlatform */.Bq)(input.runner);
    // What to check: each image, for each platform it is pulled for (a $BUILDPLATFORM stage: the runner's).
    const wanted = new Map();
    for (const platform of input.platforms) {
        const reading = readDockerfile(input.dockerfile, {
            target: input.target,
            buildArgs: input.buildArgs,
            automatic: automaticArgs((0,oci_platform/* formatPlatform */.Bq)(platform), build)
        });
        if (!reading.ok) {
            result.warnings.push(`pre-flight: cannot read ${input.fileName}: ${reading.reason}; building without the check`);
            return result;
        }
        for (const image of reading.images) {
            let pulledFor = platform;
            if (image.platform !== undefined) {
                try {
                    pulledFor = (0,oci_platform/* parsePlatform */.FL)(image.platform);
                }
                catch {
                    result.warnings.push(`pre-flight: ${where(image, input.fileName)}: --platform=${image.platform} is not a platform; not checked`);
                    continue;
                }
            }
            wanted.set(`${image.image}\u0000${(0,oci_platform/* formatPlatform */.Bq)(pulledFor)}`, { image, platform: pulledFor });
        }
    }
    const frontend = frontendImage(input.dockerfile, input.buildArgs);
    const [answers, frontendWarning] = await Promise.all([
        Promise.all([...wanted.values()].map(async (w) => ({ ...w, answer: await lookup.platforms(w.image.image) }))),
        frontend ? checkFrontend(frontend, input, lookup) : undefined
    ]);
    if (frontendWarning)
        result.warnings.push(frontendWarning);
    const unknown = new Set();
    for (const { image, platform, answer } of answers) {
        if (!answer.ok) {
            if (!unknown.has(image.image))
                result.warnings.push(`pre-flight: cannot check ${where(image, input.fileName)}: ${answer.reason}; building anyway`);
            unknown.add(image.image);
        }
        else if (!answer.platforms.some(p => (0,oci_platform/* platformsMatch */.CW)(platform, p))) {
            const has = answer.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ');
            const runs = image.buildPlatform ? ` (its stage runs on $BUILDPLATFORM, this runner's platform)` : '';
            result.missing.push(`${where(image, input.fileName)} has no ${(0,oci_platform/* formatPlatform */.Bq)(platform)}${runs}: it has ${has}`);
        }
    }
    result.checked = new Set(answers.filter(a => a.answer.ok).map(a => a.image.image)).size;
    return result;
}
/**
 * The `# syntax=` frontend runs on the build platform (the runner), whatever the target: one
 * without it is emulated or fails. Only ever a warning: BuildKit may have it cached, or pull it through a mirror.
 */
async function checkFrontend(frontend, input, lookup) {
    const named = frontend.line === 0 ? `build-arg BUILDKIT_SYNTAX=${frontend.image}` : `# syntax=${frontend.image} (${input.fileName}:${frontend.line})`;
    const answer = await lookup.platforms(frontend.image);
    if (!answer.ok)
        return `pre-flight: cannot check the frontend ${named}: ${answer.reason}; building anyway`;
    if (answer.platforms.some(p => (0,oci_platform/* platformsMatch */.CW)(input.runner, p)))
        return undefined;
    return `pre-flight: the frontend ${named} has no ${(0,oci_platform/* formatPlatform */.Bq)(input.runner)}, the build platform it runs on: it has ${answer.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')}; the build may fail or run it under emulation`;
}
function where(image, fileName) {
    const named = image.instruction === 'FROM' ? `FROM ${image.image}` : `${image.instruction}=${image.image}`;
    return `${named} (${fileName}:${image.line})`;
}
/**
 * The Dockerfile buildx will read: `file` (relative to the working directory, as buildx
 * takes -f), else Dockerfile in the context. Undefined when it is not a local file.
 */
function dockerfilePath(context, file) {
    if (file === '-')
        return undefined;
    if (file)
        return file;
    if (context === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@'))
        return undefined;
    return (0,external_node_path_.join)(context, 'Dockerfile');
}
/** Reads the leg's Dockerfile and runs the pre-flight; throws PreflightError when a platform is missing. */
async function preflightLeg(options, lookup, logger) {
    const path = dockerfilePath(options.context, options.file);
    if (path === undefined) {
        logger.info('pre-flight: the Dockerfile is not a local file; not checked');
        return;
    }
    let dockerfile;
    try {
        dockerfile = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (err) {
        logger.warning(`pre-flight: cannot read ${path}: ${err instanceof Error ? err.message : String(err)}; building without the check`);
        return;
    }
    const fileName = options.file ?? 'Dockerfile';
    const started = Date.now();
    const result = await preflight({ ...options, dockerfile, fileName }, lookup);
    for (const warning of result.warnings)
        logger.warning(warning);
    if (result.missing.length > 0)
        throw new PreflightError(result.missing);
    // The check's cost, for the log: it should stay a second or two.
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    logger.info(`pre-flight: ${result.checked} base image(s) checked for ${options.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')} in ${seconds} s`);
}

// EXTERNAL MODULE: ./src/docker/builder.ts
var docker_builder = __webpack_require__(9683);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/docker/build-options.ts
var build_options = __webpack_require__(5283);
// EXTERNAL MODULE: ./src/docker/cli.ts
var cli = __webpack_require__(1670);
// EXTERNAL MODULE: ./src/docker/diagnosis.ts
var diagnosis = __webpack_require__(5901);
;// CONCATENATED MODULE: ./src/docker/buildx.ts
// `docker buildx build`: the argument array, the run, and what it reports back.







/** The environment variable that carries a build secret's value to buildx. */
function secretEnvName(index) {
    return `ECR_PUBLISH_SECRET_${index}`;
}
/** `secretDir`: where runBuildx linked the secret files (see secretFileArgs). */
function buildxArgs(plan, metadataFile, secretDir = '.') {
    const args = ['buildx', 'build', '--progress=plain'];
    if (plan.builder)
        args.push('--builder', plan.builder);
    args.push('--platform', plan.platforms.map(oci_platform/* formatPlatform */.Bq).join(','));
    if (plan.file)
        args.push('--file', plan.file);
    if (plan.target)
        args.push('--target', plan.target);
    for (const [key, value] of Object.entries(plan.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(plan.labels))
        args.push('--label', `${key}=${value}`);
    plan.secretIds.forEach((id, i) => args.push('--secret', `id=${id},env=${secretEnvName(i)}`));
    if (plan.options)
        args.push(...(0,build_options/* secretFileArgs */.WX)(plan.options.secretFiles, secretDir));
    args.push(`--provenance=${plan.provenance === true ? 'mode=min' : plan.provenance === false ? 'false' : plan.provenance}`);
    if (plan.options)
        args.push(...(0,build_options/* buildOptionArgs */.fG)(plan.options));
    for (const tag of plan.tags)
        args.push('--tag', tag);
    for (const ref of plan.cacheFrom ?? [])
        args.push('--cache-from', `type=registry,ref=${ref}`);
    for (const spec of plan.options?.cacheFrom ?? [])
        args.push('--cache-from', spec);
    // The only registry-cache form ECR accepts: an OCI image manifest, not a cache index.
    if (plan.cacheTo)
        args.push('--cache-to', `type=registry,ref=${plan.cacheTo},mode=max,image-manifest=true,oci-mediatypes=true`);
    else if (plan.inlineCache)
        args.push('--cache-to', 'type=inline');
    for (const spec of plan.options?.cacheTo ?? [])
        args.push('--cache-to', spec);
    args.push('--metadata-file', metadataFile);
    if (plan.push)
        args.push('--push');
    // `--` ends the flags: a context path that starts with '-' stays a path.
    args.push('--', plan.context);
    return args;
}
async function runBuildx(plan, secretValues, onLine) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'ecr-publish-'));
    const metadataFile = (0,external_node_path_.join)(dir, 'metadata.json');
    const env = Object.fromEntries(secretValues.map((value, i) => [secretEnvName(i), value]));
    const started = Date.now();
    try {
        plan.options?.secretFiles.forEach((s, i) => (0,external_node_fs_.symlinkSync)(s.path, (0,build_options/* secretFileLink */.TU)(dir, i)));
        const result = await (0,cli/* docker */.T3)(buildxArgs(plan, metadataFile, dir), { env, onLine });
        const seconds = (Date.now() - started) / 1000;
        if (result.exitCode !== 0) {
            const unsupported = unsupportedOption(result.stderr);
            if (unsupported)
                throw new BuildxError(result.exitCode, unsupported);
            const { detail, hint } = (0,diagnosis/* diagnose */.h4)(result.stderr);
            throw new BuildxError(result.exitCode, detail, hint);
        }
        const metadata = readMetadata(metadataFile);
        return {
            digest: metadata['containerimage.digest'],
            cachedSteps: countCachedSteps(result.stderr),
            cacheImported: cacheImported(result.stderr),
            // BuildKit imports concurrently: the preferred ref is the first of cacheFrom that was imported.
            cacheImportedRef: preferredRef(plan.cacheFrom ?? [], importedCacheRefs(result.stderr)),
            seconds
        };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
/** A failed `docker buildx build`: a failed RUN step is never transient, whatever its output says. */
class BuildxError extends cli/* DockerCommandError */.YJ {
    hint;
    constructor(exitCode, detail, 
    /** One line of cause and fix, when the failure is a common one. */
    hint) {
        super('docker buildx build', detail, exitCode);
        this.hint = hint;
        this.name = 'BuildxError';
        if (hint)
            this.message += `\n${hint}`;
    }
    /** The build was done, the push met a transient registry error: building again is cheap (cached) and safe. */
    get transient() {
        // A RUN step that failed is the build's own failure, whatever its command line says.
        return super.transient && !/did not complete successfully/.test(this.detail);
    }
}
/** An option this buildx does not know: which input needs what, instead of buildx's bare "unknown flag". */
function unsupportedOption(stderr) {
    const flag = /unknown flag: (--[a-z-]+)/.exec(stderr)?.[1];
    if (!flag)
        return undefined;
    const needs = { '--call': 'call (check, outline, targets) needs buildx 0.15 or newer' };
    return `${needs[flag] ?? `the input behind ${flag} needs a newer buildx`}: this runner's buildx does not know ${flag} (see docker buildx version; docker/setup-buildx-action installs a current one)`;
}
function readMetadata(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return {};
    }
}
/** BuildKit found a cache-from ref: an `importing cache manifest` step that did not fail. */
function cacheImported(progress) {
    return importedCacheRefs(progress).length > 0;
}
function preferredRef(order, imported) {
    return order.find(ref => imported.includes(ref)) ?? imported[0];
}
/** The cache-from refs BuildKit imported (their `importing cache manifest from <ref>` steps did not fail). */
function importedCacheRefs(progress) {
    const lines = progress.split('\n').map(line => line.trim());
    const steps = lines.flatMap(line => {
        const match = /^(#\d+) importing cache manifest from (\S+)/.exec(line);
        return match ? [{ step: match[1], ref: match[2] }] : [];
    });
    return steps.filter(({ step }) => !lines.some(line => line.startsWith(`${step} ERROR`))).map(({ ref }) => ref);
}
/** Steps BuildKit answered from cache, read from the plain progress output. */
function countCachedSteps(progress) {
    return progress.split('\n').filter(line => /^#\d+ CACHED\s*$/.test(line.trim())).length;
}

;// CONCATENATED MODULE: ./src/docker/classic-build.ts

function dockerBuildArgs(plan) {
    const args = ['build'];
    if (plan.file)
        args.push('--file', plan.file);
    if (plan.target)
        args.push('--target', plan.target);
    for (const [key, value] of Object.entries(plan.buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(plan.labels))
        args.push('--label', `${key}=${value}`);
    args.push('--tag', plan.tag, '--', plan.context);
    return args;
}
/** Builds, and pushes `plan.tag` when asked (retrying transient registry errors). */
async function classicBuild(plan, push, logger) {
    const started = Date.now();
    const built = await (0,cli/* docker */.T3)(dockerBuildArgs(plan));
    if (built.exitCode !== 0)
        throw new cli/* DockerCommandError */.YJ('docker build', (0,cli/* lastLine */.fM)(built.stderr), built.exitCode);
    const seconds = (Date.now() - started) / 1000;
    if (!push)
        return { seconds };
    await (0,cli/* retryDocker */.J0)(`docker push ${plan.tag}`, async () => {
        const pushed = await (0,cli/* docker */.T3)(['push', plan.tag]);
        if (pushed.exitCode !== 0)
            throw new cli/* DockerCommandError */.YJ(`docker push ${plan.tag}`, (0,cli/* lastLine */.fM)(pushed.stderr));
    }, { logger });
    return { seconds: (Date.now() - started) / 1000 };
}

;// CONCATENATED MODULE: ./src/docker/emulation.ts
// Makes sure the builder can run every platform it is asked for: natively, through a
// QEMU emulator registered in binfmt_misc, or by registering one the way
// docker/setup-qemu-action does. Otherwise a clear error before anything is built.



/** QEMU's name for each architecture (binfmt_misc entries are qemu-<name>). */
const QEMU_NAMES = {
    amd64: 'x86_64',
    arm64: 'aarch64',
    arm: 'arm',
    '386': 'i386',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    mips64le: 'mips64el',
    loong64: 'loongarch64'
};
/** Can a runner of this platform execute the other's binaries without an emulator? */
function runsNatively(platform, runner) {
    if (platform.os !== runner.os)
        return false;
    if (platform.architecture === runner.architecture)
        return true;
    return runner.architecture === 'amd64' && platform.architecture === '386';
}
async function ensureEmulators(platforms, options) {
    const results = [];
    for (const platform of platforms)
        results.push(await ensureOne(platform, options));
    return results;
}
async function ensureOne(platform, options) {
    const name = (0,oci_platform/* formatPlatform */.Bq)(platform);
    if (runsNatively(platform, options.runner))
        return { platform: name, emulated: false, how: 'native' };
    if (options.builderPlatforms?.includes(name))
        return { platform: name, emulated: true, how: 'builder' };
    const qemu = QEMU_NAMES[platform.architecture];
    if (!qemu)
        throw new Error(`${name} cannot be emulated: QEMU has no user-mode emulator for ${platform.architecture}`);
    const dir = options.binfmtDir ?? '/proc/sys/fs/binfmt_misc';
    if (isRegistered(dir, qemu))
        return { platform: name, emulated: true, how: 'binfmt' };
    const attempts = [];
    for (const [how, command, args] of [
        ['update-binfmts', 'update-binfmts', ['--enable', `qemu-${qemu}`]],
        ['update-binfmts', 'sudo', ['-n', 'update-binfmts', '--enable', `qemu-${qemu}`]]
    ]) {
        const result = await (0,cli/* run */.eF)(command, [...args], { silent: true });
        if (result.exitCode === 0 && isRegistered(dir, qemu)) {
            options.logger.info(`${name}: enabled the qemu-${qemu} emulator through binfmt_misc`);
            return { platform: name, emulated: true, how };
        }
        attempts.push(`${command} ${args.join(' ')}: ${(0,cli/* lastLine */.fM)(result.stderr) || `exit ${result.exitCode}`}`);
    }
    const binfmt = await (0,cli/* docker */.T3)(['run', '--privileged', '--rm', 'tonistiigi/binfmt', '--install', qemu], { silent: true });
    if (binfmt.exitCode === 0 && isRegistered(dir, qemu)) {
        options.logger.info(`${name}: installed the qemu-${qemu} emulator with tonistiigi/binfmt`);
        return { platform: name, emulated: true, how: 'tonistiigi/binfmt' };
    }
    attempts.push(`docker run tonistiigi/binfmt: ${(0,cli/* lastLine */.fM)(binfmt.stderr) || `exit ${binfmt.exitCode}`}`);
    throw new Error(`${name} cannot be built on this ${(0,oci_platform/* formatPlatform */.Bq)(options.runner)} runner: no QEMU emulator is registered for it (binfmt_misc qemu-${qemu}) and none could be set up (${attempts.join('; ')}). ` +
        'Add docker/setup-qemu-action before this step, or install qemu-user-static and binfmt-support, or build it natively on a matching runner (see the native matrix recipe).');
}
function isRegistered(dir, qemu) {
    const entry = `${dir}/qemu-${qemu}`;
    return (0,external_node_fs_.existsSync)(entry) && (0,external_node_fs_.readFileSync)(entry, 'utf8').startsWith('enabled');
}
/** The platforms a named builder reports (`docker buildx inspect`). */
async function builderPlatforms(builder) {
    const result = await (0,cli/* docker */.T3)(['buildx', 'inspect', '--bootstrap', builder], { silent: true });
    if (result.exitCode !== 0)
        throw new Error(`input builder: buildx builder "${builder}" is not available: ${(0,cli/* lastLine */.fM)(result.stderr)} (create it with docker buildx create, or docker/setup-buildx-action)`);
    const line = result.stdout.split('\n').find(l => l.trim().startsWith('Platforms:'));
    return (line?.split(':')[1] ?? '')
        .split(',')
        .map(p => p.trim().replace(/\*$/, ''))
        .filter(Boolean);
}

// EXTERNAL MODULE: ./src/docker/login.ts
var login = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/ecr/repository.ts + 1 modules
var ecr_repository = __webpack_require__(3455);
// EXTERNAL MODULE: ./src/metadata/labels.ts
var metadata_labels = __webpack_require__(8454);
// EXTERNAL MODULE: ./src/oci/cache-refs.ts
var cache_refs = __webpack_require__(3722);
// EXTERNAL MODULE: ./src/oci/staging.ts
var oci_staging = __webpack_require__(2736);
// EXTERNAL MODULE: ./src/util/logger.ts
var util_logger = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/oci/manifest.ts
var manifest = __webpack_require__(2060);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/commands/inspect.ts
var inspect = __webpack_require__(5526);
;// CONCATENATED MODULE: ./src/commands/stage.ts
// Staging: every leg's staging tag points to an index, so the merge can adopt its
// children and delete the staging index without touching them.




/**
 * What a leg pushed was deleted before the leg read it back. Under publish-when-complete that is
 * another leg of the run: it completed the set, published this leg and cleaned up its staging tag.
 */
class PushedIndexGoneError extends Error {
}
/**
 * Checks what was pushed (by digest) against the platform it was built for, from its
 * config; a bare image gets a one-entry index of its own under the staging tag.
 */
async function stagePushed(client, repository, pushedDigest, platform, staging) {
    const pushed = await (0,inspect/* inspectReference */.wz)(client, repository, pushedDigest).catch((error) => {
        if (error instanceof errors/* RegistryError */.gl && error.status === 404 && error.operation === `GET manifest ${repository}@${pushedDigest}`) {
            throw new PushedIndexGoneError(`${repository}@${pushedDigest} was deleted right after its push`, { cause: error });
        }
        throw error;
    });
    const image = pushed.images.find(i => (0,oci_platform/* platformsMatch */.CW)(platform, i.descriptor.platform));
    if (!image || pushed.images.length !== 1) {
        const found = pushed.images.map(i => (0,oci_platform/* formatPlatform */.Bq)(i.descriptor.platform)).join(', ') || 'no image';
        throw new Error(`the pushed build holds ${found}, not ${(0,oci_platform/* formatPlatform */.Bq)(platform)}: check the Dockerfile's FROM --platform and the builder`);
    }
    if (pushed.isIndex)
        return { tag: staging, platform, digest: pushed.digest, image, index: pushed };
    const built = (0,manifest/* buildIndex */.Xh)({ images: [image.descriptor], attestations: [] });
    const digest = await client.putManifest(repository, staging, built.bytes, built.mediaType);
    const index = {
        digest,
        mediaType: built.mediaType,
        isIndex: true,
        images: [image],
        attestations: [],
        claimed: new Map([[image.descriptor.digest, image.descriptor.platform]])
    };
    return { tag: staging, platform, digest, image, index };
}

;// CONCATENATED MODULE: ./src/commands/build.ts
// Build legs: build each requested platform (natively, or under QEMU), push it under
// the run's staging tag, and check what landed. A leg never writes a release tag; a
// one-job multi-platform build hands its staged legs to the same merge as a matrix.















/**
 * `session` is undefined only for a build that pushes nothing without credentials (a pull
 * request from a fork): it builds without the registry, and without its cache.
 */
async function build(session, config, runner, logger, hooks = {}) {
    if (config.push && !session)
        throw new Error('pushing needs a registry login');
    const registry = session?.registry ?? '';
    const { repository } = config;
    const notes = [];
    const { support, builder } = await (0,util_logger/* phase */.O)(logger, 'Check Docker, builder and platforms', async () => {
        const versions = await (0,cli/* checkDocker */.dN)();
        logger.info(`Docker ${versions.server}; ${versions.buildx}`);
        // Before a builder is created or a repository touched: a base image without the leg's platform fails here.
        if (config.preflight !== false)
            await runPreflight(session, config, runner, logger);
        if (runner.windows)
            return {
                support: config.platforms.map(p => ({ platform: (0,oci_platform/* formatPlatform */.Bq)(p), emulated: false, how: 'native' })),
                builder: undefined
            };
        const builder = await (0,docker_builder/* chooseBuilder */.Z7)({
            named: config.builder,
            create: config.createBuilder,
            buildkitImage: config.buildkitImage,
            buildxVersion: versions.buildx,
            logger,
            onCreated: hooks.onBuilderCreated
        });
        logger.info(`builder: ${builder.description}`);
        if (builder.warning)
            notes.push(builder.warning);
        const fromBuilder = config.builder ? await builderPlatforms(config.builder) : undefined;
        const support = await ensureEmulators(config.platforms, { runner: runner.platform, builderPlatforms: fromBuilder, logger });
        for (const s of support)
            logger.info(`${s.platform}: ${s.emulated ? `emulated (${s.how})` : 'native'}`);
        return { support, builder };
    });
    let cacheRepository = repository;
    if (session)
        await (0,util_logger/* phase */.O)(logger, `Prepare ${registry}/${repository}`, async () => {
            if (session.credentials)
                await (0,login/* dockerLogin */.a)(registry, session.credentials, logger);
            if (session.ecr && config.push) {
                const ensured = await (0,ecr_repository.ensureRepository)(session.ecr, {
                    repository,
                    tagMutability: config.tagMutability,
                    create: config.createRepository,
                    registryId: session.registryId,
                    logger
                });
                cacheRepository = ensured.cacheRepository;
                notes.push(...ensured.notes);
                logger.info(ensured.created ? `created repository ${repository}` : `repository ${repository} exists (${ensured.mutability})`);
            }
            if (session.ecrPublic && config.push) {
                const { ensurePublicRepository } = await Promise.all(/* import() */[__webpack_require__.e(659), __webpack_require__.e(821), __webpack_require__.e(846)]).then(__webpack_require__.bind(__webpack_require__, 3465));
                const ensured = await ensurePublicRepository(session.ecrPublic, { repository, create: config.createRepository, logger });
                logger.info(ensured.created ? `created repository ${registry}/${repository}` : `repository ${registry}/${repository} exists`);
            }
        });
    const leg = (platform, emulated) => builder
        ? linuxLeg(session, config, builder, platform, emulated, cacheRepository, logger)
        : windowsLeg(session, config, platform, logger);
    // Several platforms build concurrently on one BuildKit, each as its own leg (own cache
    // ref, own staging tag), their lines prefixed; one platform streams as it is.
    const legs = config.platforms.length === 1
        ? [await (0,util_logger/* phase */.O)(logger, `Build ${(0,oci_platform/* formatPlatform */.Bq)(config.platforms[0])}`, () => leg(config.platforms[0], support[0].emulated))]
        : await (0,util_logger/* phase */.O)(logger, `Build ${config.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')}`, () => Promise.all(config.platforms.map((p, i) => leg(p, support[i].emulated))));
    return { registry, repository, legs: legs.map(l => l.leg), staged: legs.flatMap(l => (l.staged ? [l.staged] : [])), notes, builder };
}
/** The leg's own registry answers with its session (credentials); any other registry anonymously, over the session's pool. */
function runPreflight(session, config, runner, logger) {
    const lookup = new platforms/* PlatformLookup */.u({
        logger,
        clients: session ? { [session.registry]: session.client } : {},
        fetch: session?.fetch
    });
    return preflightLeg({ ...config, runner: runner.platform }, lookup, logger);
}
async function linuxLeg(session, config, builder, platform, emulated, cacheRepository, logger) {
    const registry = session?.registry ?? '';
    const name = (0,oci_platform/* formatPlatform */.Bq)(platform);
    const staging = (0,oci_staging/* stagingTag */.al)(config.runKey, config.runAttempt, platform);
    const cache = legCache(session, config, platform, cacheRepository);
    // With attestations (provenance, SBOM), buildx pushes an index (image + attestation
    // manifest) under the staging tag. Without, it pushes a bare image: that goes under a build
    // tag, and the leg stages a one-entry index of it (a tag is never written twice: IMMUTABLE repositories refuse).
    // A builder that cannot attest or export registry cache builds without attestations,
    // with inline cache, and still reads the registry cache.
    const provenance = builder.full ? config.provenance : false;
    const options = builder.full ? config.options : { ...config.options, sbom: false };
    const pushTag = provenance !== false || options.sbom !== false ? staging : (0,oci_staging/* buildTag */.NQ)(staging);
    const prefix = config.platforms.length > 1 ? (line) => logger.info(`[${name}] ${line}`) : undefined;
    const plan = {
        builder: builder.name,
        context: config.context,
        file: config.file,
        target: config.target,
        platforms: [platform],
        buildArgs: config.buildArgs,
        labels: (0,metadata_labels/* imageLabels */.J0)(config.labels, config.git, config.standard),
        secretIds: config.secrets.map(s => s.id),
        provenance,
        tags: config.push ? [`${registry}/${config.repository}:${pushTag}`] : [],
        push: config.push,
        cacheFrom: cache.from,
        cacheTo: config.push && builder.full ? cache.to : undefined,
        inlineCache: config.push && !builder.full && cache.to !== undefined,
        options
    };
    // BuildKit retries its own pushes, but the engine's push of the result does not: a 5xx
    // there fails buildx after the build is done, and a rerun is cached (and writes only this
    // run's own staging tag, which IMMUTABLE repositories created here exclude).
    const built = await (0,cli/* retryDocker */.J0)(`docker buildx build ${name}`, () => runBuildx(plan, config.secrets.map(s => s.value), prefix), { logger, attempts: 3, baseDelayMs: 2000 });
    const leg = {
        platform: name,
        seconds: built.seconds,
        cachedSteps: built.cachedSteps,
        cacheImported: built.cacheImported,
        cacheImportedRef: built.cacheImportedRef,
        emulated,
        cacheRef: cache.to ?? cache.from?.[0],
        cacheWritten: config.push && cache.to !== undefined,
        stagingTag: staging,
        pushed: config.push,
        builder: builder.description
    };
    if (!config.push || !session)
        return legResult(leg);
    const completing = (config.publishWhenComplete?.length ?? 0) > 0;
    const taken = (digest) => {
        logger.info(`${name}: ${staging} was taken right after its push: another leg of run ${config.runKey} completed the set, published it and cleaned up`);
        return { leg: { ...leg, taken: true, digest, childDigest: '', size: 0 } };
    };
    // The docker driver pushes through the engine: what landed is read from the registry.
    const digest = builder.full ? built.digest : (await session.client.headManifest(config.repository, pushTag))?.digest;
    if (!digest) {
        if (completing)
            return taken('');
        throw new Error(`buildx pushed ${registry}/${config.repository}:${pushTag} but its digest is unknown (metadata file, registry)`);
    }
    let staged;
    try {
        staged = await stagePushed(session.client, config.repository, digest, platform, staging);
    }
    catch (error) {
        if (completing && error instanceof PushedIndexGoneError)
            return taken(digest);
        throw error;
    }
    logger.info(`staged ${name} as ${registry}/${config.repository}:${staging} (${staged.digest}); image ${staged.image.descriptor.digest}`);
    return legResult(leg, staged);
}
/**
 * The ECR cache refs of a leg: its branch's, then the default branch's; pull requests
 * only read. A cache-from or cache-to input replaces the ECR cache in its direction.
 */
function legCache(session, config, platform, cacheRepository) {
    if (!session || config.cache !== 'ecr')
        return {};
    const tags = (0,cache_refs/* cacheTags */._A)(platform, {
        branch: config.git.branch,
        defaultBranch: config.git.defaultBranch,
        pullRequest: config.git.prNumber !== undefined || config.git.ref.startsWith('refs/pull/')
    });
    const ref = (tag) => `${session.registry}/${cacheRepository}:${tag}`;
    return {
        from: config.options.cacheFrom.length > 0 ? undefined : tags.from.map(ref),
        to: config.options.cacheTo.length > 0 || tags.to === undefined ? undefined : ref(tags.to)
    };
}
/** Windows runners have no BuildKit: `docker build`, push under a build tag, then stage. */
async function windowsLeg(session, config, platform, logger) {
    const name = (0,oci_platform/* formatPlatform */.Bq)(platform);
    const staging = (0,oci_staging/* stagingTag */.al)(config.runKey, config.runAttempt, platform);
    const labels = (0,metadata_labels/* imageLabels */.J0)(config.labels, config.git, config.standard);
    const pushTo = config.push && session ? `${session.registry}/${config.repository}:${(0,oci_staging/* buildTag */.NQ)(staging)}` : undefined;
    const built = await classicBuild({
        context: config.context,
        file: config.file,
        target: config.target,
        buildArgs: config.buildArgs,
        labels,
        tag: pushTo ?? `${config.repository}:${(0,oci_staging/* buildTag */.NQ)(staging)}`
    }, pushTo !== undefined, logger);
    const leg = {
        platform: name,
        seconds: built.seconds,
        cachedSteps: 0,
        cacheImported: false,
        emulated: false,
        stagingTag: staging,
        pushed: pushTo !== undefined,
        builder: 'docker build (Windows has no BuildKit)'
    };
    if (!pushTo || !session)
        return legResult(leg);
    const head = await session.client.headManifest(config.repository, (0,oci_staging/* buildTag */.NQ)(staging));
    if (!head)
        throw new Error(`docker push reported success but ${pushTo} is not in the registry`);
    const staged = await stagePushed(session.client, config.repository, head.digest, platform, staging);
    logger.info(`staged ${name} (${staged.image.descriptor.platform?.['os.version']}) as ${session.registry}/${config.repository}:${staging}`);
    return legResult(leg, staged);
}
/** A leg's result; what its staging tag points to, its image and their size are known once it is staged. */
function legResult(leg, staged) {
    if (!staged)
        return { leg: { ...leg, digest: '', childDigest: '', size: 0 } };
    return { leg: { ...leg, digest: staged.digest, childDigest: staged.image.descriptor.digest, size: staged.image.size }, staged };
}


/***/ }),

/***/ 5526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qU: () => (/* binding */ IncompleteImageError),
/* harmony export */   wz: () => (/* binding */ inspectReference)
/* harmony export */ });
/* unused harmony export readImage */
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8825);
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2060);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1890);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6764);
// Reads what a reference holds, down to each image's config blob: the platform of an
// image is taken from its config, never from a tag name or an index descriptor.




/** A manifest or config blob an image needs is not in the repository (not pushed yet, or from elsewhere). */
class IncompleteImageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'IncompleteImageError';
    }
}
/** `fetched`: the reference's manifest when it was already read (a staging tag read directly). */
async function inspectReference(client, repository, reference, fetched) {
    fetched ??= await client.getManifest(repository, reference);
    const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(fetched.bytes, fetched.mediaType);
    if (parsed.kind === 'manifest') {
        const descriptor = { mediaType: parsed.mediaType, digest: fetched.digest, size: fetched.size };
        const image = await readImage(client, repository, descriptor, parsed.manifest);
        return { digest: fetched.digest, mediaType: parsed.mediaType, isIndex: false, images: [image], attestations: [], claimed: new Map() };
    }
    const children = parsed.index.manifests;
    const nested = children.find(child => child.mediaType.includes('index') || child.mediaType.includes('manifest.list'));
    if (nested)
        throw new Error(`${repository}@${fetched.digest} holds a nested index (${nested.digest}): only images and attestations are supported as children`);
    const images = await Promise.all(children
        .filter(child => !(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3)(child))
        .map(child => readImage(client, repository, child).catch(error => {
        // A child from another repository (or not pushed yet) is not here: the index cannot be adopted.
        if (isNotFound(error, 'GET manifest')) {
            throw new IncompleteImageError(`${repository}@${fetched.digest} lists ${child.digest}, which is not in ${repository} (${error.message}): an index can only use images of its own repository`);
        }
        throw error;
    })));
    const claimed = new Map(children.filter(c => c.platform && !(0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3)(c)).map(c => [c.digest, c.platform]));
    return {
        digest: fetched.digest,
        mediaType: parsed.mediaType,
        isIndex: true,
        images,
        attestations: children.filter(_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .isAttestation */ .H3),
        claimed
    };
}
async function readImage(client, repository, descriptor, manifest) {
    if (!manifest) {
        const fetched = await client.getManifest(repository, descriptor.digest);
        const parsed = (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_1__/* .parseManifest */ .Ng)(fetched.bytes, fetched.mediaType);
        if (parsed.kind !== 'manifest')
            throw new Error(`${repository}@${descriptor.digest} is an index where an image manifest was expected`);
        manifest = parsed.manifest;
    }
    const blob = await client.getBlob(repository, manifest.config.digest, _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_CONFIG_BYTES */ .GW).catch(error => {
        if (isNotFound(error, 'GET blob'))
            throw new IncompleteImageError(`the config blob of ${repository}@${descriptor.digest} is missing (${error.message}): the image is incomplete`);
        throw error;
    });
    const config = parseConfig(blob, `${repository}@${descriptor.digest}`);
    const size = descriptor.size + manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
    const labels = config.config?.Labels ?? {};
    return {
        descriptor: { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size, platform: (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .platformFromConfig */ .M3)(config) },
        config,
        size,
        revision: labels['org.opencontainers.image.revision']
    };
}
function parseConfig(bytes, where) {
    let config;
    try {
        config = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch {
        throw new Error(`the config blob of ${where} is not JSON: it is not a container image`);
    }
    if (typeof config?.os !== 'string' || typeof config?.architecture !== 'string') {
        throw new Error(`the config blob of ${where} has no os/architecture: it is not a container image`);
    }
    return config;
}
function isNotFound(error, operation) {
    return error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .gl && error.status === 404 && error.operation.startsWith(operation);
}


/***/ }),

/***/ 3455:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CACHE_REPOSITORY_SUFFIX: () => (/* binding */ CACHE_REPOSITORY_SUFFIX),
  allowsCacheTags: () => (/* binding */ allowsCacheTags),
  deleteTags: () => (/* binding */ deleteTags),
  ensureRepository: () => (/* binding */ ensureRepository),
  filterCoversCacheTags: () => (/* binding */ filterCoversCacheTags),
  filterTouchesCacheTags: () => (/* binding */ filterTouchesCacheTags)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./src/oci/staging.ts
var staging = __webpack_require__(2736);
// EXTERNAL MODULE: ./src/util/logger.ts
var logger = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/ecr/call.ts
var call = __webpack_require__(3144);
// EXTERNAL MODULE: ./src/oci/cache-refs.ts
var cache_refs = __webpack_require__(3722);
;// CONCATENATED MODULE: ./src/ecr/lifecycle.ts
// The lifecycle policy this action installs on repositories it creates (never on existing
// ones: a user's policy is theirs): feature-branch caches and leftovers of failed runs
// expire; the default branch's cache and every release tag stay.




const BRANCH_CACHE_DAYS = 14;
const LEFTOVER_DAYS = 7;
function expire(rulePriority, pattern, days, description) {
    return {
        rulePriority,
        description,
        selection: { tagStatus: 'tagged', tagPatternList: [pattern], countType: 'sinceImagePushed', countUnit: 'days', countNumber: days },
        action: { type: 'expire' }
    };
}
/** One rule per pattern: ECR selects an image only when it matches every pattern of a rule. */
function lifecyclePolicyText() {
    return JSON.stringify({
        rules: [
            expire(1, cache_refs/* BRANCH_CACHE_PATTERN */.b9, BRANCH_CACHE_DAYS, 'ecr-publish: feature-branch build caches (the default branch keeps cache-<platform>)'),
            expire(2, `${staging/* STAGE_TAG_PREFIX */.fS}*`, LEFTOVER_DAYS, 'ecr-publish: staging tags left by runs that never merged'),
            expire(3, `${staging/* BUILD_TAG_PREFIX */.d2}*`, LEFTOVER_DAYS, 'ecr-publish: build tags left by runs that never staged')
        ]
    });
}
/** Installs the policy; a refusal (no ecr:PutLifecyclePolicy permission) is a note, not a failure. */
async function installLifecyclePolicy(client, repository, opts) {
    const input = {
        repositoryName: repository,
        lifecyclePolicyText: lifecyclePolicyText(),
        ...(opts.registryId ? { registryId: opts.registryId } : {})
    };
    try {
        await (0,call/* callAws */.IY)('ECR PutLifecyclePolicy', () => client.send(new dist_cjs.PutLifecyclePolicyCommand(input)), opts);
        return [];
    }
    catch (error) {
        return [
            `could not install the lifecycle policy that expires branch caches and staging leftovers on ${repository} (${error.message}); see the README's "Build cache" section to add it yourself`
        ];
    }
}

;// CONCATENATED MODULE: ./src/ecr/repository.ts
// ECR repositories: make sure the target (and, when needed, a cache companion) exists,
// and delete tags idempotently.





const CACHE_REPOSITORY_SUFFIX = '-buildcache';
async function ensureRepository(client, opts) {
    const notes = [];
    const { repo, created } = await describeOrCreate(client, opts.repository, opts.tagMutability, opts);
    if (created)
        notes.push(...(await installLifecyclePolicy(client, opts.repository, opts)));
    const mutability = repo.imageTagMutability ?? 'MUTABLE';
    if (!created && !agrees(mutability, opts.tagMutability)) {
        notes.push(`repository ${opts.repository} already exists with ${mutability} tags; ` +
            `tag-mutability ${opts.tagMutability} only applies when the repository is created`);
    }
    if (allowsCacheTags(repo))
        return { created, mutability, cacheRepository: opts.repository, notes };
    const cacheRepository = `${opts.repository}${CACHE_REPOSITORY_SUFFIX}`;
    const cache = await describeOrCreate(client, cacheRepository, 'MUTABLE', opts);
    if (!allowsCacheTags(cache.repo)) {
        throw new Error(`repository ${opts.repository} has immutable tags, and so does its build cache repository ${cacheRepository}; ` +
            `make ${cacheRepository} MUTABLE (or exclude ${staging/* CACHE_TAG_PREFIX */.$y}* from immutability) so that cache tags can be rewritten`);
    }
    notes.push(`repository ${opts.repository} has immutable tags; the build cache is kept in ${cacheRepository}`);
    if (cache.created)
        notes.push(`created repository ${cacheRepository} for the build cache`);
    if (cache.created)
        notes.push(...(await installLifecyclePolicy(client, cacheRepository, opts)));
    return { created, mutability, cacheRepository, notes };
}
function agrees(actual, wanted) {
    return wanted === 'MUTABLE' ? actual.startsWith('MUTABLE') : actual.startsWith('IMMUTABLE');
}
/** True when every `cache-…` tag may be overwritten in this repository. */
function allowsCacheTags(repo) {
    const mutability = repo.imageTagMutability ?? 'MUTABLE';
    if (mutability === 'MUTABLE')
        return true;
    // MUTABLE_WITH_EXCLUSION makes the excluded tags immutable.
    if (mutability === 'MUTABLE_WITH_EXCLUSION') {
        return !(repo.imageTagMutabilityExclusionFilters ?? []).some(f => filterTouchesCacheTags(f));
    }
    if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
        return (repo.imageTagMutabilityExclusionFilters ?? []).some(f => filterCoversCacheTags(f));
    }
    return false;
}
/**
 * A wildcard filter matches every tag `cache-<anything>` exactly when it ends in `*` and
 * the rest matches some prefix of `cache-` (the final `*` then absorbs whatever follows).
 */
function filterCoversCacheTags(f) {
    if (f.filterType !== 'WILDCARD' || !f.filter?.endsWith('*'))
        return false;
    const head = wildcardRegExp(f.filter.slice(0, -1));
    for (let i = 0; i <= staging/* CACHE_TAG_PREFIX */.$y.length; i++) {
        if (head.test(staging/* CACHE_TAG_PREFIX */.$y.slice(0, i)))
            return true;
    }
    return false;
}
/** A wildcard filter matches at least one tag `cache-<something>`. */
function filterTouchesCacheTags(f) {
    if (f.filterType !== 'WILDCARD' || !f.filter)
        return false;
    const star = f.filter.indexOf('*');
    if (star < 0)
        return f.filter.startsWith(staging/* CACHE_TAG_PREFIX */.$y);
    // The first star can absorb whatever of `cache-` the literal head does not spell out.
    const head = f.filter.slice(0, star);
    return head.startsWith(staging/* CACHE_TAG_PREFIX */.$y) || staging/* CACHE_TAG_PREFIX */.$y.startsWith(head);
}
function wildcardRegExp(pattern) {
    const body = pattern
        .split('*')
        .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${body}$`, 's');
}
async function describeOrCreate(client, name, tagMutability, opts) {
    const existing = await describe(client, name, opts);
    if (existing)
        return { repo: existing, created: false };
    if (!opts.create) {
        const registry = opts.registryId ?? "of the credentials' account";
        throw new Error(`repository ${name} does not exist in registry ${registry}; create it or set create-repository: true`);
    }
    try {
        const out = await (0,call/* callAws */.IY)('ECR CreateRepository', () => client.send(new dist_cjs.CreateRepositoryCommand(createInput(name, tagMutability, opts.registryId))), opts);
        (opts.logger ?? logger/* silentLogger */.q).debug(`created ECR repository ${name} (${out.repository?.imageTagMutability ?? tagMutability} tags)`);
        if (out.repository)
            return { repo: out.repository, created: true };
    }
    catch (err) {
        if (errorName(err) !== 'RepositoryAlreadyExistsException')
            throw err;
        // Another leg created it between our describe and create: use theirs.
    }
    const now = await describe(client, name, opts);
    if (!now)
        throw new Error(`repository ${name} was created but cannot be described; check ecr:DescribeRepositories permissions`);
    return { repo: now, created: false };
}
function createInput(name, tagMutability, registryId) {
    const mutability = tagMutability === 'IMMUTABLE'
        ? {
            imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
            imageTagMutabilityExclusionFilters: staging/* IMMUTABLE_EXCLUSION_FILTERS */.aO.map(filter => ({
                filterType: 'WILDCARD',
                filter
            }))
        }
        : { imageTagMutability: 'MUTABLE' };
    return {
        repositoryName: name,
        ...(registryId ? { registryId } : {}),
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'AES256' },
        ...mutability
    };
}
async function describe(client, name, opts) {
    const input = { repositoryNames: [name], ...(opts.registryId ? { registryId: opts.registryId } : {}) };
    try {
        const out = await (0,call/* callAws */.IY)('ECR DescribeRepositories', () => client.send(new dist_cjs.DescribeRepositoriesCommand(input)), opts);
        return out.repositories?.find(r => r.repositoryName === name);
    }
    catch (err) {
        if (errorName(err) === 'RepositoryNotFoundException')
            return undefined;
        throw err;
    }
}
function errorName(err) {
    return typeof err === 'object' && err !== null ? err.name : undefined;
}
const BATCH_DELETE_LIMIT = 100;
/** Deletes tags; a tag that is already gone counts as deleted, so a rerun is harmless. */
async function deleteTags(client, opts) {
    const tags = [...new Set(opts.tags)];
    const result = { deleted: [], failures: [] };
    for (let i = 0; i < tags.length; i += BATCH_DELETE_LIMIT) {
        const chunk = tags.slice(i, i + BATCH_DELETE_LIMIT);
        const input = {
            repositoryName: opts.repository,
            imageIds: chunk.map(imageTag => ({ imageTag })),
            ...(opts.registryId ? { registryId: opts.registryId } : {})
        };
        const out = await (0,call/* callAws */.IY)('ECR BatchDeleteImage', () => client.send(new dist_cjs.BatchDeleteImageCommand(input)), opts);
        const failed = new Map();
        for (const f of out.failures ?? []) {
            const tag = f.imageId?.imageTag;
            if (tag === undefined || f.failureCode === 'ImageNotFound')
                continue;
            failed.set(tag, { code: f.failureCode ?? 'Unknown', reason: f.failureReason ?? '' });
        }
        for (const tag of chunk) {
            const failure = failed.get(tag);
            if (failure)
                result.failures.push({ tag, ...failure });
            else
                result.deleted.push(tag);
        }
    }
    return result;
}


/***/ }),

/***/ 3722:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _A: () => (/* binding */ cacheTags),
/* harmony export */   b9: () => (/* binding */ BRANCH_CACHE_PATTERN)
/* harmony export */ });
/* unused harmony export branchCacheTag */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8825);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2148);
/* harmony import */ var _staging_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2736);
// Which registry-cache tags a build leg reads and writes, by branch. The default branch
// keeps the historical tag cache-<os>-<arch>[-<variant>] (existing caches stay warm); any
// other branch gets its own, cache-<platform>-<branch slug>, so a feature branch never
// overwrites the default branch's cache. Pull requests only read: code under review
// must not write a cache that others import.



/**
 * Every branch tag holds a '.' (before a short hash of the branch name) and a default tag
 * never does: a lifecycle rule can expire branch caches by pattern (BRANCH_CACHE_PATTERN)
 * without touching the default branch's, and feature/x and feature-x never share a tag.
 */
const BRANCH_CACHE_PATTERN = `${_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .CACHE_TAG_PREFIX */ .$y}*.*`;
function cacheTags(platform, scope) {
    const base = (0,_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .cacheTag */ .z)(platform);
    const own = scope.branch !== undefined && scope.defaultBranch !== undefined && scope.branch !== scope.defaultBranch;
    const from = own ? [branchCacheTag(platform, scope.branch), base] : [base];
    return { from, to: scope.pullRequest ? undefined : from[0] };
}
function branchCacheTag(platform, branch) {
    const base = (0,_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .cacheTag */ .z)(platform);
    const hash = (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestOf */ .ol)(new TextEncoder().encode(branch)).slice('sha256:'.length, 'sha256:'.length + 8);
    const slug = branch
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, _reference_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG_MAX */ .s_ - base.length - hash.length - 2);
    return `${base}-${slug || 'branch'}.${hash}`;
}


/***/ }),

/***/ 2060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $$: () => (/* binding */ isIndexMediaType),
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   Xh: () => (/* binding */ buildIndex)
/* harmony export */ });
/* unused harmony exports ManifestError, isImageManifestMediaType, isDockerMediaType, normaliseIndex, serialiseIndex */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8825);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3048);
// Reading manifests a registry returns, and writing the one image index the merge job
// publishes, byte for byte deterministically so that its digest is reproducible.


class ManifestError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ManifestError';
    }
}
function isIndexMediaType(mt) {
    return mt === _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.OciIndex || mt === _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.DockerManifestList;
}
function isImageManifestMediaType(mt) {
    return mt === _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.OciManifest || mt === _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.DockerManifest;
}
function isDockerMediaType(mt) {
    return mt.startsWith('application/vnd.docker.');
}
/** BuildKit's attestation manifests: annotated, and listed under the platform unknown/unknown. */
function isAttestation(d) {
    if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
        return true;
    return d.platform?.os === 'unknown' && d.platform.architecture === 'unknown';
}
// ---- parsing ----
function decodeJson(bytes, contentType) {
    const text = new TextDecoder().decode(bytes);
    try {
        return JSON.parse(text);
    }
    catch {
        const start = text.trim().slice(0, 60).replace(/\s+/g, ' ');
        const got = contentType ?? (start.startsWith('<') ? 'HTML or XML' : 'non-JSON content');
        throw new ManifestError(`expected a manifest JSON, got ${got} starting with "${start}"`);
    }
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function checkDescriptor(v, where) {
    if (!isObject(v))
        throw new ManifestError(`${where} is not a descriptor object`);
    if (typeof v.mediaType !== 'string' || v.mediaType === '')
        throw new ManifestError(`${where}.mediaType is missing`);
    if (typeof v.digest !== 'string' || !(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(v.digest)) {
        throw new ManifestError(`${where}.digest is missing or not algorithm:hex`);
    }
    if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
        throw new ManifestError(`${where}.size is missing or not a non-negative integer`);
    }
}
function mediaTypeOf(json, contentType) {
    if (typeof json.mediaType === 'string' && json.mediaType !== '')
        return json.mediaType;
    if (contentType !== undefined && (isIndexMediaType(contentType) || isImageManifestMediaType(contentType)))
        return contentType;
    if (Array.isArray(json.manifests))
        return _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.OciIndex;
    if ('config' in json && 'layers' in json)
        return _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.OciManifest;
    throw new ManifestError('cannot tell whether this is an image index or a manifest: it has no mediaType, manifests or config and layers');
}
/** Parses and checks a manifest or index body; the header is the response's Content-Type. */
function parseManifest(bytes, contentTypeHeader) {
    if (bytes.length > _digest_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_MANIFEST_BYTES */ .ZJ) {
        throw new ManifestError(`manifest is ${bytes.length} bytes, over the ${_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_MANIFEST_BYTES */ .ZJ} bytes (4 MiB) registries accept`);
    }
    const contentType = (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .bareContentType */ .Ei)(contentTypeHeader);
    const json = decodeJson(bytes, contentType);
    if (!isObject(json))
        throw new ManifestError('expected a manifest JSON object');
    if (json.schemaVersion !== 2) {
        throw new ManifestError(`unsupported manifest schemaVersion ${JSON.stringify(json.schemaVersion)}: only schemaVersion 2 (OCI and Docker v2) is supported; push the image again with a current Docker or BuildKit`);
    }
    const mediaType = mediaTypeOf(json, contentType);
    if (isIndexMediaType(mediaType)) {
        if (!Array.isArray(json.manifests))
            throw new ManifestError(`${mediaType} has no manifests array`);
        json.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`));
        return { kind: 'index', mediaType, index: json };
    }
    if (isImageManifestMediaType(mediaType)) {
        checkDescriptor(json.config, 'config');
        if (!Array.isArray(json.layers))
            throw new ManifestError(`${mediaType} has no layers array`);
        json.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`));
        return { kind: 'manifest', mediaType, manifest: json };
    }
    throw new ManifestError(`unsupported manifest media type "${mediaType}": expected an OCI or Docker v2 image manifest or index`);
}
// ---- building ----
function sortedAnnotations(a) {
    if (a === undefined)
        return undefined;
    const keys = Object.keys(a).sort();
    if (keys.length === 0)
        return undefined;
    return Object.fromEntries(keys.map(k => [k, a[k]]));
}
function normalisePlatform(p) {
    const out = { architecture: p.architecture, os: p.os };
    if (p['os.version'] !== undefined)
        out['os.version'] = p['os.version'];
    if (p['os.features'] !== undefined && p['os.features'].length > 0)
        out['os.features'] = [...p['os.features']];
    if (p.variant !== undefined && p.variant !== '')
        out.variant = p.variant;
    return out;
}
function normaliseDescriptor(d) {
    const out = { mediaType: d.mediaType, digest: d.digest, size: d.size };
    if (d.artifactType !== undefined)
        out.artifactType = d.artifactType;
    if (d.platform !== undefined)
        out.platform = normalisePlatform(d.platform);
    const annotations = sortedAnnotations(d.annotations);
    if (annotations !== undefined)
        out.annotations = annotations;
    return out;
}
/**
 * The index in canonical form: fixed key order, annotations sorted by key, empty and
 * undefined fields left out. Descriptor fields other than mediaType, digest, size,
 * artifactType, platform and annotations (urls) are dropped.
 */
function normaliseIndex(index) {
    const out = { schemaVersion: 2 };
    if (index.mediaType !== undefined)
        out.mediaType = index.mediaType;
    if (index.artifactType !== undefined)
        out.artifactType = index.artifactType;
    out.manifests = index.manifests.map(normaliseDescriptor);
    if (index.subject !== undefined)
        out.subject = normaliseDescriptor(index.subject);
    const annotations = sortedAnnotations(index.annotations);
    if (annotations !== undefined)
        out.annotations = annotations;
    return out;
}
/** Compact JSON of the canonical form: the same index always gives the same bytes. */
function serialiseIndex(index) {
    return new TextEncoder().encode(JSON.stringify(normaliseIndex(index)));
}
function hasAnnotations(a) {
    return a !== undefined && Object.keys(a).length > 0;
}
// A Docker manifest list cannot carry annotations, so any annotation makes the index OCI;
// so does any OCI child, because a Docker list must not label OCI manifests.
function indexMediaType(children, annotations) {
    const allDocker = children.every(d => isDockerMediaType(d.mediaType));
    const annotated = hasAnnotations(annotations) || children.some(d => hasAnnotations(d.annotations));
    return allDocker && !annotated ? _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.DockerManifestList : _types_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaType */ .z.OciIndex;
}
function checkDistinctImages(images) {
    const seen = new Set();
    for (const image of images) {
        if (seen.has(image.digest)) {
            throw new ManifestError(`image ${image.digest} is listed twice in the index: each platform must have its own image`);
        }
        seen.add(image.digest);
    }
}
/** The index over per-platform images (in the given order), then their attestations. */
function buildIndex(input) {
    if (input.images.length === 0)
        throw new ManifestError('cannot build an image index without images');
    checkDistinctImages(input.images);
    const children = [...input.images, ...input.attestations];
    const mediaType = indexMediaType(children, input.annotations);
    const index = normaliseIndex({ schemaVersion: 2, mediaType, manifests: children, annotations: input.annotations });
    const bytes = serialiseIndex(index);
    if (bytes.length > _digest_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_MANIFEST_BYTES */ .ZJ) {
        throw new ManifestError(`index is ${bytes.length} bytes, over the 4 MiB registries accept`);
    }
    return { index, bytes, digest: (0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestOf */ .ol)(bytes), mediaType };
}


/***/ })

};
