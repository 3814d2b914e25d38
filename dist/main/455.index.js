export const id = 455;
export const ids = [455];
export const modules = {

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


/***/ })

};
