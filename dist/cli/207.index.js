export const id = 207;
export const ids = [207];
export const modules = {

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
