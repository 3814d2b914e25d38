export const id = 510;
export const ids = [510];
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

/***/ 5510:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkDeployments: () => (/* binding */ checkDeployments)
});

// UNUSED EXPORTS: verdictText

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/check/globs.ts
// The `manifests` input's files: paths, directories (their YAML and JSON files) and globs
// (`*`, `**`, `?`, `[...]`, `{a,b}`; a leading `!` excludes), relative to the workspace.
// A pattern that matches nothing is an error naming the input: a typo must not pass as "ready".


/** Folders never walked: they hold no deployment files of the repository's own. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** Files a directory entry brings in. */
const DEPLOYMENT_FILE = /\.(ya?ml|json)$/i;
/** Files walked per pattern before giving up (a pattern over the whole disk, a link loop). */
const MAX_WALKED = 100_000;
class ManifestsError extends Error {
    constructor(message) {
        super(`input manifests: ${message}`);
        this.name = 'ManifestsError';
    }
}
const isGlob = (pattern) => /[*?[\]{}]/.test(pattern);
/** The files the patterns name, relative to `cwd` with `/`, sorted, each once. */
async function expandManifests(patterns, cwd) {
    const files = new Set();
    for (const pattern of patterns.filter(p => !p.startsWith('!'))) {
        const matched = await expandOne(pattern, cwd);
        if (matched.length === 0)
            throw new ManifestsError(isGlob(pattern)
                ? `"${pattern}" matches no file: give files, directories or globs of deployment files relative to the workspace, e.g. k8s/**/*.yaml`
                : `"${pattern}" is no file or directory with YAML or JSON files: give files, directories or globs relative to the workspace, e.g. k8s/**/*.yaml`);
        for (const file of matched)
            files.add(file);
    }
    const excluded = patterns.filter(p => p.startsWith('!')).map(p => globToRegExp(p.slice(1)));
    return [...files].filter(file => !excluded.some(re => re.test(file))).sort();
}
async function expandOne(pattern, cwd) {
    const normalised = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!isGlob(normalised)) {
        const info = await (0,promises_.stat)((0,external_node_path_.resolve)(cwd, normalised)).catch(() => undefined);
        if (info?.isFile())
            return [normalised];
        if (info?.isDirectory())
            return (await walk((0,external_node_path_.resolve)(cwd, normalised), cwd)).filter(f => DEPLOYMENT_FILE.test(f));
        return [];
    }
    // Walk from the folder before the first glob segment.
    const segments = normalised.split('/');
    const firstGlob = segments.findIndex(isGlob);
    const base = segments.slice(0, firstGlob).join('/');
    const re = globToRegExp(normalised);
    return (await walk((0,external_node_path_.join)(cwd, base), cwd)).filter(file => re.test(file));
}
/** Every file under `dir` (symbolic links to folders not followed), as paths relative to `cwd`. */
async function walk(dir, cwd) {
    const files = [];
    const pending = [dir];
    while (pending.length > 0) {
        const current = pending.pop();
        const entries = await (0,promises_.readdir)(current, { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
            const path = (0,external_node_path_.join)(current, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRS.has(entry.name))
                    pending.push(path);
            }
            else if (entry.isFile() || (entry.isSymbolicLink() && (await (0,promises_.stat)(path).catch(() => undefined))?.isFile())) {
                files.push((0,external_node_path_.relative)(cwd, path).split(external_node_path_.sep).join('/'));
                if (files.length > MAX_WALKED)
                    throw new ManifestsError(`more than ${MAX_WALKED} files under ${(0,external_node_path_.relative)(cwd, dir) || '.'}: narrow the globs`);
            }
        }
    }
    return files;
}
/** A glob as a regular expression over `/`-separated relative paths. */
function globToRegExp(glob) {
    let re = '';
    const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
    for (let i = 0; i < g.length; i++) {
        const c = g[i];
        if (c === '*' && g[i + 1] === '*') {
            // `**/` is any number of folders (none included); a trailing `**` is anything below.
            if (g[i + 2] === '/') {
                re += '(?:[^/]*/)*';
                i += 2;
            }
            else {
                re += '.*';
                i += 1;
            }
        }
        else if (c === '*')
            re += '[^/]*';
        else if (c === '?')
            re += '[^/]';
        else if (c === '{') {
            const end = g.indexOf('}', i);
            if (end === -1)
                re += '\\{';
            else {
                re += `(?:${g
                    .slice(i + 1, end)
                    .split(',')
                    .map(alt => alt
                    .replace(/[.+^$()|[\]\\]/g, '\\$&')
                    .replace(/\*/g, '[^/]*')
                    .replace(/\?/g, '[^/]'))
                    .join('|')})`;
                i = end;
            }
        }
        else if (c === '[') {
            const end = g.indexOf(']', i + 1);
            if (end === -1)
                re += '\\[';
            else {
                const body = g
                    .slice(i + 1, end)
                    .replace(/^!/, '^')
                    .replace(/\\/g, '\\\\');
                re += `[${body}]`;
                i = end;
            }
        }
        else
            re += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
}

// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
;// CONCATENATED MODULE: ./src/check/images.ts
// An image as a deployment file writes it, made into the one name it is checked (and cached)
// under: Docker Hub short names get docker.io and library/, a bare name gets :latest, a digest
// is kept as it is. Images the file cannot tell (a variable, a template) say why instead.

function canonicalImage(written) {
    if (/\{\{.*\}\}/.test(written))
        return { ok: false, reason: 'a Helm template expression ({{ }}): run `helm template` and check its output' };
    if (/\$\(|\$\{|\$[A-Za-z_]/.test(written))
        return { ok: false, reason: 'names a variable ($(VAR) or ${VAR}) set at deploy time, so the image is not known here' };
    if (written !== written.trim())
        return { ok: false, reason: 'has leading or trailing whitespace, which Kubernetes and ECS reject' };
    if (/\s/.test(written))
        return { ok: false, reason: 'holds whitespace: not an image reference' };
    const slash = written.indexOf('/');
    const first = slash === -1 ? '' : written.slice(0, slash);
    const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
    let host = hasHost ? first : 'docker.io';
    let path = hasHost ? written.slice(slash + 1) : written;
    if (host === 'index.docker.io' || host === 'registry-1.docker.io')
        host = 'docker.io';
    if (host === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    try {
        const ref = (0,reference/* parseReference */.F2)(`${host}/${path}`);
        const name = `${ref.registry}/${ref.repository}`;
        if (ref.digest)
            return { ok: true, canonical: `${name}${ref.tag ? `:${ref.tag}` : ''}@${ref.digest}` };
        return { ok: true, canonical: `${name}:${ref.tag ?? 'latest'}` };
    }
    catch (err) {
        return { ok: false, reason: `not an image reference: ${err instanceof Error ? err.message : String(err)}` };
    }
}
/** The registry host of a canonical image name. */
function registryOf(canonical) {
    return canonical.slice(0, canonical.indexOf('/'));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/check/compose.ts
/** Whether a document is a Compose file: a `services` mapping, and not a Kubernetes object. */
function isComposeFile(nodes, root) {
    return nodes.entries(nodes.get(root, 'services')).length > 0 && nodes.get(root, 'kind') === undefined;
}
function composeImages(nodes, root, file, notes) {
    const uses = [];
    for (const [service, definition] of nodes.entries(nodes.get(root, 'services'))) {
        const imageNode = nodes.get(definition, 'image');
        const image = nodes.text(imageNode);
        // With build:, compose builds the image (image: only names the result): nothing to pull yet.
        if (nodes.get(definition, 'build') !== undefined) {
            notes.push({ level: 'info', message: `${file}: service ${service} is built from source (build:): no image to check; skipped` });
            continue;
        }
        if (image === undefined || image.trim() === '') {
            notes.push({ level: 'info', message: `${file}: service ${service} names no image; skipped` });
            continue;
        }
        // platform: pins the service (compose pulls that variant, wherever it runs).
        const platform = nodes.text(nodes.get(definition, 'platform'))?.trim();
        uses.push({
            image,
            format: 'compose',
            file,
            line: nodes.line(imageNode),
            kind: 'Compose service',
            name: service,
            container: service,
            ...(platform ? { pinned: [platform] } : {})
        });
    }
    return uses;
}

;// CONCATENATED MODULE: ./src/check/ecs.ts
/** The task definition a document holds, if it is one. */
function taskDefinitionOf(nodes, root) {
    for (const candidate of [root, nodes.get(root, 'taskDefinition')])
        if (candidate !== undefined && nodes.get(candidate, 'containerDefinitions') !== undefined)
            return candidate;
    return undefined;
}
function ecsImages(nodes, taskDefinition, file) {
    const pinned = runtimePlatform(nodes, taskDefinition);
    const name = nodes.text(nodes.get(taskDefinition, 'family')) ?? nodes.text(nodes.get(taskDefinition, 'taskDefinitionArn')) ?? '(no family)';
    return nodes.items(nodes.get(taskDefinition, 'containerDefinitions')).flatMap((container) => {
        const imageNode = nodes.get(container, 'image');
        const image = nodes.text(imageNode);
        if (image === undefined || image.trim() === '')
            return [];
        return [
            {
                image,
                format: 'ecs',
                file,
                line: nodes.line(imageNode),
                kind: 'ECS task definition',
                name,
                container: nodes.text(nodes.get(container, 'name')) ?? '(unnamed)',
                ...(pinned ? { pinned: [pinned] } : {})
            }
        ];
    });
}
const CPU_ARCHITECTURES = { X86_64: 'amd64', ARM64: 'arm64' };
/** runtimePlatform: the one platform the task runs on, when it says (Linux by default; Windows families are amd64). */
function runtimePlatform(nodes, taskDefinition) {
    const platform = nodes.get(taskDefinition, 'runtimePlatform');
    const cpu = nodes.text(nodes.get(platform, 'cpuArchitecture'))?.toUpperCase();
    const family = nodes.text(nodes.get(platform, 'operatingSystemFamily'))?.toUpperCase();
    const os = family?.startsWith('WINDOWS') ? 'windows' : 'linux';
    if (cpu !== undefined && CPU_ARCHITECTURES[cpu])
        return `${os}/${CPU_ARCHITECTURES[cpu]}`;
    return os === 'windows' ? 'windows/amd64' : undefined;
}

;// CONCATENATED MODULE: ./src/check/kubernetes.ts
/** Lists inside lists, at most this deep. */
const LIST_DEPTH = 4;
const CONTAINER_FIELDS = [
    ['initContainers', 'init'],
    ['containers', undefined],
    ['ephemeralContainers', 'ephemeral']
];
/** Whether a document is a Kubernetes object (apiVersion and kind). */
function isKubernetesObject(nodes, root) {
    return nodes.text(nodes.get(root, 'apiVersion')) !== undefined && nodes.text(nodes.get(root, 'kind')) !== undefined;
}
/** The images an object's pods run, with where each is written. `file` and `source` say where the object is. */
function kubernetesImages(nodes, root, where, depth = 0) {
    const kind = nodes.text(nodes.get(root, 'kind')) ?? '';
    const items = nodes.get(root, 'items');
    if (kind.endsWith('List') && items !== undefined) {
        if (depth >= LIST_DEPTH)
            return [];
        return nodes.items(items).flatMap(item => kubernetesImages(nodes, item, where, depth + 1));
    }
    const podSpec = podSpecOf(nodes, root, kind);
    if (podSpec === undefined)
        return [];
    const name = nodes.text(nodes.at(root, 'metadata', 'name')) ?? '(unnamed)';
    const namespace = nodes.text(nodes.at(root, 'metadata', 'namespace'));
    const pinned = pinnedArchitectures(nodes, podSpec);
    const uses = [];
    for (const [field, role] of CONTAINER_FIELDS) {
        for (const container of nodes.items(nodes.get(podSpec, field))) {
            const imageNode = nodes.get(container, 'image');
            const image = nodes.text(imageNode);
            if (image === undefined || image.trim() === '')
                continue;
            uses.push({
                image,
                format: 'kubernetes',
                file: where.file,
                line: nodes.line(imageNode) ?? nodes.line(container),
                kind,
                name,
                namespace,
                container: nodes.text(nodes.get(container, 'name')) ?? '(unnamed)',
                role,
                source: where.source,
                ...(pinned ? { pinned: pinned.map(arch => `linux/${arch}`) } : {})
            });
        }
    }
    return uses;
}
/** The object's pod spec: one with a containers list, where its kind keeps it. */
function podSpecOf(nodes, root, kind) {
    const candidates = kind === 'Pod'
        ? [nodes.get(root, 'spec')]
        : [
            nodes.at(root, 'spec', 'template', 'spec'),
            nodes.at(root, 'spec', 'jobTemplate', 'spec', 'template', 'spec'),
            nodes.at(root, 'template', 'spec')
        ];
    return candidates.find(spec => spec !== undefined && nodes.get(spec, 'containers') !== undefined);
}
const ARCH_LABELS = new Set(['kubernetes.io/arch', 'beta.kubernetes.io/arch']);
/**
 * The architectures a pod spec is pinned to: its nodeSelector on kubernetes.io/arch, or its
 * required node affinity (terms are ORed: pinned only when every term names architectures with In).
 * Both given: the scheduler wants both, so the selector's architecture (when the affinity allows it).
 */
function pinnedArchitectures(nodes, podSpec) {
    const selector = [...ARCH_LABELS]
        .map(label => nodes.text(nodes.get(nodes.get(podSpec, 'nodeSelector'), label)))
        .find(v => v !== undefined);
    const terms = nodes.items(nodes.at(podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
    let affinity;
    if (terms.length > 0) {
        const perTerm = terms.map(term => {
            let allowed;
            for (const expression of nodes.items(nodes.get(term, 'matchExpressions'))) {
                if (!ARCH_LABELS.has(nodes.text(nodes.get(expression, 'key')) ?? ''))
                    continue;
                if (nodes.text(nodes.get(expression, 'operator')) !== 'In')
                    continue;
                const values = nodes.items(nodes.get(expression, 'values')).flatMap(v => nodes.text(v) ?? []);
                allowed = allowed === undefined ? values : allowed.filter(v => values.includes(v));
            }
            return allowed;
        });
        if (perTerm.every(t => t !== undefined))
            affinity = [...new Set(perTerm.flat())];
    }
    if (selector !== undefined)
        return affinity === undefined || affinity.includes(selector) ? [selector] : [];
    return affinity;
}

;// CONCATENATED MODULE: ./src/check/yaml-nodes.ts
// Reading parsed YAML nodes where they stand, so that every image keeps its line: map
// lookups that follow aliases and `<<` merge keys (as Kubernetes' YAML reader does), and
// nothing that expands a whole tree (an alias bomb stays unexpanded here).

/** Aliases followed in a row before giving up (an alias of an alias of ...). */
const ALIAS_HOPS = 16;
/** `<<` merge keys followed in a row. */
const MERGE_DEPTH = 8;
class Nodes {
    doc;
    lines;
    constructor(doc, lines) {
        this.doc = doc;
        this.lines = lines;
    }
    /** The node itself, or what an alias points at. */
    resolve(node) {
        let current = node;
        for (let hop = 0; hop < ALIAS_HOPS && (0,dist/* isAlias */.Vj)(current); hop++)
            current = current.resolve(this.doc);
        return (0,dist/* isAlias */.Vj)(current) ? undefined : current;
    }
    /** A mapping's value under `key` (through `<<` merge keys), resolved. */
    get(node, key, depth = 0) {
        const map = this.resolve(node);
        if (!(0,dist/* isMap */.jh)(map) || depth > MERGE_DEPTH)
            return undefined;
        for (const pair of map.items)
            if ((0,dist/* isScalar */.jn)(pair.key) && pair.key.value === key)
                return this.resolve(pair.value);
        for (const pair of map.items) {
            if (!(0,dist/* isScalar */.jn)(pair.key) || pair.key.value !== '<<')
                continue;
            const merged = this.resolve(pair.value);
            for (const source of (0,dist/* isSeq */.oP)(merged) ? merged.items : [merged]) {
                const found = this.get(source, key, depth + 1);
                if (found !== undefined)
                    return found;
            }
        }
        return undefined;
    }
    /** Following keys one after the other: at(root, 'spec', 'template', 'spec'). */
    at(node, ...keys) {
        let current = this.resolve(node);
        for (const key of keys)
            current = this.get(current, key);
        return current;
    }
    /** A scalar's value as text (numbers too), else undefined. */
    text(node) {
        const scalar = this.resolve(node);
        if (!(0,dist/* isScalar */.jn)(scalar) || scalar.value === null || typeof scalar.value === 'object')
            return undefined;
        return String(scalar.value);
    }
    /** A sequence's items, resolved; [] for anything else. */
    items(node) {
        const seq = this.resolve(node);
        return (0,dist/* isSeq */.oP)(seq) ? seq.items.map(item => this.resolve(item)).filter((item) => item !== undefined) : [];
    }
    /** A mapping's entries as [key, value], resolved. */
    entries(node) {
        const map = this.resolve(node);
        if (!(0,dist/* isMap */.jh)(map))
            return [];
        return map.items.flatMap(pair => (0,dist/* isScalar */.jn)(pair.key) ? [[String(pair.key.value), this.resolve(pair.value)]] : []);
    }
    /** The 1-based line a node starts on. */
    line(node) {
        const range = node?.range;
        return range ? this.lines.linePos(range[0]).line : undefined;
    }
}

;// CONCATENATED MODULE: ./src/check/manifests.ts
// One deployment file, read safely: bounded in size, every YAML document (JSON is YAML)
// parsed with line numbers, aliases bounded, each document given to the reader of its
// format. Problems name the file and line; nothing here throws on hostile input.






/** Deployment files are small; a larger one is not read (and the check says so). */
const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;
/** Alias expansions allowed per document when it is converted whole (the guard against a "billion laughs"). */
const MAX_ALIAS_COUNT = 1000;
/** Reads one file from disk, at most MAX_MANIFEST_BYTES of it. */
async function readManifestFile(path, name = path) {
    let handle;
    try {
        handle = await (0,promises_.open)(path, 'r');
        const buffer = Buffer.alloc(MAX_MANIFEST_BYTES + 1);
        let length = 0;
        while (length < buffer.length) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > MAX_MANIFEST_BYTES)
            return problem(`${name}: larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, the most the check reads of a file: not checked`);
        return readManifestText(buffer.subarray(0, length).toString('utf8'), name);
    }
    catch (err) {
        return problem(`${name}: cannot read it: ${err instanceof Error ? err.message : String(err)}`);
    }
    finally {
        await handle?.close();
    }
}
/** Reads one file's text: every document of it, in order. */
function readManifestText(text, file) {
    const reading = { uses: [], notes: [], problems: [] };
    const lines = new dist/* LineCounter */.HN();
    const parsed = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter: lines });
    const documents = Array.isArray(parsed) ? parsed : [];
    for (const [index, doc] of documents.entries()) {
        const error = doc.errors[0];
        if (error) {
            const line = lines.linePos(error.pos[0]).line;
            const helm = /\{\{.*\}\}/.test(text)
                ? ': it holds {{ }} template expressions, so it looks like an unrendered Helm template: run `helm template` and check its output instead'
                : '';
            // The library's first line ends "at line L, column C:"; the line is said up front already.
            const message = error.message.split('\n')[0].replace(/ at line \d+, column (\d+):?$/, ' (column $1)');
            reading.problems.push(`${file}:${line}: invalid YAML: ${message}${helm}`);
            // Later documents may be fine, but positions after a broken one are not to be trusted.
            break;
        }
        readDocument(doc, new Nodes(doc, lines), text, file, index, reading);
    }
    if (reading.uses.some(use => /\{\{.*\}\}/.test(use.image)))
        reading.notes.push({
            level: 'warning',
            message: `${file}: images hold {{ }} template expressions, so it looks like an unrendered Helm template: run \`helm template\` and check its output instead`
        });
    return reading;
}
function readDocument(doc, nodes, text, file, index, reading) {
    const root = nodes.resolve(doc.contents);
    if (root === undefined || root === null)
        return;
    const at = `${file}:${nodes.line(root) ?? 1}`;
    try {
        // The one whole-tree conversion: it throws past MAX_ALIAS_COUNT expansions, before any reader walks an alias bomb.
        doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    }
    catch (err) {
        reading.problems.push(`${at}: not read: ${err instanceof Error ? err.message : String(err)} (YAML aliases expanding past ${MAX_ALIAS_COUNT})`);
        return;
    }
    const taskDefinition = taskDefinitionOf(nodes, root);
    if (taskDefinition !== undefined) {
        reading.uses.push(...ecsImages(nodes, taskDefinition, file));
    }
    else if (isKubernetesObject(nodes, root)) {
        reading.uses.push(...kubernetesImages(nodes, root, { file, source: helmSource(text, doc, root) }));
    }
    else if (isComposeFile(nodes, root)) {
        reading.uses.push(...composeImages(nodes, root, file, reading.notes));
    }
    else {
        reading.notes.push({
            level: 'debug',
            message: `${at}: document ${index + 1} is not a Kubernetes object, ECS task definition or Compose file; ignored`
        });
    }
}
/** The `# Source: chart/templates/x.yaml` comment helm template writes above each document. */
function helmSource(text, doc, root) {
    const start = doc.range?.[0] ?? 0;
    const end = root.range?.[0] ?? start;
    const head = text.slice(start, end);
    return /^#\s*Source:\s*(\S+)/m.exec(head)?.[1];
}
function problem(message) {
    return { uses: [], notes: [], problems: [message] };
}

// EXTERNAL MODULE: ./src/check/platforms.ts
var platforms = __webpack_require__(1048);
// EXTERNAL MODULE: ./src/oci/platform.ts
var platform = __webpack_require__(1890);
;// CONCATENATED MODULE: ./src/check/report.ts
// Verdicts: each distinct image against the platforms asked for, with every place it is used;
// and, for each workload that uses an image lacking one, what to do about it. Pure.

/**
 * The platforms an image must have: those asked for, except where every use of it is in a
 * workload pinned elsewhere (then the pinned ones). A pin that is no platform counts as unpinned.
 */
function neededPlatforms(uses, wanted) {
    const needed = new Map();
    for (const use of uses) {
        let platforms = wanted;
        if (use.pinned) {
            try {
                platforms = use.pinned.map(platform/* parsePlatform */.FL);
            }
            catch {
                platforms = wanted;
            }
        }
        for (const p of platforms)
            needed.set((0,platform/* formatPlatform */.Bq)(p), p);
    }
    return uses.length === 0 ? wanted : [...needed.values()];
}
function judge(image, uses, answer, wanted) {
    if (!answer.ok)
        return { image, verdict: 'unknown', has: [], missing: [], reason: answer.reason, uses, lacking: [] };
    const has = answer.platforms.map(platform/* formatPlatform */.Bq);
    const lacks = (needed) => needed.filter(w => !answer.platforms.some(p => (0,platform/* platformsMatch */.CW)(w, p))).map(platform/* formatPlatform */.Bq);
    const missing = lacks(neededPlatforms(uses, wanted));
    const lacking = uses.map(use => ({ use, missing: lacks(neededPlatforms([use], wanted)) })).filter(l => l.missing.length > 0);
    return { image, verdict: missing.length > 0 ? 'missing' : 'ready', has, missing, uses, lacking };
}
/** Per workload with a missing platform, the fix: replace the image, or pin the workload where all its images run. */
function workloadAdvice(reports, wanted) {
    const workloads = new Map();
    for (const report of reports)
        for (const lack of report.lacking) {
            const use = lack.use;
            const key = `${use.file}\u0000${use.kind}\u0000${use.namespace ?? ''}\u0000${use.name}`;
            let entry = workloads.get(key);
            if (!entry) {
                const name = use.namespace ? `${use.namespace}/${use.name}` : use.name;
                entry = { format: use.format, label: `${use.kind} ${name} (${use.file})`, lacking: new Map() };
                workloads.set(key, entry);
            }
            entry.lacking.set(report, [...(entry.lacking.get(report) ?? []), lack]);
        }
    return [...workloads.values()].map(entry => {
        const lacked = new Set();
        const images = [...entry.lacking].map(([report, lacks]) => {
            const missing = [...new Set(lacks.flatMap(l => l.missing))];
            for (const m of missing)
                lacked.add(m);
            const containers = [...new Set(lacks.map(l => l.use.container))].join(', ');
            return `${report.image} (container ${containers}) has no ${missing.join(', ')}: it has ${report.has.join(', ') || 'none'}`;
        });
        // Where the workload can run as it is: the platforms asked for that none of its images lacks.
        const runs = wanted.map(platform/* formatPlatform */.Bq).filter(p => !lacked.has(p));
        return { format: entry.format, workload: entry.label, images, advice: adviceFor(entry.format, runs) };
    });
}
const ECS_ARCH = { amd64: 'X86_64', arm64: 'ARM64' };
function adviceFor(format, runs) {
    const replace = 'Replace the image with one built for every platform (a multi-arch index)';
    if (runs.length === 0)
        return `${replace}: no platform asked for has all of its images.`;
    const linux = runs.filter(p => p.startsWith('linux/'));
    const arch = (linux[0] ?? runs[0]).split('/')[1];
    switch (format) {
        case 'kubernetes':
            return (`${replace}, or pin the workload to ${runs.join(', ')} until it has one: in the pod template, ` +
                `\`nodeSelector: {kubernetes.io/arch: ${arch}}\` (or a requiredDuringSchedulingIgnoredDuringExecution node affinity on kubernetes.io/arch).`);
        case 'ecs':
            return `${replace}, or pin the task definition: \`"runtimePlatform": {"cpuArchitecture": "${ECS_ARCH[arch] ?? arch.toUpperCase()}", "operatingSystemFamily": "LINUX"}\`.`;
        case 'compose':
            return `${replace}, or pin the service: \`platform: ${linux[0] ?? runs[0]}\`.`;
    }
}

// EXTERNAL MODULE: ./src/check/uses.ts
var check_uses = __webpack_require__(33);
// EXTERNAL MODULE: ./src/ecr/registry-host.ts
var registry_host = __webpack_require__(4130);
// EXTERNAL MODULE: ./src/registry/client.ts + 4 modules
var client = __webpack_require__(4872);
// EXTERNAL MODULE: ./src/commands/session.ts
var session = __webpack_require__(8118);
;// CONCATENATED MODULE: ./src/commands/check.ts
// mode: check: every image the deployment files run, checked for the platforms asked for
// (a Graviton migration: linux/amd64 and linux/arm64) through the one registry client.
// Nothing is built, pushed or staged. ECR images use the ECR login; others go anonymous,
// or with username/password for the `registry` host.











/** Files read at once. */
const READ_CONCURRENCY = 8;
const ORDER = { missing: 0, unknown: 1, ready: 2 };
async function checkDeployments(config, options) {
    const { logger } = options;
    const cwd = options.cwd ?? process.cwd();
    const files = await expandManifests(config.manifests, cwd);
    logger.info(`check: ${files.length} file(s) for ${config.platforms.map(platform/* formatPlatform */.Bq).join(', ')}`);
    const readings = await mapLimit(files, READ_CONCURRENCY, file => readManifestFile((0,external_node_path_.resolve)(cwd, file), file));
    const problems = [];
    const uses = [];
    for (const reading of readings) {
        report(reading, logger);
        problems.push(...reading.problems);
        uses.push(...reading.uses);
    }
    if (uses.length === 0)
        logger.warning(`check: the files name no container image (${files.length} file(s) read)`);
    // Distinct images, each resolved once; images the file cannot tell are unknown, with why.
    const byImage = new Map();
    const unresolvable = new Map();
    for (const use of uses) {
        const name = canonicalImage(use.image);
        if (name.ok) {
            const list = byImage.get(name.canonical) ?? [];
            list.push(use);
            byImage.set(name.canonical, list);
        }
        else {
            const entry = unresolvable.get(use.image) ?? { reason: name.reason, uses: [] };
            entry.uses.push(use);
            unresolvable.set(use.image, entry);
        }
    }
    const lookup = await platformLookup(config, options, [...byImage.keys()].map(registryOf));
    const answers = await Promise.all([...byImage].map(async ([image, imageUses]) => judge(image, imageUses, await lookup.platforms(image), config.platforms)));
    const images = [
        ...answers,
        ...[...unresolvable].map(([written, { reason, uses }]) => judge(written, uses, { ok: false, reason }, config.platforms))
    ];
    images.sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || a.image.localeCompare(b.image));
    for (const image of images)
        logger.info(`check: ${image.verdict.padEnd(7)} ${image.image}: ${verdictText(image)}`);
    const missing = images.filter(i => i.verdict === 'missing');
    const unknown = images.filter(i => i.verdict === 'unknown');
    const ready = missing.length === 0 && unknown.length === 0 && problems.length === 0;
    logger.info(`check: ${images.length} image(s): ${images.length - missing.length - unknown.length} ready, ${missing.length} missing a platform, ${unknown.length} unknown` +
        (problems.length > 0 ? `; ${problems.length} file problem(s)` : ''));
    const failure = config.failOn === 'missing' && missing.length > 0
        ? `${missing.length} image(s) lack a platform the deployments need:\n${missing.map(i => `${i.image} has no ${i.missing.join(', ')}: it has ${i.has.join(', ')} (${(0,check_uses/* describeUse */.p)(i.lacking[0].use)})`).join('\n')}`
        : undefined;
    return {
        platforms: config.platforms.map(platform/* formatPlatform */.Bq),
        files,
        images,
        problems,
        advice: workloadAdvice(images, config.platforms),
        ready,
        failOn: config.failOn,
        failure
    };
}
/** "linux/amd64, linux/arm64", "has no linux/arm64: it has linux/amd64", or why it is unknown. */
function verdictText(image) {
    if (image.verdict === 'unknown')
        return image.reason ?? 'not read';
    if (image.verdict === 'missing')
        return `has no ${image.missing.join(', ')}: it has ${image.has.join(', ')}`;
    return image.has.join(', ');
}
function report(reading, logger) {
    for (const note of reading.notes)
        logger[note.level](`check: ${note.message}`);
    for (const problem of reading.problems)
        logger.warning(`check: ${problem}`);
}
/**
 * Clients by registry: the `registry` input's session (ECR by default, when a region is
 * known; username/password for another host), a login of its own for each other ECR host,
 * anonymous (with Bearer challenges) for the rest. A login that fails makes that registry's images unknown.
 */
async function platformLookup(config, options, hosts) {
    const { logger, maskSecret } = options;
    const open = options.openSession ?? session/* openSession */.f;
    const target = (0,registry_host/* resolveRegistryInput */.am)(config.registry, config.region);
    const clients = {};
    const wantsDefault = target.kind === 'ecr-default' && config.region !== undefined;
    if (target.kind !== 'ecr-default' || wantsDefault) {
        try {
            const session = await open({ ...config, logger, maskSecret });
            clients[session.registry] = session.client;
        }
        catch (err) {
            const why = err instanceof Error ? err.message : String(err);
            logger.warning(`check: cannot log in to ${target.kind === 'ecr-default' ? 'ECR' : target.host}: ${why}; its images are reported unknown`);
        }
    }
    else if (hosts.some(host => (0,registry_host/* parseEcrHost */.wl)(host) !== undefined)) {
        logger.debug('check: no region set: each ECR host is logged in to in its own region');
    }
    return new platforms/* PlatformLookup */.u({
        logger,
        clients,
        concurrency: options.concurrency ?? 8,
        clientFor: async (registry) => {
            // Another ECR registry (another account or region): its own ECR login.
            if ((0,registry_host/* parseEcrHost */.wl)(registry) !== undefined)
                return (await open({ registry, logger, maskSecret })).client;
            return options.anonymousClient?.(registry) ?? new client/* RegistryClient */.bP({ registry, logger, retry: { attempts: 2 } });
        }
    });
}
/** `fn` over `items`, `limit` at a time, results in order. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
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
