export const id = 465;
export const ids = [465,454,207,846];
export const modules = {

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   decodeToken: () => (/* binding */ decodeToken),
/* harmony export */   getEcrLogin: () => (/* binding */ getEcrLogin),
/* harmony export */   hostOfEndpoint: () => (/* binding */ hostOfEndpoint)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8249);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6618);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3144);
// ECR login: GetAuthorizationToken, the token decoded into docker credentials.



/** Logs in to the private registry of the credentials' account (or of `registryIds[0]`). */
async function getEcrLogin(client, opts = {}) {
    const logger = opts.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    const input = opts.registryIds?.length ? { registryIds: opts.registryIds } : {};
    const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_1__/* .callAws */ .IY)('ECR GetAuthorizationToken', () => client.send(new _aws_sdk_client_ecr__WEBPACK_IMPORTED_MODULE_2__.GetAuthorizationTokenCommand(input)), opts);
    const data = out.authorizationData?.[0];
    if (!data?.authorizationToken || !data.proxyEndpoint) {
        throw new Error('ECR GetAuthorizationToken returned no authorization data; check that the credentials may call ecr:GetAuthorizationToken');
    }
    const { username, password } = decodeToken(data.authorizationToken, 'ECR GetAuthorizationToken');
    const registry = hostOfEndpoint(data.proxyEndpoint);
    logger.debug(`ECR login for ${registry}${data.expiresAt ? `, valid until ${data.expiresAt.toISOString()}` : ''}`);
    return { registry, username, password, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) };
}
/** A token of GetAuthorizationToken (base64 of user:password) as docker credentials. */
function decodeToken(token, operation) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Never echo the token: it is a credential.
    if (colon <= 0)
        throw new Error(`${operation} returned a malformed token (expected base64 of user:password)`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function hostOfEndpoint(endpoint) {
    const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`;
    try {
        return new URL(withScheme).host;
    }
    catch {
        throw new Error(`ECR returned an unusable proxy endpoint "${endpoint}"`);
    }
}


/***/ }),

/***/ 3465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ECR_PUBLIC_HOST: () => (/* binding */ ECR_PUBLIC_HOST),
/* harmony export */   ECR_PUBLIC_REGION: () => (/* binding */ ECR_PUBLIC_REGION),
/* harmony export */   deletePublicTags: () => (/* binding */ deletePublicTags),
/* harmony export */   ecrPublicClient: () => (/* binding */ ecrPublicClient),
/* harmony export */   ecrPublicLogin: () => (/* binding */ ecrPublicLogin),
/* harmony export */   ensurePublicRepository: () => (/* binding */ ensurePublicRepository),
/* harmony export */   getEcrPublicLogin: () => (/* binding */ getEcrPublicLogin),
/* harmony export */   splitPublicRepository: () => (/* binding */ splitPublicRepository)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9821);
/* harmony import */ var _net_aws_proxy_agent_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2207);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6618);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7454);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3144);
// ECR Public (public.ecr.aws): the login through the ECR Public API, as aws-actions/amazon-ecr-login
// does it, and making sure a repository exists. The API lives only in us-east-1, whatever the
// region of the run. A repository path there is `<alias>/<name>`: the alias is the registry's,
// and the API names repositories without it.





const ECR_PUBLIC_HOST = 'public.ecr.aws';
const ECR_PUBLIC_REGION = 'us-east-1';
/** The ECR Public API client: us-east-1, through the same proxy policy as every other call. */
function ecrPublicClient() {
    return new _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__/* .ECRPUBLICClient */ .Rr({ region: ECR_PUBLIC_REGION, requestHandler: (0,_net_aws_proxy_agent_js__WEBPACK_IMPORTED_MODULE_0__.awsRequestHandler)() });
}
/** GetAuthorizationToken of ECR Public: one token for public.ecr.aws, decoded into docker credentials. */
async function getEcrPublicLogin(client, opts = {}) {
    const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_3__/* .callAws */ .IY)('ECR Public GetAuthorizationToken', () => client.send(new _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__/* .GetAuthorizationTokenCommand */ .Eu({})), opts);
    const data = out.authorizationData;
    if (!data?.authorizationToken) {
        throw new Error('ECR Public GetAuthorizationToken returned no authorization data; check that the credentials may call ' +
            'ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken');
    }
    const { username, password } = (0,_auth_js__WEBPACK_IMPORTED_MODULE_2__.decodeToken)(data.authorizationToken, 'ECR Public GetAuthorizationToken');
    (opts.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q).debug(`ECR Public login${data.expiresAt ? `, valid until ${data.expiresAt.toISOString()}` : ''} (region ${ECR_PUBLIC_REGION})`);
    return { username, password, ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) };
}
/** `<alias>/<name>` of a repository path in public.ecr.aws; the name may itself hold slashes. */
function splitPublicRepository(path) {
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1) {
        throw new Error(`"${path}" is not an ECR Public repository path: give <alias>/<name>, e.g. public.ecr.aws/acme/app`);
    }
    return { alias: path.slice(0, slash), name: path.slice(slash + 1) };
}
/**
 * Makes sure the repository exists in the public registry of the credentials' account, creating it
 * when allowed. The API cannot address another account's alias: a repository whose URI names a
 * different alias is an error, so nothing is pushed to a registry the credentials do not own.
 */
async function ensurePublicRepository(client, opts) {
    const { alias, name } = splitPublicRepository(opts.repository);
    const wanted = `${ECR_PUBLIC_HOST}/${opts.repository}`;
    let repo = await describe(client, name, opts);
    let created = false;
    if (!repo) {
        if (!opts.create) {
            throw new Error(`ECR Public repository ${name} does not exist in ${ECR_PUBLIC_HOST}/${alias}; create it or set create-repository: true`);
        }
        try {
            const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_3__/* .callAws */ .IY)('ECR Public CreateRepository', () => client.send(new _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__/* .CreateRepositoryCommand */ .WT({ repositoryName: name })), opts);
            repo = out.repository;
            created = true;
        }
        catch (err) {
            if (err.name !== 'RepositoryAlreadyExistsException')
                throw err;
            // Another job created it between our describe and create: use theirs.
            repo = await describe(client, name, opts);
        }
    }
    if (repo?.repositoryUri && repo.repositoryUri.toLowerCase() !== wanted.toLowerCase()) {
        throw new Error(`ECR Public repository ${name} of these credentials is ${repo.repositoryUri}, not ${wanted}: ` +
            `the alias ${alias} belongs to another registry; give the alias of the credentials' account`);
    }
    return { created };
}
async function describe(client, name, opts) {
    try {
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_3__/* .callAws */ .IY)('ECR Public DescribeRepositories', () => client.send(new _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__/* .DescribeRepositoriesCommand */ .pE({ repositoryNames: [name] })), opts);
        return out.repositories?.find(r => r.repositoryName === name);
    }
    catch (err) {
        if (err.name === 'RepositoryNotFoundException')
            return undefined;
        throw err;
    }
}
/**
 * The login a registry client of public.ecr.aws needs: the first credentials, and how to get fresh
 * ones when they expire. Every secret goes to `maskSecret` before it is used.
 */
async function ecrPublicLogin(opts) {
    const client = ecrPublicClient();
    const refreshCredentials = async () => {
        const token = await getEcrPublicLogin(client, opts);
        opts.maskSecret(token.password);
        opts.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'));
        return { username: token.username, password: token.password };
    };
    return { client, credentials: await refreshCredentials(), refreshCredentials };
}
const BATCH_DELETE_LIMIT = 100;
/**
 * Deletes tags of a public repository (`<alias>/<name>`) through the API, as deleteTags does in
 * ECR: the registry API of public.ecr.aws deletes nothing. A tag already gone counts as deleted.
 */
async function deletePublicTags(client, opts) {
    const { name } = splitPublicRepository(opts.repository);
    const tags = [...new Set(opts.tags)];
    const result = { deleted: [], failures: [] };
    for (let i = 0; i < tags.length; i += BATCH_DELETE_LIMIT) {
        const chunk = tags.slice(i, i + BATCH_DELETE_LIMIT);
        const input = { repositoryName: name, imageIds: chunk.map(imageTag => ({ imageTag })) };
        const out = await (0,_call_js__WEBPACK_IMPORTED_MODULE_3__/* .callAws */ .IY)('ECR Public BatchDeleteImage', () => client.send(new _aws_sdk_client_ecr_public__WEBPACK_IMPORTED_MODULE_4__/* .BatchDeleteImageCommand */ .w(input)), opts);
        const failed = new Map((out.failures ?? [])
            .filter(f => f.imageId?.imageTag !== undefined && f.failureCode !== 'ImageNotFound')
            .map(f => [f.imageId.imageTag, f]));
        for (const tag of chunk) {
            const failure = failed.get(tag);
            if (failure)
                result.failures.push({ tag, code: failure.failureCode ?? 'Unknown', reason: failure.failureReason ?? '' });
            else
                result.deleted.push(tag);
        }
    }
    return result;
}


/***/ }),

/***/ 2207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   awsRequestHandler: () => (/* binding */ awsRequestHandler)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1279);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40);
/* harmony import */ var _early_connection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2753);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1987);
// The proxy policy of proxy.ts, handed to the AWS SDK's Node HTTP handler (ECR and ECR Public
// API calls). Apart from proxy-agents.ts so that it loads only with the SDK.






/**
 * An https-proxy-agent that asks the policy on every connection: NO_PROXY hosts go through a
 * plain agent (agent-base hands the request to an Agent that connect() returns), the rest
 * through the proxy, and a tunnel the proxy refuses is an error naming the proxy, not a
 * replayed 403 that would read as the target's answer.
 */
class PolicyProxyAgent extends https_proxy_agent__WEBPACK_IMPORTED_MODULE_2__/* .HttpsProxyAgent */ .b {
    setting;
    policy;
    direct;
    constructor(setting, policy, direct) {
        super(setting.url.href, { keepAlive: true });
        this.setting = setting;
        this.policy = policy;
        this.direct = direct;
    }
    async connect(req, opts) {
        const scheme = opts.secureEndpoint ? 'https' : 'http';
        const host = opts.host?.includes(':') ? `[${opts.host}]` : (opts.host ?? '');
        const target = `${host}:${opts.port}`;
        // agent-base accepts an Agent from connect() and passes the request to it.
        if (!(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyFor */ .iJ)(`${scheme}://${target}`, this.policy))
            return this.direct;
        let status = 0;
        req.once('proxyConnect', (answer) => (status = answer.statusCode ?? 0));
        let socket;
        try {
            socket = await super.connect(req, opts);
        }
        catch (err) {
            throw (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .describeProxyFailure */ .ex)(err, this.setting, target) ?? err;
        }
        if (status !== 200) {
            socket.destroy();
            throw (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyRefused */ .rZ)(this.setting, target, status);
        }
        return socket;
    }
}
/**
 * The AWS SDK's request handler under the policy. With no proxy: the SDK's own agent settings,
 * taking the early connection to the ECR API when the entry opened one (early-connection.ts);
 * undefined (the SDK's default) otherwise.
 */
function awsRequestHandler(p = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .readProxyEnv */ .sK)()) {
    if (!(0,_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .hasProxy */ .jL)(p)) {
        return (0,_early_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .hasEarlyConnection */ .kO)()
            ? new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_5__.NodeHttpHandler({ httpsAgent: new _early_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .EarlyConnectionAgent */ .pq({ keepAlive: true, maxSockets: 50 }) })
            : undefined;
    }
    const httpsProxy = p.https ?? p.http;
    return new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_5__.NodeHttpHandler({
        httpAgent: p.http ? new PolicyProxyAgent(p.http, p, new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)({ keepAlive: true })) : new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)({ keepAlive: true }),
        httpsAgent: httpsProxy
            ? new PolicyProxyAgent(httpsProxy, p, new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({ keepAlive: true }))
            : new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({ keepAlive: true })
    });
}


/***/ })

};
