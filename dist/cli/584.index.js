export const id = 584;
export const ids = [584];
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

/***/ 2584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  merge: () => (/* binding */ merge)
});

// EXTERNAL MODULE: ./src/metadata/labels.ts
var labels = __webpack_require__(8454);
// EXTERNAL MODULE: ./src/oci/platform.ts
var platform = __webpack_require__(1890);
// EXTERNAL MODULE: ./src/oci/reference.ts
var oci_reference = __webpack_require__(2148);
// EXTERNAL MODULE: ./src/oci/staging.ts
var staging = __webpack_require__(2736);
// EXTERNAL MODULE: ./src/util/logger.ts
var util_logger = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/oci/manifest.ts
var manifest = __webpack_require__(2060);
;// CONCATENATED MODULE: ./src/commands/attestations.ts
// What an image's attestation manifests attest: BuildKit writes one attestation manifest per
// image whose layers are in-toto statements, each annotated with its predicate type
// (provenance, SBOM, ...). The summary lists those kinds per published image.

const PREDICATE_TYPE = 'in-toto.io/predicate-type';
/** A short name for an in-toto predicate type: provenance, sbom, or the type itself. */
function attestationKind(predicateType) {
    if (predicateType.startsWith('https://slsa.dev/provenance/'))
        return 'provenance';
    if (predicateType.startsWith('https://spdx.dev/Document') || predicateType.startsWith('https://cyclonedx.org/bom'))
        return 'sbom';
    return predicateType;
}
/** The kinds (deduplicated, in layer order) in the given attestation manifests; an unreadable one counts as none. */
async function attestationKinds(client, repository, attestations) {
    const manifests = await Promise.all(attestations.map(async (a) => {
        try {
            const parsed = (0,manifest/* parseManifest */.Ng)((await client.getManifest(repository, a.digest)).bytes);
            return parsed.kind === 'manifest' ? parsed.manifest.layers : [];
        }
        catch {
            return [];
        }
    }));
    const types = manifests.flat().flatMap(layer => layer.annotations?.[PREDICATE_TYPE] ?? []);
    return [...new Set(types.map(attestationKind))];
}

// EXTERNAL MODULE: ./src/commands/inspect.ts
var inspect = __webpack_require__(5526);
// EXTERNAL MODULE: ./src/metadata/semver.ts
var semver = __webpack_require__(821);
;// CONCATENATED MODULE: ./src/metadata/latest.ts
// `latest` never goes backwards: whether publishing version V may move `latest`, given the
// version the index under `latest` carries now (its org.opencontainers.image.version).

/**
 * `published`: the version being published (undefined: not a version); `current`: the
 * version annotation of the index `latest` holds now (undefined: no such tag or no annotation).
 */
function decideLatest(policy, latestTag, published, current) {
    if (policy === 'always')
        return { move: true, reason: `latest-policy is always: ${latestTag} moves to this image` };
    const v = typeof published === 'string' ? (0,semver/* parseLooseVersion */.Mq)(published) : published;
    const shown = typeof published === 'string' ? published : published?.raw;
    if (v === undefined)
        return {
            move: true,
            reason: `${shown ? `version "${shown}" is` : 'this image has'} no semver version to compare: ${latestTag} moves as the tags say`
        };
    if (v.prerelease.length > 0)
        return { move: false, reason: `${v.version} is a pre-release: ${latestTag} does not move` };
    if (current === undefined)
        return { move: true, reason: `${latestTag} holds no versioned image yet: it moves to ${v.version}` };
    const c = (0,semver/* parseLooseVersion */.Mq)(current);
    if (c === undefined)
        return { move: true, reason: `${latestTag} holds version "${current}", not semver: it moves to ${v.version}` };
    if ((0,semver/* compareSemver */.mU)(v, c) < 0)
        return { move: false, reason: `${latestTag} holds ${current}, higher than ${v.version}: ${latestTag} stays (latest-policy: highest)` };
    return { move: true, reason: `${v.version} is not lower than ${current}, which ${latestTag} held: ${latestTag} moves to ${v.version}` };
}

;// CONCATENATED MODULE: ./src/commands/latest.ts
// `latest` never goes backwards: one read of what the latest tag holds now (its index's
// org.opencontainers.image.version annotation), then the pure decision of src/metadata/latest.ts.



/** The version annotation of what `tag` holds; undefined when nothing is there or it carries none. */
async function versionHeld(client, repository, tag) {
    let bytes;
    try {
        bytes = (await client.getManifest(repository, tag)).bytes;
    }
    catch (error) {
        if (error instanceof errors/* RegistryError */.gl && error.status === 404)
            return undefined;
        throw error;
    }
    try {
        const manifest = JSON.parse(Buffer.from(bytes).toString('utf8'));
        const version = manifest.annotations?.[labels/* OCI */.s6.version];
        return typeof version === 'string' && version !== '' ? version : undefined;
    }
    catch {
        return undefined;
    }
}
/** Whether this publication moves the plan's tag; `policy: always` reads nothing. */
async function checkLatest(client, repository, plan) {
    const current = plan.policy === 'always' ? undefined : await versionHeld(client, repository, plan.tag);
    return { tag: plan.tag, ...decideLatest(plan.policy, plan.tag, plan.published, current) };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/docker/credentials.ts
// The credentials Docker itself would use for a registry host, read the way the docker
// CLI reads them: $DOCKER_CONFIG/config.json (or ~/.docker/config.json), its `auths`
// (what docker/login-action writes) and the credential helpers it names
// (`credHelpers`, `credsStore`: `docker-credential-<name> get`, the host on stdin).




function dockerConfigPath(env = process.env) {
    return (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'config.json');
}
/** The host's credentials, or undefined (anonymous) when the config has none for it. Never logs them. */
async function dockerCredentials(host, options = {}) {
    const file = dockerConfigPath(options.env);
    let config;
    try {
        config = JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`the Docker config ${file} cannot be read as JSON: ${error.message}`, { cause: error });
    }
    const helper = config.credHelpers?.[host] ?? config.credsStore;
    if (config.credHelpers?.[host] === undefined) {
        const fromAuths = fromAuthEntry(host, config, file);
        if (fromAuths)
            return fromAuths;
    }
    if (!helper)
        return undefined;
    return fromHelper(`docker-credential-${helper}`, host, options.runHelper ?? runHelper);
}
/** An `auths` entry under the host, or under a URL of it (https://host/v1/ and the like). */
function fromAuthEntry(host, config, file) {
    const entries = Object.entries(config.auths ?? {});
    const entry = entries.find(([key]) => key === host) ?? entries.find(([key]) => hostOf(key) === host);
    if (!entry)
        return undefined;
    const [, value] = entry;
    if (value.auth) {
        const decoded = Buffer.from(value.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        // Never echo the value: it is a credential.
        if (colon <= 0)
            throw new Error(`the Docker config ${file} has an auths entry for ${host} that is not base64 of user:password`);
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (value.username && value.password)
        return { username: value.username, password: value.password };
    return undefined;
}
async function fromHelper(program, host, run) {
    let out;
    try {
        out = await run(program, host);
    }
    catch (error) {
        // "credentials not found" is an answer: anonymous. Helpers say so on stdout with exit 1.
        if (/credentials not found/i.test(error.message))
            return undefined;
        throw new Error(`${program} get for ${host} failed: ${error.message}`, { cause: error });
    }
    let parsed;
    try {
        parsed = JSON.parse(out);
    }
    catch {
        throw new Error(`${program} get for ${host} did not answer JSON {Username, Secret}`);
    }
    if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || parsed.Secret === '') {
        throw new Error(`${program} get for ${host} answered without a Username and Secret`);
    }
    return { username: parsed.Username, password: parsed.Secret };
}
const runHelper = (program, host) => new Promise((resolve, reject) => {
    const child = (0,external_node_child_process_.execFile)(program, ['get'], { timeout: 30000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
        // Only stdout's first line is echoed on failure: helpers print "credentials not found" there, never a secret.
        if (error)
            reject(new Error(stdout.trim().split('\n')[0] || error.message));
        else
            resolve(stdout);
    });
    child.stdin?.end(host);
});
function hostOf(key) {
    try {
        return new URL(/^[a-z]+:\/\//i.test(key) ? key : `https://${key}`).host;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/ecr/registry-host.ts
var registry_host = __webpack_require__(4130);
// EXTERNAL MODULE: ./src/registry/client.ts + 4 modules
var client = __webpack_require__(4872);
// EXTERNAL MODULE: ./src/oci/digest.ts
var digest = __webpack_require__(8825);
;// CONCATENATED MODULE: ./src/registry/copy.ts
// Blob copies between repositories, for mirrors: only what the target lacks moves. Within
// one registry a cross-repository mount; across registries the blob streams from the source
// into a chunked upload, its digest checked on the way, one chunk in memory per blob. A chunk
// the registry took in part before a reset (its retry then answers 416, or 404 where the
// registry dropped the upload) resumes from the offset the registry reports, or the upload
// starts over.



const defaultChunkBytes = 8 * 1024 * 1024;
/** Copies each blob the target lacks, `concurrency` at a time; the first failure fails the copy. */
async function copyBlobs(source, target, blobs, options = {}) {
    const unique = [...new Map(blobs.map(b => [b.digest, b])).values()];
    const stats = { blobsCopied: 0, bytesMoved: 0 };
    let next = 0;
    const worker = async () => {
        while (next < unique.length) {
            const blob = unique[next++];
            const outcome = await copyBlob(source, target, blob, options);
            if (outcome !== 'present')
                stats.blobsCopied++;
            if (outcome === 'copied')
                stats.bytesMoved += blob.size;
        }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, unique.length) }, worker));
    return stats;
}
/** HEAD on the target first; then a mount when both are on one registry, else a streamed copy. */
async function copyBlob(source, target, blob, options = {}) {
    const logger = options.logger ?? util_logger/* silentLogger */.q;
    if (await target.client.blobExists(target.repository, blob.digest))
        return 'present';
    let upload;
    if (source.client.registry === target.client.registry) {
        const mounted = await target.client.mountBlob(target.repository, blob.digest, source.repository);
        if (mounted === true) {
            logger.debug(`mounted ${blob.digest} from ${source.repository} into ${target.repository}`);
            return 'mounted';
        }
        // 202: the registry would not mount (no access to the source, or no mount support) and started an upload instead.
        upload = mounted;
    }
    const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
    const location = upload ?? (await target.client.startUpload(target.repository));
    try {
        await streamBlob(source, target, blob, location, chunkBytes);
    }
    catch (error) {
        if (!(error instanceof UploadOutOfStepError))
            throw error;
        // The registry's offset is behind the chunk in hand: the bytes before it are gone from
        // memory, so the blob streams again from the source into a fresh upload, once.
        logger.info(`${error.message}; uploading ${blob.digest} again from the start`);
        await target.client.cancelUpload(target.repository, error.location).catch(() => { });
        await streamBlob(source, target, blob, await target.client.startUpload(target.repository), chunkBytes);
    }
    logger.debug(`copied ${blob.digest} (${blob.size} bytes) to ${target.client.registry}/${target.repository}`);
    return 'copied';
}
/** GET from the source into PATCHes of `chunkBytes`, hashing on the way; PUT ?digest= only when the hash matches. */
async function streamBlob(source, target, blob, location, chunkBytes) {
    const operation = `copy blob ${blob.digest} to ${target.client.registry}/${target.repository}`;
    const algorithm = (0,digest/* verifiableAlgorithm */.JC)(blob.digest);
    if (!algorithm)
        throw new errors/* RegistryError */.gl(operation, `cannot verify digest algorithm "${blob.digest.split(':')[0]}"`);
    const hash = (0,digest/* digester */.WF)(algorithm);
    const { body } = await source.client.openBlob(source.repository, blob.digest);
    const reader = body.getReader();
    let pending = [];
    let pendingBytes = 0;
    let offset = 0;
    // Exactly chunkBytes per PATCH (the last may be shorter): one chunk in memory at a time.
    const send = async (chunk) => {
        location = await sendChunk(target, location, chunk, offset);
        offset += chunk.length;
    };
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            hash.update(value);
            if (offset + pendingBytes + value.length > blob.size) {
                throw new errors/* RegistryError */.gl(operation, `the source sent more than the ${blob.size} bytes its descriptor says`);
            }
            pending.push(value);
            pendingBytes += value.length;
            if (pendingBytes < chunkBytes)
                continue;
            // Joined once per chunk, not once per read.
            let joined = Buffer.concat(pending, pendingBytes);
            while (joined.length >= chunkBytes) {
                await send(joined.subarray(0, chunkBytes));
                joined = joined.subarray(chunkBytes);
            }
            pending = [joined];
            pendingBytes = joined.length;
        }
    }
    catch (error) {
        await reader.cancel().catch(() => { });
        throw error;
    }
    if (pendingBytes > 0)
        await send(Buffer.concat(pending, pendingBytes));
    const actual = `${algorithm}:${hash.digest('hex')}`;
    if (offset !== blob.size)
        throw new errors/* RegistryError */.gl(operation, `the source sent ${offset} of ${blob.size} bytes`);
    if (actual !== blob.digest)
        throw new errors/* RegistryError */.gl(operation, `digest mismatch: the source sent content hashing to ${actual}`);
    await target.client.finishUpload(target.repository, location, blob.digest);
}
/** The upload's offset is behind the chunk in hand: only a fresh upload from the source can go on. */
class UploadOutOfStepError extends errors/* RegistryError */.gl {
    location;
    constructor(operation, message, location) {
        super(operation, message);
        this.location = location;
    }
}
/** Resumes at most this many times per chunk, then the error stands. */
const maxResumes = 3;
/**
 * A chunk the registry refused because its upload is no longer where we think: 416 (its offset
 * is not ours: a PATCH cut by a reset and retried after the registry wrote part of it), or 404
 * (the reference registry cancels an upload resumed at the wrong offset: BLOB_UPLOAD_INVALID).
 */
const outOfStep = (error) => error instanceof errors/* RegistryError */.gl && (error.status === 416 || error.status === 404);
/**
 * One chunk at `offset`. When the registry's upload is out of step with ours, its status says how
 * much it holds: within this chunk, the rest of the chunk goes from there; when it cannot tell
 * (no status, "0-0") and this is the first chunk, a fresh upload takes the whole chunk in hand;
 * anything else is an UploadOutOfStepError.
 */
async function sendChunk(target, location, chunk, offset) {
    const { client, repository } = target;
    let held = 0;
    for (let resumes = 0;; resumes++) {
        try {
            return await client.uploadChunk(repository, location, chunk.subarray(held), offset + held);
        }
        catch (error) {
            if (!outOfStep(error) || resumes >= maxResumes)
                throw error;
            // An upload the registry dropped has no status: that too is "cannot tell".
            const status = await client.uploadStatus(repository, location).catch((e) => {
                if (outOfStep(e) || (e instanceof errors/* RegistryError */.gl && e.status === 400))
                    return { received: undefined, location };
                throw e;
            });
            const operation = `upload chunk ${offset}-${offset + chunk.length - 1} to ${repository}`;
            if (status.received !== undefined && status.received >= offset && status.received <= offset + chunk.length) {
                location = status.location;
                held = status.received - offset;
                if (held === chunk.length)
                    return location;
            }
            else if (offset === 0) {
                await client.cancelUpload(repository, status.location).catch(() => { });
                location = await client.startUpload(repository);
                held = 0;
            }
            else {
                const has = status.received === undefined ? 'an offset it does not say' : `${status.received} bytes`;
                throw new UploadOutOfStepError(operation, `the registry holds ${has} of the upload, not ${offset} to ${offset + chunk.length}`, status.location);
            }
        }
    }
}

// EXTERNAL MODULE: ./src/oci/platform-tag.ts
var platform_tag = __webpack_require__(6915);
;// CONCATENATED MODULE: ./src/commands/publish.ts
// The one publishing path: verified images in, one index out, under every tag.
// The matrix merge and the one-job multi-platform build both end here.



/** Some tags could not be published; the message names those that were. */
class PublishError extends Error {
    published;
    constructor(message, 
    /** The tags that hold the index after all (a mirror reports what it holds). */
    published = []) {
        super(message);
        this.published = published;
        this.name = 'PublishError';
    }
}
/** Every image of a staged leg or source, with its attestations, as candidates. */
function candidatesOf(origin, inspected, stagedAs, claimed) {
    return inspected.images.map(image => ({
        origin,
        stagedAs,
        claimed: claimed?.get(image.descriptor.digest),
        image,
        attestations: inspected.attestations.filter(a => a.annotations?.['vnd.docker.reference.digest'] === image.descriptor.digest)
    }));
}
/**
 * Checks each candidate against what its config says, refuses duplicates and foreign
 * revisions, and orders them: `order` first (in that order), the rest amd64 first.
 */
function verifyCandidates(candidates, options) {
    const byPlatform = new Map();
    for (const candidate of candidates) {
        const actual = candidate.image.descriptor.platform;
        for (const [what, expected] of [
            ['staged as', candidate.stagedAs],
            ['labelled', candidate.claimed]
        ]) {
            if (expected && !(0,platform/* platformsMatch */.CW)(expected, actual)) {
                throw new Error(`${candidate.origin} is ${what} ${(0,platform/* formatPlatform */.Bq)(expected)} but its image config says ${(0,platform/* formatPlatform */.Bq)(actual)} (${candidate.image.descriptor.digest}): refusing to publish a mislabeled image`);
            }
        }
        const revision = candidate.image.revision;
        if (options.revision && revision && revision !== options.revision) {
            throw new Error(`${candidate.origin} was built from commit ${revision}, not ${options.revision} being merged: refusing to mix commits in one index (re-run its build leg)`);
        }
        if (options.revision && !revision)
            options.logger.warning(`${candidate.origin} has no org.opencontainers.image.revision label: its commit cannot be checked`);
        const key = (0,platform/* platformKey */.Ng)(actual);
        const duplicate = byPlatform.get(key);
        if (duplicate)
            throw new Error(`${candidate.origin} and ${duplicate.origin} are both ${describe(actual)}: an index holds one image per platform`);
        byPlatform.set(key, candidate);
    }
    const ordered = [];
    for (const wanted of options.order) {
        const match = [...byPlatform.entries()].find(([, c]) => (0,platform/* platformsMatch */.CW)(wanted, c.image.descriptor.platform));
        if (match) {
            ordered.push(match[1]);
            byPlatform.delete(match[0]);
        }
    }
    const remaining = [...byPlatform.values()];
    const rest = (0,platform/* sortPlatforms */.jo)(remaining.map(c => c.image.descriptor.platform)).map(p => remaining.find(c => c.image.descriptor.platform === p));
    return [...ordered, ...rest];
}
/** Images in order, then their attestations in the same order (or none). */
function indexFor(candidates, attestations, annotations) {
    return (0,manifest/* buildIndex */.Xh)({
        images: candidates.map(c => c.image.descriptor),
        attestations: attestations === 'keep' ? candidates.flatMap(c => c.attestations) : [],
        annotations
    });
}
/**
 * PUTs the index under every tag (and, with platform tags, each image manifest under its
 * platform tags) in parallel. A tag that already holds these exact bytes is left alone
 * (re-runs on IMMUTABLE repositories pass). `current` maps a tag to the digest it held
 * before, fetched ahead so that this step is one round trip.
 */
async function publishIndex(client, repository, index, tags, current, candidates, options = {}) {
    const perPlatform = options.platformTags ? await platformTargets(client, repository, tags, current, candidates, options.manifests) : [];
    const targets = [
        ...tags.map(tag => ({ tag, digest: index.digest, bytes: index.bytes, mediaType: index.mediaType })),
        ...perPlatform.map(p => p.target)
    ];
    const unchanged = targets.filter(t => current.get(t.tag) === t.digest).map(t => t.tag);
    // Platform tags first, then the release tags: a registry re-linking an image manifest
    // (a PUT under its platform tag) may refuse an index that references it meanwhile.
    const images = targets.filter(t => t.digest !== index.digest && current.get(t.tag) !== t.digest);
    const indexes = targets.filter(t => t.digest === index.digest && current.get(t.tag) !== t.digest);
    const put = (wave) => Promise.allSettled(wave.map(t => client.putManifest(repository, t.tag, t.bytes, t.mediaType)));
    const toWrite = [...images, ...indexes];
    const outcomes = [...(await put(images)), ...(await put(indexes))];
    const published = toWrite.filter((_, i) => outcomes[i].status === 'fulfilled').map(t => t.tag);
    const failures = toWrite
        .map((target, i) => ({ target, outcome: outcomes[i] }))
        .filter((f) => f.outcome.status === 'rejected');
    if (failures.length > 0) {
        const reasons = failures.map(({ target, outcome }) => {
            const before = current.get(target.tag);
            const held = before
                ? ` (it holds ${before}; the new ${target.digest === index.digest ? 'index' : 'image'} is ${target.digest}: an immutable tag cannot move)`
                : '';
            return `tag ${target.tag}${held}: ${outcome.reason.message}`;
        });
        const done = [...unchanged, ...published];
        throw new PublishError(`publishing ${index.digest} failed for ${failures.length} of ${targets.length} tags: ${reasons.join('; ')}. ${done.length ? `Published: ${done.join(', ')}` : 'No tag was published'}`, done);
    }
    return {
        digest: index.digest,
        mediaType: index.mediaType,
        manifest: Buffer.from(index.bytes).toString('utf8'),
        size: index.bytes.length,
        published,
        unchanged,
        children: candidates.map(c => ({
            platform: describe(c.image.descriptor.platform),
            digest: c.image.descriptor.digest,
            size: c.image.size,
            attestation: c.attestations[0]?.digest,
            origin: c.origin
        })),
        platformTags: perPlatform.map(p => p.tag)
    };
}
/**
 * Every release tag once per image: `<tag>-<platform>` -> that image manifest's own bytes.
 * What those tags hold now is read here (one round trip, beside the manifests' bytes).
 */
async function platformTargets(client, repository, tags, current, candidates, manifests) {
    (0,platform_tag/* validatePlatformTags */.N)(tags, candidates.map(c => c.image.descriptor.platform));
    const pairs = candidates.flatMap(c => tags.map(tag => ({ c, tag: (0,platform_tag/* platformTag */.o)(tag, c.image.descriptor.platform) })));
    const [bytes] = await Promise.all([
        Promise.all(candidates.map(async (c) => manifests?.get(c.image.descriptor.digest) ?? (await client.getManifest(repository, c.image.descriptor.digest)).bytes)),
        Promise.all(pairs.filter(p => !current.has(p.tag)).map(async (p) => current.set(p.tag, (await client.headManifest(repository, p.tag))?.digest)))
    ]);
    return pairs.map(({ c, tag }) => {
        const { digest, mediaType, platform } = c.image.descriptor;
        return {
            target: { tag, digest, mediaType, bytes: bytes[candidates.indexOf(c)] },
            tag: { tag, platform: describe(platform), digest }
        };
    });
}
function describe(p) {
    return p['os.version'] ? `${(0,platform/* formatPlatform */.Bq)(p)} (${p['os.version']})` : (0,platform/* formatPlatform */.Bq)(p);
}

;// CONCATENATED MODULE: ./src/commands/mirror.ts
// Mirrors: after the primary publishes, every mirror gets the same children and the same
// index bytes (one digest everywhere) under the same tags. Blobs first (only what a mirror
// lacks), then the image and attestation manifests by digest, then the tags, through the
// one publishing path. Mirrors are independent: one failing undoes none of the others.






/** Publishes to every mirror in parallel; each result says what that mirror holds, or its error. */
async function publishMirrors(source, index, candidates, mirrors, options) {
    // What every mirror needs, read once from the primary: the manifests' bytes and their blobs.
    const manifests = await readManifests(source, index);
    return Promise.all(mirrors.map(mirror => publishMirror(source, index, candidates, mirror, manifests, options)));
}
/** The failure of the mirrors that failed, naming what each mirror holds; undefined when all succeeded. */
function mirrorFailure(results) {
    const failed = results.filter(r => r.error !== undefined);
    if (failed.length === 0)
        return undefined;
    const held = results.map(r => `${r.reference}: ${r.tags.length ? r.tags.join(', ') : 'no tag'}`).join('; ');
    return `${failed.length} of ${results.length} mirrors failed (${failed.map(r => `${r.reference}: ${r.error}`).join('; ')}). The primary is published; mirrors hold: ${held}. Re-run to complete them.`;
}
async function readManifests(source, index) {
    const bytes = new Map();
    const blobs = [];
    await Promise.all(index.index.manifests.map(async (descriptor) => {
        const fetched = await source.client.getManifest(source.repository, descriptor.digest);
        const parsed = (0,manifest/* parseManifest */.Ng)(fetched.bytes, fetched.mediaType);
        if (parsed.kind !== 'manifest')
            throw new Error(`${source.repository}@${descriptor.digest} is an index where an image was expected`);
        bytes.set(descriptor.digest, { bytes: fetched.bytes, mediaType: descriptor.mediaType });
        blobs.push(parsed.manifest.config, ...parsed.manifest.layers);
    }));
    return { bytes, blobs };
}
async function publishMirror(source, index, candidates, mirror, manifests, options) {
    const reference = `${mirror.registry}/${mirror.repository}`;
    const result = { reference, digest: index.digest, tags: [], blobsCopied: 0, bytesMoved: 0 };
    const { logger } = options;
    try {
        const client = await (options.connect ?? (target => connect(target, options)))(mirror);
        const target = { client, repository: mirror.repository };
        const stats = await copyBlobs(source, target, manifests.blobs, { logger });
        result.blobsCopied = stats.blobsCopied;
        result.bytesMoved = stats.bytesMoved;
        // Children before the index that references them.
        await Promise.all([...manifests.bytes].map(async ([digest, m]) => {
            if (!(await client.headManifest(mirror.repository, digest)))
                await client.putManifest(mirror.repository, digest, m.bytes, m.mediaType);
        }));
        const current = new Map();
        await Promise.all(options.tags.map(async (tag) => current.set(tag, (await client.headManifest(mirror.repository, tag))?.digest)));
        const published = await publishIndex(client, mirror.repository, index, options.tags, current, candidates, {
            platformTags: options.platformTags,
            manifests: new Map([...manifests.bytes].map(([digest, m]) => [digest, m.bytes]))
        });
        result.tags = [...published.unchanged, ...published.published];
        logger.info(`mirror ${reference}: ${index.digest} under ${result.tags.join(', ')} (${stats.blobsCopied} blobs copied, ${stats.bytesMoved} bytes moved)`);
    }
    catch (error) {
        if (error instanceof PublishError)
            result.tags = error.published;
        result.error = error.message;
        logger.warning(`mirror ${reference} failed: ${result.error}`);
    }
    return result;
}
/** ECR hosts through the SDK chain (region from the host), others through the runner's Docker credentials, or anonymous. */
async function connect(target, options) {
    const { logger, fetch } = options;
    if ((0,registry_host/* isEcrPublic */.MT)(target.registry))
        return connectEcrPublic(target, options);
    const ecrHost = (0,registry_host/* parseEcrHost */.wl)(target.registry);
    if (!ecrHost) {
        const credentials = await dockerCredentials(target.registry);
        if (credentials)
            options.maskSecret(credentials.password);
        logger.info(`mirror ${target.registry}: ${credentials ? 'credentials from the Docker config' : 'anonymous (no Docker credentials for it)'}`);
        return new client/* RegistryClient */.bP({ registry: target.registry, credentials, logger, fetch });
    }
    // The SDK loads only for an ECR mirror: a merge to another registry never loads it.
    const [{ ECRClient }, { getEcrLogin }, { awsRequestHandler }, { ensureRepository }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19)),
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(454)]).then(__webpack_require__.bind(__webpack_require__, 7454)),
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(659), __webpack_require__.e(207)]).then(__webpack_require__.bind(__webpack_require__, 2207)),
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 3455))
    ]);
    const ecr = new ECRClient({ region: ecrHost.region, requestHandler: awsRequestHandler() });
    const login = async () => {
        const token = await getEcrLogin(ecr, { registryIds: [ecrHost.accountId], logger });
        options.maskSecret(token.password);
        options.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'));
        return { username: token.username, password: token.password };
    };
    const credentials = await login();
    const ensured = await ensureRepository(ecr, {
        repository: target.repository,
        tagMutability: options.tagMutability,
        create: options.createRepository,
        registryId: ecrHost.accountId,
        logger
    });
    if (ensured.created)
        logger.info(`created repository ${target.repository} in ${target.registry}`);
    return new client/* RegistryClient */.bP({ registry: target.registry, credentials, refreshCredentials: login, basicUpfront: true, logger, fetch });
}
/** ECR Public through its own API (us-east-1), the repository created there when allowed. */
async function connectEcrPublic(target, options) {
    const { logger, fetch } = options;
    const { ecrPublicLogin, ensurePublicRepository } = await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(659), __webpack_require__.e(821), __webpack_require__.e(465)]).then(__webpack_require__.bind(__webpack_require__, 3465));
    const { client: ecrPublic, credentials, refreshCredentials } = await ecrPublicLogin({ maskSecret: options.maskSecret, logger });
    const ensured = await ensurePublicRepository(ecrPublic, { repository: target.repository, create: options.createRepository, logger });
    if (ensured.created)
        logger.info(`created repository ${target.repository} in ${target.registry}`);
    return new client/* RegistryClient */.bP({ registry: target.registry, credentials, refreshCredentials, logger, fetch });
}

// EXTERNAL MODULE: ./src/commands/staged.ts
var commands_staged = __webpack_require__(5594);
;// CONCATENATED MODULE: ./src/commands/merge.ts












async function merge(session, config, logger, { built, located, maskSecret = () => { } } = {}) {
    const { client, registry } = session;
    const { repository } = config;
    const currentTags = new Map();
    const candidates = await (0,util_logger/* phase */.O)(logger, 'Find and verify the images', async () => {
        // What the release tags hold now (and the version under latest) is fetched alongside, so publishing is one round trip.
        const guarded = config.latest && config.tags.includes(config.latest.tag) ? config.latest : undefined;
        const [found, , latest] = await Promise.all([
            config.sources.length > 0 ? fromSources(session, config) : built ? fromBuild(built) : fromStagingTags(session, config, located),
            Promise.all(config.tags.map(async (tag) => currentTags.set(tag, (await client.headManifest(repository, tag))?.digest))),
            guarded ? checkLatest(client, repository, guarded) : undefined
        ]);
        // Adopting what a concurrent merge published: the release tags as they are now.
        for (const [tag, digest] of found.adopted?.current ?? [])
            currentTags.set(tag, digest);
        if (found.adopted)
            logger.warning(found.adopted.notice);
        const verified = verifyCandidates(found.candidates, { revision: config.git.sha || undefined, order: config.platforms, logger });
        requireAll(config.platforms, verified, found.lookedFor);
        for (const c of verified)
            logger.info(`${(0,platform/* formatPlatform */.Bq)(c.image.descriptor.platform)}: ${c.image.descriptor.digest} from ${c.origin}`);
        if (latest)
            logger.info(latest.reason);
        return { verified, staged: found.staged, adopted: found.adopted, latest };
    });
    const latest = candidates.latest;
    const tags = latest && !latest.move ? config.tags.filter(tag => tag !== latest.tag) : config.tags;
    const selected = config.platforms.length > 0
        ? candidates.verified.filter(c => config.platforms.some(p => (0,platform/* platformsMatch */.CW)(p, c.image.descriptor.platform)))
        : candidates.verified;
    const index = indexFor(selected, config.attestations, (0,labels/* indexAnnotations */.nM)(config));
    if (candidates.adopted?.onlyIfSame && index.digest !== candidates.adopted.digest)
        throw new Error(candidates.adopted.onlyIfSame);
    const kinds = Promise.all(selected.map(c => (config.attestations === 'keep' ? attestationKinds(client, repository, c.attestations) : Promise.resolve([]))));
    const published = await (0,util_logger/* phase */.O)(logger, `Publish ${index.digest} under ${tags.length === 1 ? 'one tag' : `${tags.length} tags`}`, async () => {
        const published = await publishIndex(client, repository, index, tags, currentTags, selected, {
            platformTags: config.platformTags
        });
        const image = new Map(published.platformTags.map(p => [p.tag, p.digest]));
        for (const tag of published.unchanged)
            logger.info(`${tag} already holds ${image.get(tag) ?? index.digest}`);
        for (const tag of published.published)
            logger.info(`published ${registry}/${repository}:${tag}`);
        return published;
    });
    const children = await kinds.then(k => published.children.map((c, i) => ({ ...c, attestationKinds: k[i] })));
    const result = { ...published, children };
    // The primary first; then the mirrors, each on its own.
    const mirrors = config.mirrors.length > 0
        ? await (0,util_logger/* phase */.O)(logger, `Publish to ${config.mirrors.length} mirror${config.mirrors.length === 1 ? '' : 's'}`, () => publishMirrors({ client, repository }, index, selected, config.mirrors, {
            ...config,
            tags,
            logger,
            maskSecret,
            fetch: session.fetch
        }))
        : [];
    // With no tag left to publish (only a latest that stays), the staged legs are all there is: they stay.
    const cleaned = config.cleanup && candidates.staged.length > 0 && tags.length > 0
        ? await (0,util_logger/* phase */.O)(logger, 'Clean up staging tags', () => cleanUp(session, config, candidates.staged, result, logger))
        : [];
    return {
        ...result,
        registry,
        repository,
        tags: [...tags, ...result.platformTags.map(p => p.tag)].map(tag => `${registry}/${repository}:${tag}`),
        platforms: selected.map(c => (0,platform/* formatPlatform */.Bq)(c.image.descriptor.platform)),
        cleaned,
        latest,
        mirrors,
        mirrorFailure: mirrorFailure(mirrors)
    };
}
async function fromStagingTags(session, config, known) {
    const located = known ?? (await (0,commands_staged/* findStagedLegs */.dg)(session.client, config.repository, config, config.platforms, { lexicalTags: !session.ecr }));
    const { staged } = located;
    const wanted = located.legs;
    const lookedFor = (p) => (0,staging/* stagingTagPattern */.Ke)(config.runKey, config.runAttempt, p);
    const noneStaged = `no build leg is staged for run ${config.runKey} in ${session.registry}/${config.repository}: looked for tags ${(0,staging/* stagingTagPattern */.Ke)(config.runKey, config.runAttempt)}. Did the build legs run with the same run-key and push: true? Nothing was published.`;
    if (wanted.length === 0 || located.missing.length > 0) {
        // A merge of this run that already published (and cleaned up) leaves the tags holding its index: then this merge is a no-op.
        const why = wanted.length === 0
            ? `no staging tag of run ${config.runKey} is left`
            : `no staging tag of run ${config.runKey} is left for ${located.missing.map(platform/* formatPlatform */.Bq).join(', ')}`;
        const adopted = await alreadyPublished(session, config, why, wanted.length === 0 ? noneStaged : `${why}. Nothing was published.`);
        if (adopted)
            return { candidates: adopted.candidates, adopted: adopted.adopted, staged, lookedFor };
        if (config.platforms.length === 0)
            throw new Error(noneStaged);
    }
    const read = await Promise.all(wanted.map(leg => inspectStaged(session, config.repository, leg.tag, leg.manifest)));
    const vanished = wanted.filter((_, i) => read[i] === undefined).map(leg => leg.tag);
    if (vanished.length > 0) {
        // Found, then gone: a concurrent merge of this run published them and cleaned up.
        const adopted = await alreadyPublished(session, config, `staging tags ${vanished.join(', ')} were deleted while this merge read them (a concurrent merge of run ${config.runKey} cleaned up)`);
        if (adopted)
            return { candidates: adopted.candidates, adopted: adopted.adopted, staged, lookedFor };
        throw new Error(`staging tags ${vanished.join(', ')} were deleted while this merge read them, and no release tag (${config.tags.join(', ')}) holds an index of commit ${config.git.sha || '(unknown)'}: did another merge of run ${config.runKey} publish other tags and clean up? Nothing was published.`);
    }
    const inspected = read;
    const candidates = inspected.flatMap((leg, i) => {
        if (leg.images.length !== 1) {
            throw new Error(`staging tag ${wanted[i].tag} holds ${leg.images.length} images; a leg stages exactly one`);
        }
        return candidatesOf(wanted[i].tag, leg, wanted[i].platform, leg.claimed);
    });
    return { candidates, staged, lookedFor };
}
function fromBuild(built) {
    return {
        candidates: built.flatMap(leg => candidatesOf(leg.tag, leg.index, leg.platform, leg.index.claimed)),
        staged: built.map(leg => leg.tag),
        lookedFor: () => `the legs this job built (${built.map(leg => leg.tag).join(', ')})`
    };
}
async function fromSources(session, config) {
    const inspected = await Promise.all(config.sources.map(async (source) => {
        const ref = (0,oci_reference/* parseReference */.F2)(source);
        if (ref.registry !== session.registry || ref.repository !== config.repository) {
            throw new Error(`source ${source} is not in ${session.registry}/${config.repository}: the merge moves manifests, not blobs, so sources must be in the target repository`);
        }
        const reference = ref.digest ?? ref.tag ?? 'latest';
        const result = await (0,inspect/* inspectReference */.wz)(session.client, config.repository, reference).catch(error => {
            throw new Error(`source ${source} cannot be used: ${error.message}. Nothing was published.`);
        });
        return { source, result };
    }));
    const candidates = inspected.flatMap(({ source, result }) => candidatesOf(source, result, undefined, result.claimed));
    return { candidates, staged: [], lookedFor: () => `sources ${config.sources.join(', ')}` };
}
/** A staging tag read whole (from its index when already fetched); undefined when it is gone (deleted since it was listed). */
async function inspectStaged(session, repository, tag, fetched) {
    try {
        return await (0,inspect/* inspectReference */.wz)(session.client, repository, tag, fetched);
    }
    catch (error) {
        const notFound = error instanceof errors/* RegistryError */.gl && error.status === 404;
        if (notFound && (await session.client.headManifest(repository, tag).catch(() => null)) === undefined)
            return undefined;
        if (!notFound && !(error instanceof inspect/* IncompleteImageError */.qU))
            throw error;
        throw new Error(`staging tag ${tag} cannot be read whole (is its build leg still pushing? Wait for it, or re-run it): ${error.message}. Nothing was published.`, { cause: error });
    }
}
/**
 * What the release tags hold now, when it is an index of this very commit: a concurrent
 * (or earlier) merge of this run published it. Without onlyIfSame, any tag's index
 * will do; with it, every tag must hold the same one, and the merge must rebuild it exactly.
 */
async function alreadyPublished(session, config, why, onlyIfSame) {
    const sha = config.git.sha;
    if (!sha || config.tags.length === 0)
        return undefined;
    const heads = await Promise.all(config.tags.map(async (tag) => [tag, (await session.client.headManifest(config.repository, tag))?.digest]));
    const digests = [...new Set(heads.map(([, digest]) => digest))];
    if (onlyIfSame && (digests.length !== 1 || digests[0] === undefined))
        return undefined;
    for (const digest of digests) {
        if (digest === undefined)
            continue;
        const inspected = await (0,inspect/* inspectReference */.wz)(session.client, config.repository, digest).catch(() => undefined);
        if (!inspected?.isIndex || inspected.images.length === 0 || inspected.images.some(image => image.revision !== sha))
            continue;
        const tag = heads.find(([, d]) => d === digest)[0];
        return {
            candidates: candidatesOf(`${tag}@${digest}`, inspected, undefined, inspected.claimed),
            adopted: {
                digest,
                current: new Map(heads),
                notice: `${why}; ${tag} already holds ${digest}, an index of commit ${sha}: merging its images`,
                onlyIfSame
            }
        };
    }
    return undefined;
}
function requireAll(required, found, lookedFor) {
    const missing = required.filter(p => !found.some(c => (0,platform/* platformsMatch */.CW)(p, c.image.descriptor.platform)));
    if (missing.length === 0)
        return;
    const have = found.map(c => (0,platform/* formatPlatform */.Bq)(c.image.descriptor.platform));
    throw new Error(`missing ${missing.map(platform/* formatPlatform */.Bq).join(', ')}: required ${required.map(platform/* formatPlatform */.Bq).join(', ')}; found ${have.length ? have.join(', ') : 'nothing'}; looked for ${[...new Set(missing.map(lookedFor))].join(', ')}. Nothing was published.`);
}
/**
 * Deletes this run's staging indexes, never what the published index references:
 * in ECR (and ECR Public) through BatchDeleteImage by tag (deleting the tag of an index leaves its
 * children, which the new index references); elsewhere by digest.
 */
async function cleanUp(session, config, staged, result, logger) {
    const protectedDigests = new Set([
        result.digest,
        ...result.children.map(c => c.digest),
        ...result.children.flatMap(c => (c.attestation ? [c.attestation] : []))
    ]);
    try {
        if (session.ecr || session.ecrPublic) {
            // The SDK modules are already loaded when session.ecr(Public) is set; only ECR merges need these.
            const outcome = session.ecr
                ? await (await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 3455))).deleteTags(session.ecr, {
                    repository: config.repository,
                    tags: staged,
                    registryId: session.registryId,
                    logger
                })
                : await (await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(659), __webpack_require__.e(821), __webpack_require__.e(465)]).then(__webpack_require__.bind(__webpack_require__, 3465))).deletePublicTags(session.ecrPublic, { repository: config.repository, tags: staged, logger });
            for (const failure of outcome.failures)
                logger.warning(`could not delete staging tag ${failure.tag}: ${failure.code} ${failure.reason}`);
            return outcome.deleted;
        }
        const heads = await Promise.all(staged.map(async (tag) => ({ tag, head: await session.client.headManifest(config.repository, tag) })));
        const deletable = heads.filter(h => h.head && !protectedDigests.has(h.head.digest));
        await Promise.all(deletable.map(h => session.client.deleteManifest(config.repository, h.head.digest)));
        return deletable.map(h => h.tag);
    }
    catch (error) {
        logger.warning(`the index is published, but cleaning up the staging tags failed: ${error.message}`);
        return [];
    }
}


/***/ }),

/***/ 5594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZT: () => (/* binding */ readableDirectly),
/* harmony export */   dg: () => (/* binding */ findStagedLegs)
/* harmony export */ });
/* unused harmony export pastRun */
/* harmony import */ var _oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2060);
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1890);
/* harmony import */ var _oci_staging_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2736);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6764);
// Finding this run's staged legs. A staging tag's name follows from the run key, the
// attempt and the platform, so with platforms given each leg is read directly: every
// attempt from the current one down to 1, in parallel, the newest present winning. The
// tag list, which grows with the repository, is read only when a tag name is not known:
// "every staged leg" (no platforms), or a Windows platform (its tag ends in the build number).




/** Whether every platform's staging tag name is known (a Windows platform's needs its os.version). */
function readableDirectly(platforms) {
    return platforms.length > 0 && platforms.every(p => p.os !== 'windows' || p['os.version'] !== undefined);
}
/** This run's newest staged leg of each wanted platform (of every staged platform when none is given). */
async function findStagedLegs(client, repository, run, platforms, options) {
    return readableDirectly(platforms)
        ? readStaged(client, repository, run, platforms)
        : listStaged(client, repository, run, platforms, options);
}
async function readStaged(client, repository, run, platforms) {
    const attempts = Array.from({ length: run.runAttempt }, (_, i) => run.runAttempt - i);
    const perPlatform = await Promise.all(platforms.map(platform => Promise.all(attempts.map(async (attempt) => {
        const tag = (0,_oci_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .stagingTag */ .al)(run.runKey, attempt, platform);
        const manifest = await stagedIndex(client, repository, tag);
        return manifest ? { tag, attempt, platform, manifest } : undefined;
    }))));
    const present = perPlatform.map(found => found.filter(leg => leg !== undefined));
    return {
        // Attempts are newest first: the first present is the newest.
        legs: present.flatMap(found => found.slice(0, 1)),
        staged: present.flat().map(leg => leg.tag),
        missing: platforms.filter((_, i) => present[i].length === 0)
    };
}
async function listStaged(client, repository, run, platforms, options) {
    const tags = await client.listTags(repository, options.lexicalTags ? pastRun(run.runKey) : undefined);
    const all = [...(0,_oci_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .newestLegs */ .ut)(tags, run.runKey, run.runAttempt).values()];
    const listed = platforms.length > 0 ? all.filter(leg => platforms.some(p => (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .platformsMatch */ .CW)(p, leg.platform))) : all;
    const legs = options.readListed ? await readEach(client, repository, listed) : listed;
    return {
        legs,
        staged: tags.filter(tag => (0,_oci_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .parseStagingTag */ .xF)(tag, run.runKey) !== undefined),
        missing: platforms.filter(p => !legs.some(leg => (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .platformsMatch */ .CW)(p, leg.platform)))
    };
}
/** The listed legs whose tags hold their staging index, with it. */
async function readEach(client, repository, listed) {
    const read = await Promise.all(listed.map(leg => stagedIndex(client, repository, leg.tag)));
    return listed.flatMap((leg, i) => (read[i] ? [{ ...leg, manifest: read[i] }] : []));
}
/**
 * The staging index under a leg's tag; undefined when the tag is absent or does not hold an
 * index yet. A leg's staging tag always ends on an index, but while buildx pushes it the tag
 * can point for a moment at one of its child manifests (the image or the attestation): that
 * leg is not staged yet (a publish-when-complete leg then looks once more).
 */
async function stagedIndex(client, repository, tag) {
    const manifest = await getIfPresent(client, repository, tag);
    return manifest && (0,_oci_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .isIndexMediaType */ .$$)(manifest.mediaType) ? manifest : undefined;
}
/** The manifest under a tag; undefined when the tag (or the repository) does not exist. */
async function getIfPresent(client, repository, tag) {
    try {
        return await client.getManifest(repository, tag);
    }
    catch (error) {
        if (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .RegistryError */ .gl && error.status === 404)
            return undefined;
        throw error;
    }
}
const byteOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
// The spec's wording is "lexical (case-insensitive alphanumeric) order"; the reference registry sorts bytes.
const caseInsensitive = (a, b) => byteOrder(a.toLowerCase(), b.toLowerCase());
/**
 * A stop rule for a tag listing: true once the tags so far are sorted (in byte or
 * case-insensitive order) and the last one sorts after every staging tag of this run.
 * A registry that does not sort fails the check on its first unsorted page and is read whole.
 */
function pastRun(runKey) {
    const prefix = `${_oci_staging_js__WEBPACK_IMPORTED_MODULE_2__/* .STAGE_TAG_PREFIX */ .fS}${runKey}-`;
    const sorted = new Map([
        [byteOrder, true],
        [caseInsensitive, true]
    ]);
    let checked = 0;
    return tags => {
        for (const order of sorted.keys()) {
            for (let i = Math.max(checked, 1); i < tags.length && sorted.get(order); i++) {
                if (order(tags[i - 1], tags[i]) > 0)
                    sorted.set(order, false);
            }
        }
        checked = tags.length;
        const last = tags[tags.length - 1];
        if (last === undefined)
            return false;
        return [...sorted].some(([order, ok]) => ok && order(last, prefix) > 0 && order(last.slice(0, prefix.length), prefix) !== 0);
    };
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
