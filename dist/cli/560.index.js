export const id = 560;
export const ids = [560];
export const modules = {

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
/* harmony export */   H3: () => (/* binding */ isAttestation),
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   Xh: () => (/* binding */ buildIndex)
/* harmony export */ });
/* unused harmony exports ManifestError, isIndexMediaType, isImageManifestMediaType, isDockerMediaType, normaliseIndex, serialiseIndex */
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
