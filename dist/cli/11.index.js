export const id = 11;
export const ids = [11];
export const modules = {

/***/ 1011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RECHECK_PAUSE_MS: () => (/* binding */ RECHECK_PAUSE_MS),
/* harmony export */   publishWhenComplete: () => (/* binding */ publishWhenComplete)
/* harmony export */ });
/* harmony import */ var _oci_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6618);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2584);
/* harmony import */ var _staged_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5594);
// No merge job: a build leg that knows the platforms of its whole matrix publishes when
// its run is complete. After staging, it checks whether every platform of the set is
// staged for this run (any attempt up to this one, so a re-run leg completes the set from
// an earlier attempt's legs); the leg that completes the set runs the merge itself, on the
// legs it found (not read a second time).




/** How long a leg that finds the set incomplete waits before it looks once more. */
const RECHECK_PAUSE_MS = 5000;
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
/** `config.platforms`: the whole set, in index order. */
async function publishWhenComplete(session, config, logger, options = {}) {
    const look = () => (0,_staged_js__WEBPACK_IMPORTED_MODULE_3__/* .findStagedLegs */ .dg)(session.client, config.repository, config, config.platforms, { lexicalTags: !session.ecr, readListed: true });
    const set = config.platforms.map(_oci_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq).join(', ');
    // The set was complete and is published: the merge confirms it from the release tags (with
    // no staging tag left it adopts the index they hold, a no-op) or fails saying what is missing.
    const confirm = async () => {
        logger.info(`another leg of run ${config.runKey} published ${set} and cleaned up: confirming what the release tags hold`);
        return { published: true, merge: await (0,_merge_js__WEBPACK_IMPORTED_MODULE_2__.merge)(session, config, logger, { maskSecret: options.maskSecret }) };
    };
    if (options.taken)
        return confirm();
    // Only where each tag is read directly: a tag listing may not show this leg's tag yet.
    const ownGone = (found) => (0,_staged_js__WEBPACK_IMPORTED_MODULE_3__/* .readableDirectly */ .ZT)(config.platforms) && found.missing.some(p => options.staged?.some(own => (0,_oci_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformsMatch */ .CW)(own, p)));
    const located = await (0,_util_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .phase */ .O)(logger, `Check whether run ${config.runKey} is complete (${set})`, async () => {
        const first = await look();
        if (first.missing.length === 0 || ownGone(first))
            return first;
        // Two legs finishing together may each miss the other's tag (and a listing may lag
        // behind a push): one more look after a pause, so that the last of them publishes.
        logger.info(`not staged yet: ${first.missing.map(_oci_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq).join(', ')}; looking once more in ${RECHECK_PAUSE_MS / 1000} s`);
        await (options.pause ?? sleep)(RECHECK_PAUSE_MS);
        return look();
    });
    if (ownGone(located))
        return confirm();
    const stillMissing = located.missing.map(_oci_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq);
    if (stillMissing.length > 0) {
        const note = `Not published: ${stillMissing.join(', ')} ${stillMissing.length === 1 ? 'is' : 'are'} not staged for run ${config.runKey} yet. The leg that stages the last platform of ${set} publishes the index.`;
        logger.info(note);
        return { published: false, missing: stillMissing, note };
    }
    logger.info(`every platform of ${set} is staged for run ${config.runKey}: this leg publishes`);
    return { published: true, merge: await (0,_merge_js__WEBPACK_IMPORTED_MODULE_2__.merge)(session, config, logger, { located, maskSecret: options.maskSecret }) };
}


/***/ })

};
