export const id = 454;
export const ids = [454];
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


/***/ })

};
