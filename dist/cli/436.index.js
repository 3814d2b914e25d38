export const id = 436;
export const ids = [436];
export const modules = {

/***/ 33:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ describeUse)
/* harmony export */ });
// Where an image is used: what every deployment-file reader gives back, one per container.
/** "k8s/app.yaml:12, Deployment shop/web, container app (init)" */
function describeUse(use) {
    const at = use.line === undefined ? use.file : `${use.file}:${use.line}`;
    const workload = use.namespace ? `${use.namespace}/${use.name}` : use.name;
    const role = use.role ? ` (${use.role})` : '';
    const from = use.source ? ` [${use.source}]` : '';
    const pinned = use.pinned ? `, pinned to ${use.pinned.join(', ')}` : '';
    return `${at}${from}, ${use.kind} ${workload}, container ${use.container}${role}${pinned}`;
}


/***/ }),

/***/ 9436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runProcess: () => (/* binding */ runProcess)
});

// UNUSED EXPORTS: EXIT, main

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/oci/platform.ts
var oci_platform = __webpack_require__(1890);
;// CONCATENATED MODULE: ./src/config/runner.ts

/** windows-2022 is build 10.0.20348, windows-2025 10.0.26100: Windows images only run on their build. */
function detectRunner(nodePlatform, nodeArch, osRelease) {
    const windows = nodePlatform === 'win32';
    const platform = (0,oci_platform/* runnerPlatform */.GQ)(nodeArch, nodePlatform);
    if (windows)
        platform['os.version'] = osRelease;
    return { platform, windows };
}

// EXTERNAL MODULE: ./src/docker/builder.ts
var docker_builder = __webpack_require__(9683);
// EXTERNAL MODULE: ./src/docker/login.ts
var login = __webpack_require__(4377);
;// CONCATENATED MODULE: ./src/commands/cleanup.ts
// The end of a run: remove the builder the run created, log out of what it logged in to.
// The action's post step and the CLI (when its process ends) both call it. Never throws.


async function cleanupRun(state, logger) {
    if (state.builder)
        await removeCreatedBuilder(state.builder, logger);
    if (!state.registry || !state.logout)
        return;
    try {
        await (0,login/* dockerLogout */.t)(state.registry);
        logger.info(`logged out of ${state.registry}`);
    }
    catch (error) {
        logger.warning(`logout: ${error.message}`);
    }
}
/** The builder (container and state volume) the run created, also after it failed. */
async function removeCreatedBuilder(builder, logger) {
    try {
        const removed = await (0,docker_builder/* removeBuilder */.iq)(builder);
        if (removed.ok)
            logger.info(`removed the buildx builder ${builder}`);
        else
            logger.warning(`could not remove the buildx builder ${builder}: ${removed.detail} (remove it with docker buildx rm ${builder})`);
    }
    catch (error) {
        logger.warning(`could not remove the buildx builder ${builder}: ${error.message}`);
    }
}

// EXTERNAL MODULE: ./src/ecr/call.ts
var call = __webpack_require__(3144);
// EXTERNAL MODULE: ./src/util/logger.ts
var util_logger = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/commands/session.ts
var session = __webpack_require__(8118);
;// CONCATENATED MODULE: ./src/commands/run.ts



const loadBuild = () => Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(625)]).then(__webpack_require__.bind(__webpack_require__, 1006));
const loadMerge = () => __webpack_require__.e(/* import() */ 584).then(__webpack_require__.bind(__webpack_require__, 2584));
async function runPlan(inputs, runner, options) {
    switch (inputs.plan.kind) {
        case 'build':
            return buildLegs(inputs, runner, options);
        case 'build-and-publish':
            return buildAndPublish(inputs, runner, options);
        case 'build-and-publish-when-complete':
            return buildAndPublishWhenComplete(inputs, runner, options);
        case 'merge':
            return mergeLegs(inputs, options);
        case 'check':
            // mode: check has its own inputs and command (check/inputs.ts, commands/check.ts).
            throw new Error('mode: check runs through checkDeployments, not runPlan');
    }
}
/** Matrix legs, and builds that publish nothing: the legs are built (and staged when pushed). */
async function buildLegs(inputs, runner, options) {
    const { logger, hooks } = options;
    const [{ build }, session] = await Promise.all([loadBuild(), (0,util_logger/* phase */.O)(logger, 'Log in', () => loginUnlessPushless(inputs, options))]);
    if (session?.credentials)
        hooks.onLogin?.(session.registry);
    return { kind: 'built', built: await build(session, inputs, runner, logger, hooks) };
}
/** One job, several platforms: its staged legs go through the same merge as a matrix's. */
async function buildAndPublish(inputs, runner, options) {
    const { logger, hooks, maskSecret } = options;
    const [{ build }, { merge }, session] = await Promise.all([
        loadBuild(),
        loadMerge(),
        (0,util_logger/* phase */.O)(logger, 'Log in', () => run_login(inputs, options))
    ]);
    if (session.credentials)
        hooks.onLogin?.(session.registry);
    const built = await build(session, inputs, runner, logger, hooks);
    const merged = await merge(session, { ...inputs, sources: [], cleanup: true }, logger, { built: built.staged, maskSecret });
    return { kind: 'published', merged, built };
}
/** No merge job: the leg that completes its run's set of platforms publishes it, through the merge. */
async function buildAndPublishWhenComplete(inputs, runner, options) {
    const { logger, hooks, maskSecret } = options;
    const [{ build }, { publishWhenComplete }, session] = await Promise.all([
        loadBuild(),
        Promise.all(/* import() */[__webpack_require__.e(584), __webpack_require__.e(11)]).then(__webpack_require__.bind(__webpack_require__, 1011)),
        (0,util_logger/* phase */.O)(logger, 'Log in', () => run_login(inputs, options))
    ]);
    if (session.credentials)
        hooks.onLogin?.(session.registry);
    const built = await build(session, inputs, runner, logger, hooks);
    const taken = built.legs.some(leg => leg.taken);
    const outcome = await publishWhenComplete(session, { ...inputs, platforms: inputs.publishWhenComplete, sources: [] }, logger, {
        maskSecret,
        taken,
        staged: built.staged.map(leg => leg.platform)
    });
    if (!outcome.published)
        return { kind: 'incomplete', built, note: outcome.note };
    return { kind: 'published', merged: outcome.merge, built: taken ? withPublishedChildren(built, outcome.merge) : built };
}
/** A leg taken by another leg's merge (LegResult.taken): its image and size as the published index holds them. */
function withPublishedChildren(built, merged) {
    const legs = built.legs.map(leg => {
        const child = leg.taken ? merged.children.find(c => c.platform === leg.platform) : undefined;
        return child ? { ...leg, childDigest: child.digest, size: child.size } : leg;
    });
    return { ...built, legs };
}
async function mergeLegs(inputs, options) {
    const { logger, maskSecret } = options;
    const [{ merge }, session] = await Promise.all([loadMerge(), (0,util_logger/* phase */.O)(logger, 'Log in', () => run_login(inputs, options))]);
    return { kind: 'published', merged: await merge(session, inputs, logger, { maskSecret }) };
}
function run_login(inputs, { logger, maskSecret }) {
    return (0,session/* openSession */.f)({ ...inputs, logger, maskSecret });
}
/**
 * A build that pushes nothing goes on without AWS credentials (a pull request from a fork
 * has none): it builds without the registry and its cache, and says so. Anything else needs them.
 */
async function loginUnlessPushless(inputs, options) {
    try {
        return await run_login(inputs, options);
    }
    catch (error) {
        if (!inputs.push && error instanceof call/* AwsNotConfiguredError */.B1) {
            options.logger.warning(`${error.message}. push is false: building without the registry and its cache`);
            return undefined;
        }
        throw error;
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/commands/plan.ts
// What one run does, decided once from the user's inputs before any side effect: the
// Action edge decides it from its inputs (a CLI edge will from its flags), then follows
// it. Nothing below the edge decides it again.
/**
 * The one rule for what publishes under tags: a merge, a one-job multi-platform build that
 * pushes, and a pushing leg given the platforms of its whole matrix (publish-when-complete).
 */
function planRun(mode, platformCount, push, whenComplete = false) {
    if (mode === 'check')
        return { kind: 'check' };
    if (mode === 'merge')
        return { kind: 'merge' };
    if (!push)
        return { kind: 'build' };
    if (whenComplete)
        return { kind: 'build-and-publish-when-complete' };
    return platformCount > 1 ? { kind: 'build-and-publish' } : { kind: 'build' };
}
/** The plan writes release tags (and so needs some). */
function publishes(plan) {
    return plan.kind !== 'build' && plan.kind !== 'check';
}

// EXTERNAL MODULE: ./src/docker/build-options.ts
var build_options = __webpack_require__(5283);
// EXTERNAL MODULE: ./src/metadata/labels.ts
var labels = __webpack_require__(8454);
// EXTERNAL MODULE: ./src/oci/reference.ts
var reference = __webpack_require__(2148);
;// CONCATENATED MODULE: ./src/oci/tags.ts
// Release tags derived from the git context, in the spirit of docker/metadata-action.

class TagError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TagError';
    }
}
const NUMBER = '(0|[1-9][0-9]*)';
const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const SEMVER_RE = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENTIFIERS}))?(?:\\+(${IDENTIFIERS}))?$`);
/** Maps any string to a valid tag: other characters become '-'; throws when nothing is left. */
function sanitizeTag(s) {
    const tag = s
        .replace(/[^A-Za-z0-9_.-]/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, reference/* TAG_MAX */.s_);
    if (tag === '')
        throw new TagError(`cannot make a tag from "${s}": it has no letters, digits or _`);
    return tag;
}
// Build metadata ('+' is not allowed in tags) becomes '_'. A pre-release or a build with
// metadata is one specific build, so it does not move latest, major or major.minor.
function semverTags(name) {
    const m = SEMVER_RE.exec(name);
    if (m === null)
        return undefined;
    const [, major, minor, patch, pre, build] = m;
    const core = `${major}.${minor}.${patch}`;
    if (pre === undefined && build === undefined)
        return [core, `${major}.${minor}`, major, 'latest'];
    return [`${core}${pre !== undefined ? `-${pre}` : ''}${build !== undefined ? `_${build}` : ''}`];
}
function sanitizedOrNone(s) {
    try {
        return [sanitizeTag(s)];
    }
    catch {
        return [];
    }
}
function refTags(g) {
    if (g.prNumber !== undefined) {
        if (!Number.isSafeInteger(g.prNumber) || g.prNumber < 1)
            throw new TagError(`pull request number ${g.prNumber} is not a positive whole number`);
        return [`pr-${g.prNumber}`];
    }
    const pull = /^refs\/pull\/([0-9]+)\//.exec(g.ref);
    if (pull !== null)
        return [`pr-${pull[1]}`];
    if (g.ref.startsWith('refs/tags/')) {
        const name = g.ref.slice('refs/tags/'.length);
        return semverTags(name) ?? sanitizedOrNone(name);
    }
    if (g.ref.startsWith('refs/heads/'))
        return sanitizedOrNone(g.ref.slice('refs/heads/'.length));
    return sanitizedOrNone(g.ref.replace(/^refs\//, ''));
}
/** The default release tags for a push or pull request, ending with sha-<7 hex>. */
function defaultTags(g) {
    if (!/^[0-9a-f]{7,64}$/i.test(g.sha)) {
        throw new TagError(`commit sha "${g.sha}" is not a git commit id (7 to 64 hex digits)`);
    }
    const tags = [...refTags(g), `sha-${g.sha.slice(0, 7).toLowerCase()}`];
    return [...new Set(tags.filter(reference/* isValidTag */.r_))];
}

;// CONCATENATED MODULE: ./src/metadata/rules.ts
// metadata-action's `tags` and `flavor` grammar: one entry per line, each a CSV row of
// `key=value` fields ("quoted" when a value holds a comma). Parsing only: no context here.
class RuleError extends Error {
    input;
    constructor(message, 
    /** The input at fault. */
    input = 'tags') {
        super(message);
        this.input = input;
        this.name = 'RuleError';
    }
}
const ruleTypes = ['schedule', 'semver', 'match', 'edge', 'ref', 'raw', 'sha'];
/** Default priorities by type: the higher, the earlier in the list (the first names the version). */
const defaultPriority = {
    schedule: 1000,
    semver: 900,
    match: 800,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100
};
const defaultFlavor = { latest: 'auto', prefix: '', prefixOnLatest: false, suffix: '', suffixOnLatest: false };
/** metadata-action's rules when `tags` is empty. */
const defaultRuleLines = ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
/** True when the input is written in the rule grammar (a line starts with `type=`), not as a plain list. */
function isRuleGrammar(input) {
    return input.split('\n').some(line => /^type\s*=/i.test(line.trim()));
}
/** One CSV row: commas separate fields; a field (or the value after `key=`) may be "quoted", "" inside quotes being one ". */
function splitFields(line, input = 'tags') {
    const fields = [];
    let field = '';
    let i = 0;
    let quoted = false;
    while (i < line.length) {
        const c = line[i];
        if (quoted) {
            if (c === '"' && line[i + 1] === '"') {
                field += '"';
                i += 2;
                continue;
            }
            if (c === '"')
                quoted = false;
            else
                field += c;
            i++;
            continue;
        }
        if (c === '"' && (field.trim() === '' || /^[^"=]+=\s*$/.test(field))) {
            if (field.trim() === '')
                field = '';
            quoted = true;
        }
        else if (c === ',') {
            fields.push(field);
            field = '';
        }
        else
            field += c;
        i++;
    }
    if (quoted)
        throw new RuleError(`unclosed quote in "${line}": close each "quoted value"`, input);
    fields.push(field);
    return fields.map(f => f.trim()).filter(f => f !== '');
}
function field(text) {
    const eq = text.indexOf('=');
    return eq <= 0 ? [undefined, text] : [text.slice(0, eq).trim().toLowerCase(), text.slice(eq + 1).trim()];
}
const known = {
    schedule: ['pattern'],
    semver: ['pattern', 'value'],
    match: ['pattern', 'group', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format']
};
function parseRule(line) {
    const attrs = {};
    let type;
    for (const text of splitFields(line)) {
        const [key, value] = field(text);
        if (key === undefined)
            attrs.value = value;
        else if (key === 'type') {
            if (!ruleTypes.includes(value))
                throw new RuleError(`unknown type "${value}" in "${line}": use one of ${ruleTypes.join(', ')}`);
            type = value;
        }
        else
            attrs[key] = value;
    }
    // A line without type= is a raw value, as in metadata-action.
    type ??= 'raw';
    const accepted = [...known[type], 'enable', 'priority', 'prefix', 'suffix'];
    const unknown = Object.keys(attrs).find(k => !accepted.includes(k));
    if (unknown !== undefined)
        throw new RuleError(`"${unknown}" is not an attribute of type=${type} in "${line}": use ${accepted.join(', ')}`);
    const need = (attr) => {
        if (!(attr in attrs))
            throw new RuleError(`type=${type} needs ${attr}= in "${line}"`);
    };
    switch (type) {
        case 'schedule':
            attrs.pattern ??= 'nightly';
            break;
        case 'semver':
            need('pattern');
            attrs.value ??= '';
            break;
        case 'match':
            need('pattern');
            attrs.group ??= '0';
            if (!/^[0-9]+$/.test(attrs.group))
                throw new RuleError(`group "${attrs.group}" in "${line}" is not a group number (0, 1, ...)`);
            attrs.value ??= '';
            break;
        case 'edge':
            attrs.branch ??= '';
            break;
        case 'ref':
            need('event');
            if (!['branch', 'tag', 'pr'].includes(attrs.event))
                throw new RuleError(`event "${attrs.event}" in "${line}" is not one of branch, tag, pr`);
            // The PR number alone is not a tag name: pr- unless a prefix is given (even an empty one).
            if (attrs.event === 'pr' && !('prefix' in attrs))
                attrs.prefix = 'pr-';
            break;
        case 'raw':
            need('value');
            break;
        case 'sha':
            if (!('prefix' in attrs))
                attrs.prefix = 'sha-';
            attrs.format ??= 'short';
            if (!['short', 'long'].includes(attrs.format))
                throw new RuleError(`format "${attrs.format}" in "${line}" is not short or long`);
            break;
    }
    attrs.enable ??= 'true';
    const priority = attrs.priority === undefined ? defaultPriority[type] : Number(attrs.priority);
    if (!Number.isSafeInteger(priority))
        throw new RuleError(`priority "${attrs.priority}" in "${line}" is not a whole number`);
    return { type, attrs, priority, source: line.trim() };
}
/** Every non-empty line is a rule; the result is in priority order (highest first, ties as written). */
function parseRules(input) {
    const lines = input.split('\n').filter(line => line.trim() !== '');
    const rules = (lines.length ? lines : defaultRuleLines).map(parseRule);
    return rules
        .map((rule, i) => ({ rule, i }))
        .sort((a, b) => b.rule.priority - a.rule.priority || a.i - b.i)
        .map(({ rule }) => rule);
}
/** `latest=auto|true|false`, `prefix=…[,onlatest=true]`, `suffix=…[,onlatest=true]`, one per line. */
function parseFlavor(input) {
    const flavor = { ...defaultFlavor };
    for (const line of input.split('\n').filter(l => l.trim() !== '')) {
        let onLatestFor;
        for (const text of splitFields(line, 'flavor')) {
            const [key, value] = field(text);
            switch (key) {
                case 'latest':
                    if (value !== 'auto' && value !== 'true' && value !== 'false')
                        throw new RuleError(`latest "${value}" is not auto, true or false`, 'flavor');
                    flavor.latest = value;
                    break;
                case 'prefix':
                case 'suffix':
                    flavor[key] = value;
                    onLatestFor = key;
                    break;
                case 'onlatest':
                    if (value !== 'true' && value !== 'false')
                        throw new RuleError(`onlatest "${value}" is not true or false`, 'flavor');
                    if (onLatestFor === undefined)
                        throw new RuleError(`onlatest in "${line.trim()}" follows no prefix= or suffix= on its line`, 'flavor');
                    flavor[onLatestFor === 'prefix' ? 'prefixOnLatest' : 'suffixOnLatest'] = value === 'true';
                    break;
                default:
                    throw new RuleError(`"${line.trim()}" is not a flavor entry: use latest=auto|true|false, prefix=…[,onlatest=true], suffix=…[,onlatest=true]`);
            }
        }
    }
    return flavor;
}

// EXTERNAL MODULE: ./src/metadata/semver.ts
var metadata_semver = __webpack_require__(821);
;// CONCATENATED MODULE: ./src/metadata/template.ts
// The small part of Handlebars that metadata-action's attributes use: `{{name}}` and
// helpers with quoted arguments and `key='value'` options, e.g. {{date 'YYYYMMDD' tz='Asia/Tokyo'}}.
// Unknown names render as '' (as Handlebars does); text outside braces is kept as is.
class TemplateError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TemplateError';
    }
}
const EXPRESSION = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)((?:\s+(?:[A-Za-z_][A-Za-z0-9_]*=)?(?:'[^']*'|"[^"]*"))*)\s*\}\}/g;
const ARGUMENT = /\s+(?:([A-Za-z_][A-Za-z0-9_]*)=)?(?:'([^']*)'|"([^"]*)")/g;
function render(template, values) {
    const out = template.replace(EXPRESSION, (_, name, rest) => {
        const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
        if (value === undefined)
            return '';
        const args = [];
        const options = {};
        for (const m of rest.matchAll(ARGUMENT)) {
            const text = m[2] ?? m[3];
            if (m[1] !== undefined)
                options[m[1]] = text;
            else
                args.push(text);
        }
        return typeof value === 'string' ? value : value(args, options);
    });
    if (/\{\{|\}\}/.test(out))
        throw new TemplateError(`cannot read the expression in "${template}": use {{name}} or {{date 'FORMAT' tz='Zone'}}`);
    return out;
}
/** A `{{date}}`-style helper rendering `date` in a moment.js format, in UTC unless tz= is given. */
function dateHelper(date) {
    return (args, options) => {
        for (const key of Object.keys(options))
            if (key !== 'tz')
                throw new TemplateError(`unknown date option ${key}: only tz='Zone' is accepted`);
        return formatDate(date, args[0] ?? 'YYYY-MM-DDTHH:mm:ssZ', options.tz ?? 'UTC');
    };
}
function partsIn(date, timeZone) {
    let format;
    try {
        format = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
    }
    catch {
        throw new TemplateError(`unknown time zone "${timeZone}": use an IANA name such as UTC or Asia/Tokyo`);
    }
    const get = (type) => Number(format.formatToParts(date).find(p => p.type === type)?.value);
    const [year, month, day, hour, minute, second] = ['year', 'month', 'day', 'hour', 'minute', 'second'].map(get);
    const local = Date.UTC(year, month - 1, day, hour, minute, second);
    const offsetMinutes = Math.round((local - (date.getTime() - date.getUTCMilliseconds())) / 60000);
    return { year, month, day, hour, minute, second, weekday: new Date(local).getUTCDay(), offsetMinutes };
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TOKEN = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|d|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g;
/** moment.js format tokens (the common ones; `[text]` is literal). */
function formatDate(date, format, timeZone = 'UTC') {
    const p = partsIn(date, timeZone);
    const pad = (n, width = 2) => String(n).padStart(width, '0');
    const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    const offset = (sep) => {
        const abs = Math.abs(p.offsetMinutes);
        return `${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`;
    };
    const tokens = {
        YYYY: () => pad(p.year, 4),
        YY: () => pad(p.year % 100),
        MMMM: () => MONTHS[p.month - 1],
        MMM: () => MONTHS[p.month - 1].slice(0, 3),
        MM: () => pad(p.month),
        M: () => String(p.month),
        Do: () => `${p.day}${ordinal(p.day)}`,
        DD: () => pad(p.day),
        D: () => String(p.day),
        dddd: () => DAYS[p.weekday],
        ddd: () => DAYS[p.weekday].slice(0, 3),
        d: () => String(p.weekday),
        HH: () => pad(p.hour),
        H: () => String(p.hour),
        hh: () => pad(hour12),
        h: () => String(hour12),
        mm: () => pad(p.minute),
        m: () => String(p.minute),
        ss: () => pad(p.second),
        s: () => String(p.second),
        SSS: () => pad(date.getUTCMilliseconds(), 3),
        A: () => (p.hour < 12 ? 'AM' : 'PM'),
        a: () => (p.hour < 12 ? 'am' : 'pm'),
        ZZ: () => offset(''),
        Z: () => offset(':'),
        X: () => String(Math.floor(date.getTime() / 1000)),
        x: () => String(date.getTime())
    };
    return format.replace(TOKEN, (token, literal) => (literal !== undefined ? literal : tokens[token]()));
}
function ordinal(n) {
    if (n % 100 >= 11 && n % 100 <= 13)
        return 'th';
    return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

;// CONCATENATED MODULE: ./src/metadata/compute.ts



const TAG_MAX = 128;
/** Invalid character runs become '-'; a leading '.' or '-' (refused by registries) is dropped. */
function sanitizeTagValue(value) {
    return value
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, TAG_MAX);
}
function shortSha(sha, length = 7) {
    return sha.slice(0, length);
}
/** The expressions prefix=, suffix=, value= and enable= may use. */
function globalExpressions(ctx, now) {
    const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : '';
    const isDefault = branch !== '' && branch === ctx.repository.defaultBranch
        ? 'true'
        : // These events always run on the default branch's last commit.
            /^(create|discussion|issues|schedule)/.test(ctx.eventName)
                ? 'true'
                : 'false';
    return {
        branch,
        tag: ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : '',
        sha: shortSha(ctx.sha),
        base_ref: ctx.baseRef ?? '',
        is_default_branch: isDefault,
        date: dateHelper(now),
        commit_date: dateHelper(ctx.commitDate ?? now)
    };
}
function computeTags(rules, flavor, ctx, now) {
    const globals = globalExpressions(ctx, now);
    const exp = (s) => render(s, globals);
    const tags = [];
    const notes = [];
    let latest;
    let semver;
    const auto = (when) => (flavor.latest === 'auto' ? when : flavor.latest === 'true');
    // Rule prefix/suffix (even empty) replace the flavor's.
    const withAffixes = (value, rule) => {
        const prefix = 'prefix' in rule.attrs ? rule.attrs.prefix : flavor.prefix;
        const suffix = 'suffix' in rule.attrs ? rule.attrs.suffix : flavor.suffix;
        return `${exp(prefix)}${value}${exp(suffix)}`;
    };
    const add = (value, rule, latestHere, version) => {
        if (value === '')
            return;
        const tag = sanitizeTagValue(withAffixes(value, rule));
        if (tag === '')
            return;
        semver ??= version;
        if (!tags.includes(tag))
            tags.push(tag);
        latest ??= latestHere;
    };
    const tagName = ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : undefined;
    const branch = ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : undefined;
    for (const rule of rules) {
        const enabled = exp(rule.attrs.enable).trim();
        if (enabled !== 'true' && enabled !== 'false')
            throw new RuleError(`enable= in "${rule.source}" is "${enabled}", not true or false`);
        if (enabled === 'false')
            continue;
        const a = rule.attrs;
        switch (rule.type) {
            case 'schedule':
                if (ctx.eventName === 'schedule')
                    add(render(a.pattern, { date: globals.date, commit_date: globals.commit_date }), rule, auto(false));
                break;
            case 'semver': {
                if (tagName === undefined && a.value === '')
                    break;
                const raw = a.value !== '' ? exp(a.value) : tagName.replace(/\//g, '-');
                const v = (0,metadata_semver/* parseSemver */.kf)(raw);
                if (!v) {
                    notes.push(`${rule.source}: "${raw}" is not a semver version, no tag`);
                    break;
                }
                const values = {
                    raw: v.raw,
                    version: v.version,
                    major: String(v.major),
                    minor: String(v.minor),
                    patch: String(v.patch)
                };
                // A pre-release only ever gets its full version (or {{raw}} alone): never 1, 1.2 or latest.
                const pre = v.prerelease.length > 0;
                const pattern = pre && a.pattern.replace(/\s/g, '') !== '{{raw}}' ? '{{version}}' : a.pattern;
                add(render(pattern, values), rule, auto(!pre), v);
                break;
            }
            case 'match': {
                if (tagName === undefined && a.value === '')
                    break;
                const raw = a.value !== '' ? exp(a.value) : tagName;
                const literal = /^\/(.+)\/([a-z]*)$/.exec(a.pattern);
                let m;
                try {
                    m = raw.match(literal ? new RegExp(literal[1], literal[2]) : new RegExp(a.pattern));
                }
                catch (error) {
                    throw new RuleError(`pattern in "${rule.source}" is not a regular expression: ${error.message}`);
                }
                const group = m?.[Number(a.group)];
                if (!m)
                    notes.push(`${rule.source}: "${raw}" does not match, no tag`);
                else if (group === undefined)
                    notes.push(`${rule.source}: group ${a.group} did not match in "${raw}", no tag`);
                else
                    add(group, rule, auto(true));
                break;
            }
            case 'edge':
                if (branch !== undefined && branch === (a.branch || ctx.repository.defaultBranch))
                    add('edge', rule, auto(false));
                break;
            case 'ref':
                if (a.event === 'branch' && branch !== undefined)
                    add(branch, rule, auto(false));
                else if (a.event === 'tag' && tagName !== undefined)
                    add(tagName, rule, auto(true));
                else if (a.event === 'pr' && ctx.ref.startsWith('refs/pull/'))
                    add(ctx.ref.slice('refs/pull/'.length).replace(/\/merge$/, ''), rule, auto(false));
                break;
            case 'raw':
                add(exp(a.value), rule, auto(false));
                break;
            case 'sha':
                if (ctx.sha)
                    add(a.format === 'long' ? ctx.sha : shortSha(ctx.sha), rule, auto(false));
                break;
        }
    }
    if (tags.length === 0)
        return { tags, notes };
    const result = { version: tags[0], tags, notes, semver };
    if (latest) {
        const name = sanitizeTagValue(`${flavor.prefixOnLatest ? flavor.prefix : ''}latest${flavor.suffixOnLatest ? flavor.suffix : ''}`);
        if (!tags.includes(name))
            tags.push(name);
        result.latest = name;
    }
    return result;
}

;// CONCATENATED MODULE: ./src/metadata/resolve.ts




function resolveTags(s) {
    if (s.tags !== undefined && isRuleGrammar(s.tags)) {
        const computed = computeTags(parseRules(s.tags), parseFlavor(s.flavor ?? ''), s.event, s.now);
        return {
            tags: computed.tags,
            version: computed.version,
            latest: computed.latest,
            published: computed.semver ?? computed.version,
            notes: computed.notes
        };
    }
    if (s.flavor !== undefined)
        throw new RuleError('applies to tag rules only: write tags as rules, one per line (type=semver,pattern={{version}} ...), or leave flavor out', 'flavor');
    const tags = s.tags !== undefined ? listedTags(list(s.tags), s) : s.git.sha ? defaultTags(s.git) : [];
    const version = tags.find(t => t !== 'latest');
    return { tags, version, latest: tags.includes('latest') ? 'latest' : undefined, published: version, notes: [] };
}
function list(value) {
    return value
        .split(/[,\n]/)
        .map(v => v.trim())
        .filter(v => v !== '');
}
/**
 * The tags a plain list names. Full references naming one tag for several images (this
 * repository and its mirrors, as metadata-action lists them) give it once; a plain tag
 * listed twice stays twice, for the input check to refuse.
 */
function listedTags(entries, s) {
    const tags = entries.map(entry => ownTag(entry, s));
    return tags.filter((tag, i) => !isReference(entries[i]) || tags.indexOf(tag) === i);
}
/** Only what starts with a registry host is a reference; anything else is a tag (checked as one). */
function isReference(entry) {
    const first = entry.split('/')[0];
    return entry.includes('/') && (/[.:]/.test(first) || first === 'localhost');
}
/** `registry/repo:tag` naming this repository (or a mirror) means `tag`; a plain tag is itself. */
function ownTag(entry, s) {
    if (!isReference(entry))
        return entry;
    const ref = (0,reference/* parseReference */.F2)(entry);
    const primary = ref.repository === s.repository && (s.registryHost === undefined || ref.registry === s.registryHost);
    const mirror = s.mirrors?.some(m => m.registry === ref.registry && m.repository === ref.repository) ?? false;
    if (!(primary || mirror) || ref.tag === undefined || ref.digest !== undefined)
        throw new RuleError(`"${entry}" is not a tag of ${s.registryHost ?? '<registry>'}/${s.repository}: give tags, or full references <registry>/${s.repository}:<tag> (or to one of the mirrors)`);
    return ref.tag;
}

// EXTERNAL MODULE: ./src/oci/platform-tag.ts
var platform_tag = __webpack_require__(6915);
// EXTERNAL MODULE: ./src/oci/staging.ts
var staging = __webpack_require__(2736);
// EXTERNAL MODULE: ./src/ecr/registry-host.ts
var registry_host = __webpack_require__(4130);
;// CONCATENATED MODULE: ./src/config/inputs.ts
// Every input is parsed and validated here, once, before any side effect, into typed Inputs.
// Errors name the input and the accepted form. Both edges call parseInputs with their own
// reader (the action: core.getInput; the CLI: its flags) and their own run context.













class InputError extends Error {
    constructor(input, message) {
        super(`input ${input}: ${message}`);
        this.name = 'InputError';
    }
}
/**
 * `runner`: where this job runs, which decides what a build may build (by default, its own platform).
 * `env`: AWS_REGION/AWS_DEFAULT_REGION and the variables secret-envs names.
 */
function parseInputs(source, runner, env, context) {
    const r = reader(source);
    const { optional, required, oneOf, bool, keyValues, parsed, imageName } = r;
    const mode = oneOf('mode', ['build', 'merge', 'check'], 'build');
    if (mode === 'check')
        throw new Error('mode: check takes its inputs from parseCheckInputs (check/inputs.ts)');
    const repositoryInput = required('repository');
    guard('repository', () => (0,reference/* validateRepositoryName */.IB)(repositoryInput));
    // registry: public.ecr.aws/<alias> puts the alias in front of the repository path.
    const { registry: registryInput, repository } = guard('registry', () => (0,registry_host/* withEcrPublicAlias */.aw)(optional('registry'), repositoryInput));
    const { git, event } = context;
    const runKey = optional('run-key') ?? context.runKey ?? '';
    if (!runKey)
        throw new InputError('run-key', context.noRunKey);
    try {
        (0,staging/* validateRunKey */.x3)(runKey);
    }
    catch {
        // validateRunKey's own message already names the input; say it once, in our form.
        throw new InputError('run-key', `"${runKey}" is not valid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. run-key: nightly_42`);
    }
    const runAttempt = parseRunAttempt(context);
    const platformsInput = optional('platforms');
    const platforms = platformsInput
        ? guard('platforms', () => (0,oci_platform/* parsePlatformList */.VX)(platformsInput))
        : mode === 'build'
            ? [{ ...runner.platform }]
            : [];
    if (platformsInput && platforms.length === 0) {
        throw new InputError('platforms', 'lists no platform, only empty entries: give os/arch entries separated by commas or newlines, e.g. linux/amd64,linux/arm64');
    }
    const username = optional('username');
    const password = optional('password');
    if (password)
        source.secret(password);
    if (username && !password)
        throw new InputError('password', 'is empty but username is set: give both username and password (non-ECR registries only), or neither');
    if (password && !username)
        throw new InputError('username', 'is empty but password is set: give both username and password (non-ECR registries only), or neither');
    const latestPolicy = oneOf('latest-policy', ['highest', 'always'], 'highest');
    const mirrors = inputs_list(optional('mirrors') ?? '').map(line => guard('mirrors', () => parseMirror(line)));
    const resolved = guardRules(() => resolveTags({
        tags: optional('tags'),
        flavor: optional('flavor'),
        repository,
        registryHost: registryInput && /[.:]/.test(registryInput) ? registryInput.replace(/^https?:\/\//, '') : undefined,
        mirrors,
        git,
        event,
        now: new Date()
    }));
    for (const note of resolved.notes)
        source.info(`tags: ${note}`);
    const tags = resolved.tags;
    for (const tag of tags)
        guard('tags', () => (0,reference/* validateTag */.z7)(tag));
    const options = buildOptions(r);
    // call: check (and outline, targets) builds nothing, so there is nothing to push or publish.
    const push = bool('push', true) && options.call === 'build';
    const publishWhenComplete = completeSet(r, mode);
    const plan = planRun(mode, platforms.length, push, publishWhenComplete.length > 0);
    if (publishes(plan) && tags.length === 0)
        throw new InputError('tags', 'is empty and there is no git context (GITHUB_SHA) to derive tags from: give tags, e.g. tags: 1.2.3,latest');
    const repeated = tags.find((tag, i) => tags.indexOf(tag) !== i);
    if (repeated !== undefined)
        throw new InputError('tags', `lists "${repeated}" twice: give each tag once`);
    // Checked against the platforms given; a merge without them checks again before publishing.
    const platformTags = bool('platform-tags', false);
    if (platformTags)
        guard('platform-tags', () => (0,platform_tag/* validatePlatformTags */.N)(tags, platforms));
    if (mirrors.length > 0 && !publishes(plan))
        throw new InputError('mirrors', 'only a merge, or a one-job multi-platform build that pushes, publishes: give mirrors there');
    const sources = inputs_list(optional('sources') ?? '');
    for (const source of sources)
        guard('sources', () => (0,reference/* parseReference */.F2)(source));
    const inputs = {
        plan,
        publishWhenComplete,
        repository,
        registry: registryInput,
        region: (0,registry_host/* regionOf */.AP)(optional('region'), env),
        username,
        password,
        platforms,
        context: optional('context') ?? '.',
        file: optional('file'),
        target: optional('target'),
        buildArgs: keyValues('build-args'),
        labels: keyValues('labels'),
        secrets: secrets(r, env),
        provenance: parsed('provenance', build_options/* parseProvenance */.X6) ?? true,
        options,
        cache: oneOf('cache', ['ecr', 'none'], 'ecr'),
        push,
        createRepository: bool('create-repository', true),
        tagMutability: oneOf('tag-mutability', ['MUTABLE', 'IMMUTABLE'], 'MUTABLE'),
        runKey,
        runAttempt,
        builder: optional('builder'),
        createBuilder: oneOf('create-builder', ['auto', 'false'], 'auto'),
        buildkitImage: imageName('buildkit-image', docker_builder/* DEFAULT_BUILDKIT_IMAGE */.LX),
        preflight: bool('preflight', true),
        logout: bool('logout', true),
        tags,
        sources,
        attestations: oneOf('attestations', ['keep', 'strip'], 'keep'),
        annotations: keyValues('annotations'),
        cleanup: bool('cleanup', true),
        platformTags,
        mirrors,
        git,
        standard: (0,labels/* standardLabels */.Fn)(event, resolved.version),
        latest: resolved.latest ? { tag: resolved.latest, policy: latestPolicy, published: resolved.published } : undefined,
        version: resolved.version
    };
    // Last, so that every input is checked for its own form first.
    if (mode !== 'build')
        return inputs;
    const built = checkPlatforms(inputs, runner);
    const outside = publishWhenComplete.length > 0 ? built.find(p => !publishWhenComplete.some(q => (0,oci_platform/* platformsMatch */.CW)(q, p))) : undefined;
    if (outside)
        throw new InputError('publish-when-complete', `does not list ${(0,oci_platform/* formatPlatform */.Bq)(outside)}, which this leg builds: list every platform of the matrix, this leg's included, e.g. publish-when-complete: linux/amd64,linux/arm64`);
    return { ...inputs, platforms: built };
}
/** publish-when-complete: the platforms of the whole matrix, for build legs only. */
function completeSet({ optional }, mode) {
    const raw = optional('publish-when-complete');
    if (raw === undefined)
        return [];
    if (mode !== 'build')
        throw new InputError('publish-when-complete', 'is for build legs (mode: build): a merge job publishes anyway; drop one of the two');
    const set = guard('publish-when-complete', () => (0,oci_platform/* parsePlatformList */.VX)(raw));
    if (set.length === 0)
        throw new InputError('publish-when-complete', 'lists no platform, only empty entries: give the platforms of the whole matrix, e.g. linux/amd64,linux/arm64');
    return set;
}
/**
 * The platforms a build job may build here: Linux on Linux runners (natively or under
 * QEMU), one Windows platform, the runner's own with its os.version, on Windows runners.
 */
function checkPlatforms(inputs, runner) {
    return inputs.platforms.map(p => {
        const wantsWindows = p.os === 'windows';
        if (wantsWindows !== runner.windows) {
            throw new InputError('platforms', `${p.os} images cannot be built on a ${runner.windows ? 'Windows' : runner.platform.os} runner: build ${wantsWindows ? 'Windows images on windows-2022 or windows-2025 runners' : 'Linux images on a Linux runner'} (a matrix of runners, then mode: merge)`);
        }
        if (!wantsWindows)
            return p;
        if (inputs.platforms.length > 1)
            throw new InputError('platforms', "a Windows leg builds one platform: its runner's own (windows/amd64)");
        if (p.architecture !== runner.platform.architecture)
            throw new InputError('platforms', `a ${runner.platform.architecture} Windows runner cannot build windows/${p.architecture}`);
        if (inputs.secrets.length > 0 || (inputs.options?.secretFiles.length ?? 0) > 0)
            throw new InputError('secrets', 'Windows legs build with docker build (no BuildKit), which has no build secrets');
        const buildkitOnly = inputs.options && build_options/* buildKitOnlyInput */.v3(inputs.options);
        if (buildkitOnly)
            throw new InputError(buildkitOnly, 'Windows legs build with docker build (no BuildKit), which lacks this option');
        return { ...p, 'os.version': runner.platform['os.version'] };
    });
}
/** build-push-action's options, in its forms: multi-line lists, CSV where it takes CSV. */
function buildOptions(r) {
    const { optional, lines, parsed, bool } = r;
    return {
        buildContexts: guard('build-contexts', () => build_options/* parseBuildContexts */.YN(lines('build-contexts'))),
        ssh: guard('ssh', () => build_options/* parseSsh */.Mc(lines('ssh'))),
        network: parsed('network', build_options/* parseNetwork */.MO),
        addHosts: guard('add-hosts', () => build_options/* parseAddHosts */.O$(inputs_list(optional('add-hosts') ?? ''))),
        shmSize: parsed('shm-size', build_options/* parseShmSize */.r_),
        ulimits: guard('ulimit', () => build_options/* parseUlimits */.TW(lines('ulimit'))),
        noCache: bool('no-cache', false),
        noCacheFilters: guard('no-cache-filters', () => build_options/* parseStages */.lj(inputs_list(optional('no-cache-filters') ?? ''))),
        pull: bool('pull', false),
        call: parsed('call', build_options/* parseCall */.Mf) ?? 'build',
        secretFiles: secretFiles(r),
        sbom: parsed('sbom', build_options/* parseSbom */.rl) ?? false,
        cacheFrom: guard('cache-from', () => build_options/* parseCacheSpecs */.SP(lines('cache-from'))),
        cacheTo: guard('cache-to', () => build_options/* parseCacheSpecs */.SP(lines('cache-to')))
    };
}
/** secrets (id=value) and secret-envs (id=ENV_NAME, read here): one list of values, masked, ids unique. */
function secrets({ keyValues, source }, env) {
    const given = Object.entries(keyValues('secrets')).map(([id, value]) => ({ id, value }));
    const fromEnv = keyValues('secret-envs', { csv: true });
    for (const [id, name] of Object.entries(fromEnv)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            throw new InputError('secret-envs', `the value for id ${id} is not an environment variable name: e.g. ${id}=MY_TOKEN`);
        const value = env[name];
        if (value === undefined || value === '')
            throw new InputError('secret-envs', `id ${id} reads environment variable ${name}, which is not set: set it in the step's env`);
        if (given.some(s => s.id === id))
            throw new InputError('secret-envs', `id ${id} is also given in secrets: give each secret id once`);
        given.push({ id, value });
    }
    for (const { value } of given)
        source.secret(value);
    return given;
}
/**
 * secret-files (id=path): each file must be readable now; its contents are masked (the
 * whole, and each line long enough not to blank ordinary log text). The path stays out of
 * argv and logs (see secretFileArgs); errors name the id only.
 */
function secretFiles({ keyValues, source }) {
    return Object.entries(keyValues('secret-files')).map(([id, file]) => {
        const path = (0,external_node_path_.resolve)(file);
        let contents;
        try {
            if (!(0,external_node_fs_.statSync)(path).isFile())
                throw new Error('not a file');
            contents = (0,external_node_fs_.readFileSync)(path, 'utf8');
        }
        catch {
            throw new InputError('secret-files', `the file for id ${id} is not a readable file: give id=<path to a file>, e.g. npmrc=./.npmrc`);
        }
        if (contents !== '')
            source.secret(contents);
        for (const line of contents.split(/\r?\n/))
            if (line.trim().length >= 4)
                source.secret(line.trim());
        return { id, path };
    });
}
function reader(source) {
    const optional = (name) => {
        const value = source.read(name).trim();
        return value === '' ? undefined : value;
    };
    return {
        source,
        optional,
        required(name) {
            const value = optional(name);
            if (value === undefined)
                throw new InputError(name, 'is required: give the ECR repository name, e.g. team/app');
            return value;
        },
        /** Non-empty lines, trimmed: build-push-action's lists whose entries may contain commas. */
        lines(name) {
            return source
                .read(name)
                .split('\n')
                .map(v => v.trim())
                .filter(v => v !== '');
        },
        /** An optional input through a parser of its form (errors name the input). */
        parsed(name, parse) {
            const value = optional(name);
            return value === undefined ? undefined : guard(name, () => parse(value));
        },
        oneOf(name, accepted, fallback) {
            const value = optional(name) ?? fallback;
            const match = accepted.find(a => a.toLowerCase() === value.toLowerCase());
            if (!match)
                throw new InputError(name, `"${value}" is not one of ${accepted.join(', ')}`);
            return match;
        },
        bool(name, fallback) {
            const value = optional(name);
            if (value === undefined)
                return fallback;
            if (value.toLowerCase() === 'true')
                return true;
            if (value.toLowerCase() === 'false')
                return false;
            throw new InputError(name, `"${value}" is not a boolean: use true or false`);
        },
        /**
         * One `KEY=VALUE` per line (values may contain '=' and ','); each line is trimmed at both ends.
         * `csv`: commas separate entries too (secret-envs, as build-push-action reads it).
         */
        keyValues(name, { csv = false } = {}) {
            // A Map, not an object literal: keys such as constructor or __proto__ are plain keys here.
            const result = new Map();
            // Untrimmed, so that line numbers in errors count from the input's first line.
            const rows = source.read(name).split('\n');
            for (const [n, raw] of rows.entries())
                for (const entry of csv ? raw.split(',') : [raw]) {
                    const line = entry.trim();
                    if (line === '')
                        continue;
                    const eq = line.indexOf('=');
                    const key = eq > 0 ? line.slice(0, eq).trim() : '';
                    if (!/^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(key)) {
                        // Never echo the line itself: for `secrets` it may be the secret.
                        throw new InputError(name, `line ${n + 1} is not KEY=VALUE: one entry per line, the key starting with a letter or _ and made of letters, digits, _ . - /, e.g. KEY=value`);
                    }
                    const earlier = result.get(key);
                    if (earlier !== undefined)
                        throw new InputError(name, `key "${key}" is given twice (lines ${earlier.line} and ${n + 1}): give each key once`);
                    result.set(key, { value: line.slice(eq + 1), line: n + 1 });
                }
            return Object.fromEntries([...result].map(([key, { value }]) => [key, value]));
        },
        /** An image reference as docker takes it (Docker Hub short names included); never a flag. */
        imageName(name, fallback) {
            const value = optional(name) ?? fallback;
            if (!/^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/.test(value))
                throw new InputError(name, `"${value}" is not an image reference: give e.g. ${fallback} or <registry>/<repository>:<tag> of a mirror`);
            return value;
        }
    };
}
/** The run's attempt (1 when unset): a whole number from 1, nothing else. */
function parseRunAttempt(context) {
    const raw = context.attempt;
    if (raw === undefined)
        return 1;
    const attempt = /^[1-9][0-9]{0,8}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isSafeInteger(attempt))
        throw context.badAttempt(raw);
    return attempt;
}
/** Comma- or newline-separated values, empty entries dropped. */
function inputs_list(value) {
    return value
        .split(/[,\n]/)
        .map(v => v.trim())
        .filter(v => v !== '');
}
/** Tag rules and flavor: the error names the input at fault. */
function guardRules(resolve) {
    try {
        return resolve();
    }
    catch (error) {
        throw new InputError(error instanceof RuleError ? error.input : 'tags', error.message);
    }
}
/** A mirror: one full repository reference, registry host first, no tag or digest. */
function parseMirror(line) {
    const ref = (0,reference/* parseReference */.F2)(line);
    if (ref.tag !== undefined || ref.digest !== undefined)
        throw new Error(`"${line}" names a tag or digest: give the repository only, e.g. ghcr.io/acme/app (the tags input applies)`);
    return { registry: ref.registry, repository: ref.repository };
}
function guard(name, validate) {
    try {
        return validate();
    }
    catch (error) {
        throw new InputError(name, error.message);
    }
}

;// CONCATENATED MODULE: ./src/check/inputs.ts
// mode: check's own inputs, read through whatever reads the edge's inputs (INPUT_* for the
// Action, flags for a CLI) and parsed here, once, before any side effect. Errors name the
// input and the accepted form.


/** What `platforms` means in mode: check when it is not given: the two Linux platforms of a Graviton migration. */
const CHECK_DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64';
class CheckInputError extends Error {
    constructor(input, message) {
        super(`input ${input}: ${message}`);
        this.name = 'InputError';
    }
}
/** mode: check's inputs; undefined in any other mode (whose own parsing also judges a bad mode). */
function parseCheckInputs(source, env) {
    const optional = (name) => source.read(name).trim() || undefined;
    if (optional('mode')?.toLowerCase() !== 'check')
        return undefined;
    const guard = (name, parse) => {
        try {
            return parse();
        }
        catch (err) {
            throw new CheckInputError(name, err instanceof Error ? err.message : String(err));
        }
    };
    const username = optional('username');
    const password = optional('password');
    if (password)
        source.secret(password);
    if (Boolean(username) !== Boolean(password))
        throw new CheckInputError(username ? 'password' : 'username', "give both username and password (for the registry input's host), or neither");
    const region = (0,registry_host/* regionOf */.AP)(optional('region'), env);
    const registry = optional('registry');
    guard('registry', () => (0,registry_host/* resolveRegistryInput */.am)(registry, region));
    return {
        plan: { kind: 'check' },
        manifests: guard('manifests', () => parseManifestPatterns(optional('manifests'))),
        failOn: guard('fail-on', () => parseFailOn(optional('fail-on'))),
        platforms: guard('platforms', () => parseCheckPlatforms(optional('platforms'))),
        registry,
        region,
        username,
        password
    };
}
/** manifests: one file, directory or glob per line, or comma-separated; at least one. */
function parseManifestPatterns(raw) {
    const patterns = (raw ?? '')
        .split(/[,\n]/)
        .map(p => p.trim())
        .filter(p => p !== '');
    if (patterns.filter(p => !p.startsWith('!')).length === 0)
        throw new Error('is required in mode: check: give the deployment files, one per line or comma-separated, e.g. k8s/**/*.yaml');
    return patterns;
}
function parseFailOn(raw) {
    const value = (raw ?? '').trim().toLowerCase() || 'missing';
    if (value !== 'missing' && value !== 'never')
        throw new Error(`"${raw}" is not one of missing, never: missing (default) fails the step when an image lacks a platform; never only warns`);
    return value;
}
/** platforms in mode: check: the ones every image must have (default linux/amd64,linux/arm64). */
function parseCheckPlatforms(raw) {
    const platforms = (0,oci_platform/* parsePlatformList */.VX)(raw?.trim() || CHECK_DEFAULT_PLATFORMS);
    if (platforms.length === 0)
        throw new Error('lists no platform: give os/arch entries, e.g. linux/amd64,linux/arm64');
    return platforms;
}

// EXTERNAL MODULE: ./src/check/uses.ts
var uses = __webpack_require__(33);
;// CONCATENATED MODULE: ./src/config/outputs.ts

/** metadata-action's outputs (version, labels, annotations), in its formats: known before anything runs. */
function metadataOutputs(inputs) {
    return {
        version: inputs.version ?? '',
        labels: (0,labels/* formatLabels */.h6)((0,labels/* imageLabels */.J0)(inputs.labels, inputs.git, inputs.standard)),
        annotations: (0,labels/* formatAnnotations */.MR)((0,labels/* indexAnnotations */.nM)(inputs))
    };
}
/** The outputs both modes set; `metadata` carries these plus the mode's own details. */
function imageOutputs(registry, repository, digest, platforms, details) {
    const image = digest ? `${registry}/${repository}@${digest}` : '';
    return {
        registry,
        image,
        digest,
        platforms: platforms.join(','),
        metadata: JSON.stringify({ registry, repository, image, digest, ...details })
    };
}
function buildOutputs(result) {
    const leg = result.legs[0];
    return {
        ...imageOutputs(result.registry, result.repository, leg.digest, result.legs.map(l => l.platform), { legs: result.legs.map(legMetadata) }),
        'staging-tag': leg.pushed ? leg.stagingTag : '',
        published: 'false'
    };
}
function mergeOutputs(result, built) {
    return {
        ...imageOutputs(result.registry, result.repository, result.digest, result.platforms, {
            mediaType: result.mediaType,
            tags: result.tags,
            children: result.children,
            platformTags: result.platformTags,
            cleaned: result.cleaned,
            legs: built?.legs.map(legMetadata)
        }),
        tags: result.tags.join(','),
        mirrors: JSON.stringify(result.mirrors),
        manifest: result.manifest,
        published: 'true'
    };
}
/** mode: check: `ready`, and `missing`: each image lacking a platform, where it is used. */
function checkOutputs(result) {
    const missing = result.images.filter(i => i.verdict === 'missing');
    return {
        ready: String(result.ready),
        missing: JSON.stringify(missing.map(i => ({
            image: i.image,
            missing: i.missing,
            platforms: i.has,
            usedIn: i.lacking.map(({ use: u }) => ({
                file: u.file,
                line: u.line,
                kind: u.kind,
                name: u.name,
                namespace: u.namespace,
                container: u.container
            }))
        })))
    };
}
function legMetadata(l) {
    return {
        platform: l.platform,
        digest: l.digest,
        childDigest: l.childDigest,
        size: l.size,
        buildSeconds: roundSeconds(l.seconds),
        emulated: l.emulated,
        cachedSteps: l.cachedSteps,
        cacheImported: l.cacheImported,
        cacheImportedRef: l.cacheImportedRef,
        stagingTag: l.stagingTag,
        builder: l.builder
    };
}
/** Seconds to one decimal, as the outputs and the summary show them. */
function roundSeconds(seconds) {
    return Math.round(seconds * 10) / 10;
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    const units = ['KiB', 'MiB', 'GiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

// EXTERNAL MODULE: ./src/docker/cli.ts
var cli = __webpack_require__(1670);
// EXTERNAL MODULE: ./src/net/proxy.ts
var net_proxy = __webpack_require__(1987);
// EXTERNAL MODULE: ./src/cli/args.ts + 1 modules
var args = __webpack_require__(3724);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/git/context.ts
var context = __webpack_require__(6071);
;// CONCATENATED MODULE: ./src/metadata/context.ts
// The facts of the triggering event the tag rules and labels read, as plain data, from the
// runner's environment and the event payload (a CLI can fill it from git).

const context_text = (v) => (typeof v === 'string' && v !== '' ? v : undefined);
function eventContextFrom(env, payload = {}) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const ref = env.GITHUB_REF ?? '';
    const repo = payload.repository ?? {};
    const timestamp = context_text(payload.head_commit?.timestamp);
    const license = context_text(repo.license?.spdx_id);
    const baseRef = ref.startsWith('refs/tags/')
        ? context_text(payload.base_ref)?.replace(/^refs\/heads\//, '')
        : ref.startsWith('refs/pull/')
            ? context_text(payload.pull_request?.base?.ref)
            : undefined;
    return {
        eventName,
        ref,
        sha: (0,context/* pullRequestHead */.Ju)(eventName, payload) ?? env.GITHUB_SHA ?? '',
        baseRef,
        commitDate: timestamp && !Number.isNaN(Date.parse(timestamp)) ? new Date(timestamp) : undefined,
        repository: {
            name: context_text(repo.name) ?? env.GITHUB_REPOSITORY?.split('/')[1],
            description: context_text(repo.description),
            htmlUrl: context_text(repo.html_url) ??
                (env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}` : undefined),
            // NOASSERTION is GitHub's "a licence we could not identify": no licence to state.
            license: license === 'NOASSERTION' ? undefined : license,
            defaultBranch: context_text(repo.default_branch)
        }
    };
}

;// CONCATENATED MODULE: ./src/config/github.ts
// The run as GitHub Actions names it (GITHUB_* and the event payload): the action's run
// context, and the CLI's when it runs in a GitHub workflow. No @actions/* here.




/**
 * The webhook event the run was triggered by (GITHUB_EVENT_PATH), or {} without one. Read
 * here rather than through @actions/github, whose Octokit was a large share of the start-up.
 */
function eventPayload(env) {
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return {};
    }
}
function githubRunContext(env) {
    const payload = eventPayload(env);
    return {
        runKey: env.GITHUB_RUN_ID || undefined,
        noRunKey: 'is empty and GITHUB_RUN_ID is not set: give a run identifier, e.g. run-key: nightly_42',
        attempt: env.GITHUB_RUN_ATTEMPT,
        badAttempt: raw => new InputError('run-key', `GITHUB_RUN_ATTEMPT "${raw}" is not a whole number from 1: leave it to the runner, which sets 1, 2, ...`),
        git: (0,context/* gitContextFromEnv */.Vc)(env, payload),
        event: eventContextFrom(env, payload)
    };
}

;// CONCATENATED MODULE: ./src/cli/ci-context.ts
// The run as the CI system the CLI runs in names it: run key, attempt, commit, ref, source URL.
// One RunContext for parseInputs, as the action's comes from GITHUB_* (config/github.ts).
//
// Each variable as its system documents it:
// - AWS CodeBuild, "Environment variables in build environments":
//   https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html
//   CODEBUILD_BUILD_ID (always set: how a CodeBuild build is recognised), CODEBUILD_RESOLVED_SOURCE_VERSION
//   (the commit id for CodeCommit, GitHub, GitHub Enterprise and Bitbucket sources; in CodePipeline
//   the source revision CodePipeline gives), CODEBUILD_WEBHOOK_TRIGGER (webhook builds only:
//   branch/<name>, tag/<name> or pr/<number>), CODEBUILD_SOURCE_REPO_URL (the repository's clone URL;
//   s3://... for S3 sources, possibly empty under CodePipeline), CODEBUILD_BATCH_BUILD_IDENTIFIER
//   (set in the builds of a batch: the build's identifier in the batch buildspec, so one per
//   leg, never a run key), CODEBUILD_INITIATOR (the entity that started the build: in a batch's
//   builds, the batch, e.g. <project>/AWSCodeBuild-<uuid>, which cypress-io/cypress-documentation#3143
//   uses as the batch's shared id).
// - AWS CodePipeline, "Variables reference": #{codepipeline.PipelineExecutionId}, the id of the
//   pipeline execution, the same in every action of one execution (and a retried stage):
//   https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html
//   The recipe maps it into each CodeBuild action's environment as PIPELINE_EXECUTION_ID.
// - GitLab CI/CD, "Predefined CI/CD variables reference":
//   https://docs.gitlab.com/ci/variables/predefined_variables/
//   GITLAB_CI ("true"), CI_PIPELINE_ID (the pipeline's instance-wide id), CI_COMMIT_SHA,
//   CI_COMMIT_TAG (tag pipelines only), CI_COMMIT_BRANCH (branch pipelines only, not in merge request
//   or tag pipelines), CI_MERGE_REQUEST_IID (merge request pipelines: the project-level id),
//   CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_DEFAULT_BRANCH, CI_PROJECT_URL, CI_COMMIT_TIMESTAMP (ISO 8601).
// - GitHub Actions, "Variables reference": GITHUB_ACTIONS ("true"), then everything as the action reads it.
//   https://docs.github.com/en/actions/reference/workflows-and-actions/variables



/** The CodePipeline execution id, as the recipe maps it (see README, "CodePipeline and CodeBuild"). */
const PIPELINE_EXECUTION_ID = 'PIPELINE_EXECUTION_ID';
const runGit = args => {
    try {
        const out = (0,external_node_child_process_.execFileSync)('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
        return out === '' ? undefined : out;
    }
    catch {
        return undefined;
    }
};
function detectCi(env) {
    if (env.CODEBUILD_BUILD_ID)
        return 'codebuild';
    if (env.GITLAB_CI === 'true')
        return 'gitlab';
    if (env.GITHUB_ACTIONS === 'true')
        return 'github';
    return 'git';
}
/**
 * `attempt`: the --attempt flag (unset: 1, or GITHUB_RUN_ATTEMPT in a GitHub workflow). A
 * retried job re-stages under the same tag (a later attempt's tag wins in the merge).
 */
function ciRunContext(env, attempt, git = runGit) {
    const system = detectCi(env);
    const badAttempt = (raw) => new InputError('attempt', `"${raw}" is not a whole number from 1: give 1, 2, ... (the job's retry), or leave it out`);
    if (system === 'github') {
        const github = githubRunContext(env);
        return attempt === undefined ? github : { ...github, attempt, badAttempt };
    }
    const facts = system === 'codebuild' ? codebuild(env) : system === 'gitlab' ? gitlab(env) : local();
    return { runKey: facts.runKey, noRunKey: facts.noRunKey, attempt, badAttempt, ...contexts(facts, git) };
}
function codebuild(env) {
    const trigger = env.CODEBUILD_WEBHOOK_TRIGGER ?? '';
    const [kind, ...rest] = trigger.split('/');
    const name = rest.join('/');
    const pr = kind === 'pr' && /^[1-9][0-9]*$/.test(name) ? Number(name) : undefined;
    return {
        runKey: codebuildRunKey(env),
        noRunKey: `is empty and this CodeBuild build names no run: map #{codepipeline.PipelineExecutionId} to the environment variable ${PIPELINE_EXECUTION_ID} in each CodeBuild action of the pipeline (the legs and the merge), run the legs as one batch build, or give --run-key, e.g. --run-key nightly_42`,
        sha: commitSha(env.CODEBUILD_RESOLVED_SOURCE_VERSION),
        ref: kind === 'branch' && name
            ? `refs/heads/${name}`
            : kind === 'tag' && name
                ? `refs/tags/${name}`
                : pr
                    ? `refs/pull/${pr}/merge`
                    : undefined,
        prNumber: pr,
        branch: kind === 'branch' && name ? name : undefined,
        sourceUrl: webUrl(env.CODEBUILD_SOURCE_REPO_URL)
    };
}
/**
 * The pipeline execution id the recipe maps in, else a batch build's id (every build of the batch
 * has the same initiator). A UUID has '-', which a run key may not: the key is its 32 hex digits.
 */
function codebuildRunKey(env) {
    const execution = env[PIPELINE_EXECUTION_ID]?.trim();
    if (execution)
        return uuidKey(execution) ?? execution;
    if (!env.CODEBUILD_BATCH_BUILD_IDENTIFIER)
        return undefined;
    const batch = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(env.CODEBUILD_INITIATOR ?? '');
    return batch ? uuidKey(batch[1]) : undefined;
}
function uuidKey(value) {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value.replace(/-/g, '').toLowerCase() : undefined;
}
function gitlab(env) {
    const mr = /^[1-9][0-9]*$/.test(env.CI_MERGE_REQUEST_IID ?? '') ? Number(env.CI_MERGE_REQUEST_IID) : undefined;
    const tag = env.CI_COMMIT_TAG || undefined;
    const branch = env.CI_COMMIT_BRANCH || env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME || undefined;
    return {
        runKey: env.CI_PIPELINE_ID || undefined,
        noRunKey: 'is empty and CI_PIPELINE_ID is not set: give --run-key, e.g. --run-key nightly_42',
        sha: commitSha(env.CI_COMMIT_SHA),
        // A merge request names no ref of its own: refs/pull/<iid>/merge is how the tag rules know one (pr-<iid>).
        ref: tag ? `refs/tags/${tag}` : mr ? `refs/pull/${mr}/merge` : env.CI_COMMIT_BRANCH ? `refs/heads/${env.CI_COMMIT_BRANCH}` : undefined,
        prNumber: mr,
        branch,
        defaultBranch: env.CI_DEFAULT_BRANCH || undefined,
        sourceUrl: webUrl(env.CI_PROJECT_URL),
        commitTime: isoTime(env.CI_COMMIT_TIMESTAMP)
    };
}
function local() {
    return {
        noRunKey: 'is empty and no CI system names this run: give --run-key, e.g. --run-key nightly_42 (the same for the legs and the merge)'
    };
}
/** The git and event contexts from the facts, the rest from the checkout: commit, ref, remote, commit time. */
function contexts(facts, git) {
    const sha = facts.sha ?? commitSha(git(['rev-parse', 'HEAD'])) ?? '';
    const ref = facts.ref ?? localRef(git);
    const branch = facts.branch ?? (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined);
    const sourceUrl = facts.sourceUrl ?? webUrl(git(['remote', 'get-url', 'origin']));
    const commitTime = facts.commitTime ?? (sha ? isoTime(git(['show', '-s', '--format=%cI', sha])) : undefined);
    const name = sourceUrl?.split('/').pop();
    return {
        git: {
            sha,
            ref,
            prNumber: facts.prNumber,
            sourceUrl,
            commitTime,
            ...(branch ? { branch } : {}),
            ...(facts.defaultBranch ? { defaultBranch: facts.defaultBranch } : {})
        },
        event: {
            eventName: ref.startsWith('refs/pull/') ? 'pull_request' : 'push',
            ref,
            sha,
            commitDate: commitTime ? new Date(commitTime) : undefined,
            repository: { name, htmlUrl: sourceUrl, defaultBranch: facts.defaultBranch }
        }
    };
}
/** The checkout's branch, else a tag on HEAD, else none (a detached HEAD). */
function localRef(git) {
    const branch = git(['symbolic-ref', '-q', 'HEAD']);
    if (branch?.startsWith('refs/heads/'))
        return branch;
    const tag = git(['describe', '--tags', '--exact-match', 'HEAD']);
    return tag ? `refs/tags/${tag}` : '';
}
function commitSha(value) {
    const v = value?.trim().toLowerCase();
    return v && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v) ? v : undefined;
}
function isoTime(value) {
    return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;
}
/**
 * A repository's web address from its clone URL: https with no user or token (a CI clone URL may
 * carry one), no .git; git@host:owner/repo too. Anything else (s3://, a local path): none.
 */
function webUrl(value) {
    const v = value?.trim();
    if (!v)
        return undefined;
    const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(v);
    const candidate = scp ? `https://${scp[1]}/${scp[2]}` : v.replace(/^ssh:\/\/[^@/]+@/, 'https://');
    let url;
    try {
        url = new URL(candidate);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return undefined;
    const path = url.pathname.replace(/\.git$/, '').replace(/\/+$/, '');
    return path ? `${url.protocol}//${url.host}${path}` : undefined;
}

;// CONCATENATED MODULE: ./src/cli/logger.ts
/** Colour only for a terminal, and never with NO_COLOR set (any value but empty: no-color.org). */
function useColour(stream, env) {
    return stream.isTTY === true && !env.NO_COLOR;
}
function cliLogger(stream, env) {
    const colour = useColour(stream, env);
    const paint = (code, text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
    const debug = env.ECR_PUBLISH_DEBUG === '1' || env.RUNNER_DEBUG === '1';
    const line = (text) => stream.write(`${text}\n`);
    return {
        info: message => line(message),
        warning: message => line(`${paint('33', 'warning:')} ${message}`),
        error: message => line(`${paint('31', 'error:')} ${message}`),
        debug: message => {
            if (debug)
                line(paint('2', `debug: ${message}`));
        },
        group: async (name, fn) => {
            line(paint('1;36', `==> ${name}`));
            const started = Date.now();
            try {
                return await fn();
            }
            finally {
                line(paint('2', `<== ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`));
            }
        }
    };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The CLI edge: flags -> the same parseInputs as the action -> runPlan -> lines, or the
// outputs object with --json. Exit 0 done, 1 the operation failed, 2 bad input. What the
// action's post step does (builder removal, docker logout) runs when the command ends.














const EXIT = { ok: 0, failed: 1, badInput: 2 };
async function main(argv, io) {
    const logger = cliLogger(io.stderr, io.env);
    let invocation;
    try {
        invocation = (0,args/* parseArgs */.Zy)(argv);
    }
    catch (error) {
        logger.error(message(error));
        return EXIT.badInput;
    }
    if (invocation.help) {
        io.stdout.write((0,args/* helpText */.BK)(invocation.command));
        return EXIT.ok;
    }
    if (invocation.command === undefined) {
        // No command: the usage, where errors go.
        io.stderr.write((0,args/* helpText */.BK)());
        return EXIT.badInput;
    }
    // Docker's own output is progress too: stdout carries only the result.
    (0,cli/* setCommandOutput */.HX)({ stdout: io.stderr, stderr: io.stderr });
    if (invocation.command === 'check')
        return checkCommand(invocation, io, logger);
    const state = { logout: true };
    // Ctrl-C or a cancelled job: what the run created is removed before the process ends.
    const stopHandling = io.onInterrupt?.(signal => {
        logger.error(`${signal}: stopped; cleaning up`);
        void cleanupRun(state, logger).finally(() => io.exit?.(signal === 'SIGINT' ? 130 : 143));
    });
    try {
        const runner = detectRunner(process.platform, process.arch, (0,external_node_os_.release)());
        const inputs = readInputs(invocation, runner, io, logger);
        state.logout = inputs.logout;
        const proxy = (0,net_proxy/* describeProxyEnv */.jI)((0,net_proxy/* readProxyEnv */.sK)(io.env));
        if (proxy)
            logger.info(proxy);
        const outcome = await runPlan(inputs, runner, {
            logger,
            // Nothing to mask: the CLI prints no secret (see logger.ts).
            maskSecret: () => { },
            hooks: {
                onBuilderCreated: name => (state.builder = name),
                onLogin: registry => (state.registry = registry)
            }
        });
        const outputs = { ...metadataOutputs(inputs), ...outcomeOutputs(outcome) };
        report(outcome, logger);
        io.stdout.write(invocation.json ? `${JSON.stringify(outputs, null, 2)}\n` : resultLines(outcome, outputs));
        if (outcome.kind === 'published' && outcome.merged.mirrorFailure) {
            logger.error(outcome.merged.mirrorFailure);
            return EXIT.failed;
        }
        return EXIT.ok;
    }
    catch (error) {
        logger.error(message(error));
        return exitFor(error);
    }
    finally {
        stopHandling?.();
        await cleanupRun(state, logger);
    }
}
function exitFor(error) {
    return error instanceof InputError || error instanceof CheckInputError || error instanceof args/* UsageError */.eb ? EXIT.badInput : EXIT.failed;
}
/** check: the deployment files' images against the platforms; fails (exit 1) only as --fail-on says. Nothing to clean up. */
async function checkCommand(invocation, io, logger) {
    try {
        const password = invocation.passwordStdin ? readPassword(io) : undefined;
        const read = (name) => name === 'mode' ? 'check' : name === 'password' ? (password ?? '') : (invocation.values.get(name)?.join('\n') ?? '');
        const inputs = parseCheckInputs({ read, secret: () => { } }, io.env);
        if (!inputs)
            throw new Error('check: no check inputs');
        const { checkDeployments, verdictText } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(510)]).then(__webpack_require__.bind(__webpack_require__, 5510));
        const result = await checkDeployments(inputs, { logger, maskSecret: () => { } });
        for (const image of result.images) {
            const text = `${image.verdict === 'ready' ? 'ready' : image.verdict}: ${image.image}: ${verdictText(image)}`;
            if (image.verdict === 'ready')
                logger.info(text);
            else
                logger.warning(text);
            if (image.verdict === 'missing')
                for (const use of image.uses)
                    logger.info(`  used in ${(0,uses/* describeUse */.p)(use)}`);
        }
        for (const problem of result.problems)
            logger.warning(`not read: ${problem}`);
        for (const advice of result.advice)
            logger.info(`${advice.workload}: ${advice.advice}`);
        const outputs = checkOutputs(result);
        io.stdout.write(invocation.json ? `${JSON.stringify(outputs, null, 2)}\n` : `${result.ready ? 'ready' : 'not ready'}\n`);
        if (result.failure) {
            logger.error(result.failure);
            return EXIT.failed;
        }
        return EXIT.ok;
    }
    catch (error) {
        logger.error(message(error));
        return exitFor(error);
    }
}
/** The flags as the action's inputs, by name; the run context from the CI system. */
function readInputs(invocation, runner, io, logger) {
    const password = invocation.passwordStdin ? readPassword(io) : undefined;
    const source = {
        read: (name) => {
            if (name === 'mode')
                return invocation.command ?? '';
            if (name === 'password')
                return password ?? '';
            return invocation.values.get(name)?.join('\n') ?? '';
        },
        secret: () => { },
        info: (text) => logger.info(text)
    };
    const context = ciRunContext(io.env, invocation.attempt);
    logger.debug(`CI system: ${detectCi(io.env)}`);
    return parseInputs(source, runner, io.env, context);
}
/** docker login --password-stdin's form: the whole of stdin, one trailing line break dropped. */
function readPassword(io) {
    if (io.stdinIsTTY)
        throw new args/* UsageError */.eb(`--password-stdin reads the password from stdin, which is a terminal: pipe it in, e.g. printf '%s' "$TOKEN" | ${args/* PROGRAM */.RX} build --username me --password-stdin ...`);
    const password = io.readStdin().replace(/\r?\n$/, '');
    if (password === '')
        throw new args/* UsageError */.eb('--password-stdin: stdin is empty: pipe the password or token in');
    return password;
}
function outcomeOutputs(outcome) {
    return outcome.kind === 'published' ? mergeOutputs(outcome.merged, outcome.built) : buildOutputs(outcome.built);
}
/** What the action's summary says beside the outputs: the build's notes, why latest moved or not, the incomplete set. */
function report(outcome, logger) {
    for (const note of outcome.built?.notes ?? [])
        logger.warning(note);
    if (outcome.kind === 'incomplete')
        logger.info(outcome.note);
    if (outcome.kind === 'published' && outcome.merged.latest)
        logger.info(`${outcome.merged.latest.tag} ${outcome.merged.latest.move ? 'moved' : 'did not move'}: ${outcome.merged.latest.reason}`);
}
/** Without --json: the result in a few plain lines. */
function resultLines(outcome, outputs) {
    const lines = [];
    if (outcome.kind === 'published') {
        lines.push(`published ${outputs.image} (${outputs.platforms})`);
        for (const tag of outcome.merged.tags)
            lines.push(`  ${tag}`);
        for (const m of outcome.merged.mirrors)
            lines.push(`mirror ${m.reference}: ${m.error ? `failed: ${m.error}` : 'ok'}`);
        if (outcome.merged.cleaned.length > 0)
            lines.push(`removed staging tags: ${outcome.merged.cleaned.join(', ')}`);
    }
    else {
        for (const leg of outcome.built.legs)
            lines.push(leg.pushed
                ? `staged ${leg.platform}: ${outputs.registry}/${outcome.built.repository}:${leg.stagingTag}`
                : `built ${leg.platform} (not pushed)`);
        if (outputs.image)
            lines.push(`image ${outputs.image}`);
    }
    return `${lines.join('\n')}\n`;
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}
/** The process: real streams, stdin read on demand. */
async function runProcess() {
    const code = await main(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        readStdin: () => (0,external_node_fs_.readFileSync)(0, 'utf8'),
        stdinIsTTY: process.stdin.isTTY === true,
        env: process.env,
        onInterrupt: handler => {
            process.once('SIGINT', handler);
            process.once('SIGTERM', handler);
            return () => {
                process.off('SIGINT', handler);
                process.off('SIGTERM', handler);
            };
        },
        exit: code => process.exit(code)
    });
    // Pipes may be asynchronous (macOS): let both drain, then end (keep-alive sockets would hold the process).
    await new Promise(resolve => process.stdout.write('', resolve));
    await new Promise(resolve => process.stderr.write('', resolve));
    process.exit(code);
}


/***/ }),

/***/ 8118:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ openSession)
/* harmony export */ });
/* harmony import */ var _ecr_call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3144);
/* harmony import */ var _ecr_registry_host_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4130);
/* harmony import */ var _net_early_connection_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2753);
/* harmony import */ var _net_proxy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1987);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4872);
/* harmony import */ var _registry_dispatcher_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7698);






async function openSession(options) {
    const target = (0,_ecr_registry_host_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveRegistryInput */ .am)(options.registry, options.region);
    const { logger } = options;
    // One keep-alive pool (HTTP/2 where offered) for every registry request of the step;
    // behind a proxy, the transport's default (the proxied fetch, same keep-alive options) carries them.
    const fetch = (0,_net_proxy_js__WEBPACK_IMPORTED_MODULE_3__/* .hasProxy */ .jL)((0,_net_proxy_js__WEBPACK_IMPORTED_MODULE_3__/* .readProxyEnv */ .sK)()) ? undefined : (0,_registry_dispatcher_js__WEBPACK_IMPORTED_MODULE_5__/* .pooledFetch */ ._)(logger).fetch;
    if (target.kind === 'other') {
        // ECR Public without a password given: its own login, through the SDK chain.
        if ((0,_ecr_registry_host_js__WEBPACK_IMPORTED_MODULE_1__/* .isEcrPublic */ .MT)(target.host) && !options.password)
            return openEcrPublicSession(options, fetch);
        const credentials = options.username && options.password ? { username: options.username, password: options.password } : undefined;
        if (credentials)
            options.maskSecret(credentials.password);
        return { registry: target.host, credentials, client: new _registry_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryClient */ .bP({ registry: target.host, credentials, logger, fetch }), fetch };
    }
    // An ECR host decides the region; when the region input disagrees, say which one is used.
    if (target.kind === 'ecr' && target.note)
        logger.warning(target.note);
    const region = target.kind === 'ecr' ? target.region : options.region;
    if (!region) {
        throw new _ecr_call_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsNotConfiguredError */ .B1('input region: no AWS region is set: give input region, or set AWS_REGION (aws-actions/configure-aws-credentials sets it)');
    }
    // The SDK ignores HTTPS_PROXY by itself: the handler applies the same policy as the registry client.
    // Loaded only for ECR: the SDK is most of the start-up of a step that needs it (README, Performance).
    // One turn of the event loop first: an early connection to the ECR API (net/early-connection.ts)
    // whose TCP handshake finished while the step's code loaded sends its TLS hello now, and its
    // handshake goes on while the SDK loads (loading blocks the loop).
    await new Promise(resolve => setImmediate(resolve));
    const [{ ECRClient }, { getEcrLogin }, { awsRequestHandler }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249)]).then(__webpack_require__.t.bind(__webpack_require__, 8249, 19)),
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(454)]).then(__webpack_require__.bind(__webpack_require__, 7454)),
        Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(659), __webpack_require__.e(207)]).then(__webpack_require__.bind(__webpack_require__, 2207))
    ]);
    const ecr = new ECRClient({ region, requestHandler: awsRequestHandler() });
    const registryId = target.kind === 'ecr' ? target.accountId : undefined;
    const fetchToken = async () => {
        const token = await getEcrLogin(ecr, { registryIds: registryId ? [registryId] : undefined, logger });
        options.maskSecret(token.password);
        options.maskSecret(Buffer.from(`${token.username}:${token.password}`).toString('base64'));
        return token;
    };
    const first = await fetchToken();
    if ((0,_net_early_connection_js__WEBPACK_IMPORTED_MODULE_2__/* .earlyConnectionsTaken */ .iS)() > 0)
        logger.debug('ECR API: the login went over the connection opened at start-up');
    const registry = target.kind === 'ecr' ? target.host : first.registry;
    const credentials = { username: first.username, password: first.password };
    // An expired token (a 401 after sending it) gets one fresh token and one more try.
    const refreshCredentials = async () => {
        const token = await fetchToken();
        return { username: token.username, password: token.password };
    };
    logger.info(`logged in to ECR registry ${registry} (region ${region})`);
    return {
        registry,
        ecr,
        registryId,
        credentials,
        client: new _registry_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryClient */ .bP({ registry, credentials, refreshCredentials, basicUpfront: true, logger, fetch }),
        fetch
    };
}
async function openEcrPublicSession(options, fetch) {
    const { logger } = options;
    // Loaded only for ECR Public, as the ECR SDK is only for ECR.
    const { ECR_PUBLIC_HOST, ECR_PUBLIC_REGION, ecrPublicLogin } = await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(249), __webpack_require__.e(659), __webpack_require__.e(821), __webpack_require__.e(465)]).then(__webpack_require__.bind(__webpack_require__, 3465));
    const { client: ecrPublic, credentials, refreshCredentials } = await ecrPublicLogin({ maskSecret: options.maskSecret, logger });
    logger.info(`logged in to ECR Public (${ECR_PUBLIC_HOST}, API region ${ECR_PUBLIC_REGION})`);
    return {
        registry: ECR_PUBLIC_HOST,
        ecrPublic,
        credentials,
        client: new _registry_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RegistryClient */ .bP({ registry: ECR_PUBLIC_HOST, credentials, refreshCredentials, logger, fetch }),
        fetch
    };
}


/***/ }),

/***/ 5283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MO: () => (/* binding */ parseNetwork),
/* harmony export */   Mc: () => (/* binding */ parseSsh),
/* harmony export */   Mf: () => (/* binding */ parseCall),
/* harmony export */   O$: () => (/* binding */ parseAddHosts),
/* harmony export */   SP: () => (/* binding */ parseCacheSpecs),
/* harmony export */   TU: () => (/* binding */ secretFileLink),
/* harmony export */   TW: () => (/* binding */ parseUlimits),
/* harmony export */   WX: () => (/* binding */ secretFileArgs),
/* harmony export */   X6: () => (/* binding */ parseProvenance),
/* harmony export */   YN: () => (/* binding */ parseBuildContexts),
/* harmony export */   fG: () => (/* binding */ buildOptionArgs),
/* harmony export */   lj: () => (/* binding */ parseStages),
/* harmony export */   r_: () => (/* binding */ parseShmSize),
/* harmony export */   rl: () => (/* binding */ parseSbom),
/* harmony export */   v3: () => (/* binding */ buildKitOnlyInput)
/* harmony export */ });
/* unused harmony export DEFAULT_BUILD_OPTIONS */
// build-push-action's build options: their forms (validated once, by the edge, through the
// parse* functions here) and the `docker buildx build` arguments they become (arrays, never
// a shell string). Each parse* throws a plain Error saying what is accepted; the edge names the input.
const DEFAULT_BUILD_OPTIONS = {
    buildContexts: [],
    ssh: [],
    network: undefined,
    addHosts: [],
    shmSize: undefined,
    ulimits: [],
    noCache: false,
    noCacheFilters: [],
    pull: false,
    call: 'build',
    secretFiles: [],
    sbom: false,
    cacheFrom: [],
    cacheTo: []
};
/** The arguments of the options (all but the secret files, which runBuildx links first). */
function buildOptionArgs(options) {
    const args = [];
    for (const context of options.buildContexts)
        args.push('--build-context', context);
    for (const ssh of options.ssh)
        args.push('--ssh', ssh);
    if (options.network)
        args.push('--network', options.network);
    for (const host of options.addHosts)
        args.push('--add-host', host);
    if (options.shmSize)
        args.push('--shm-size', options.shmSize);
    for (const ulimit of options.ulimits)
        args.push('--ulimit', ulimit);
    if (options.noCache)
        args.push('--no-cache');
    for (const stage of options.noCacheFilters)
        args.push('--no-cache-filter', stage);
    if (options.pull)
        args.push('--pull');
    if (options.call !== 'build')
        args.push('--call', options.call);
    if (options.sbom)
        args.push(`--sbom=${options.sbom}`);
    return args;
}
/**
 * `--secret id=<id>,src=<dir>/secret-file-<i>` for each secret file: `dir` holds a symlink
 * per file (made by runBuildx), so argv carries neither the user's path nor the contents,
 * and files of any size work (an environment variable is limited to 128 KiB).
 */
function secretFileArgs(secretFiles, dir) {
    return secretFiles.flatMap((s, i) => ['--secret', `id=${s.id},src=${secretFileLink(dir, i)}`]);
}
function secretFileLink(dir, index) {
    return `${dir}/secret-file-${index}`;
}
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$/;
/** build-contexts: `name=value` per entry. */
function parseBuildContexts(entries) {
    for (const entry of entries) {
        const eq = entry.indexOf('=');
        if (eq <= 0 || !NAME.test(entry.slice(0, eq)) || entry.slice(eq + 1).trim() === '')
            throw new Error(`"${entry}" is not name=value: e.g. alpine=docker-image://alpine:3.20, src=./src or base=target:base`);
    }
    return entries;
}
/** ssh: `default`, `default=<socket or key>[,...]` or `<id>=<path>` per line. */
function parseSsh(entries) {
    for (const entry of entries) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*(=[^\s=][^=]*)?$/.test(entry))
            throw new Error(`"${entry}" is not default, default=<socket>, or <id>=<socket or key path>: e.g. default, or github=/tmp/agent.sock`);
    }
    return entries;
}
function parseNetwork(value) {
    if (value === 'default' || value === 'none' || value === 'host')
        return value;
    throw new Error(`"${value}" is not one of default, none, host (BuildKit's networking modes for RUN)`);
}
/** add-hosts: `host:ip` (or `host=ip`), an IPv4 or IPv6 address, or host-gateway. */
function parseAddHosts(entries) {
    for (const entry of entries) {
        const match = /^([A-Za-z0-9][A-Za-z0-9.\-_]*)[:=](.+)$/.exec(entry);
        const ip = match?.[2].replace(/^\[(.*)\]$/, '$1');
        if (!ip || !(ip === 'host-gateway' || /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) || /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(ip)))
            throw new Error(`"${entry}" is not host:ip: e.g. docker:10.180.0.1, or db:host-gateway`);
    }
    return entries;
}
/** shm-size: a size in bytes with an optional unit, e.g. 2g, 512m. */
function parseShmSize(value) {
    if (!/^[0-9]+(\.[0-9]+)?[bkmgBKMG]?$/.test(value))
        throw new Error(`"${value}" is not a size: a number with an optional unit b, k, m or g, e.g. 2g`);
    return value;
}
const ULIMITS = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack'
];
/** ulimit: `name=soft[:hard]` per line. */
function parseUlimits(entries) {
    for (const entry of entries) {
        const match = /^([a-z]+)=(-?[0-9]+)(?::(-?[0-9]+))?$/.exec(entry);
        if (!match || !ULIMITS.includes(match[1]))
            throw new Error(`"${entry}" is not name=soft[:hard] with a name among ${ULIMITS.join(', ')}: e.g. nofile=1024:1024`);
    }
    return entries;
}
/** no-cache-filters: Dockerfile stage names. */
function parseStages(entries) {
    for (const entry of entries) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(entry))
            throw new Error(`"${entry}" is not a build stage name: e.g. builder`);
    }
    return entries;
}
function parseCall(value) {
    const call = value.toLowerCase();
    if (call === 'build' || call === 'check' || call === 'outline' || call === 'targets')
        return call;
    throw new Error(`"${value}" is not one of build, check, outline, targets`);
}
/** sbom: true, false or generator=<scanner image>, as buildx --sbom takes it. */
function parseSbom(value) {
    const lower = value.toLowerCase();
    if (lower === 'false')
        return false;
    if (lower === 'true')
        return 'true';
    const generator = /^generator=([^\s,=]+)$/.exec(value);
    if (generator)
        return `generator=${generator[1]}`;
    throw new Error(`"${value}" is not true, false or generator=<scanner image>: e.g. generator=docker/buildkit-syft-scanner:1`);
}
/**
 * provenance: true (mode=min), false, or buildx's attributes: mode=min|max, builder-id=<url>,
 * version=v0.2|v1, comma-separated. The result is what --provenance takes (true stays true).
 */
function parseProvenance(value) {
    const lower = value.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    const accepted = 'true, false, or mode=min|max with optional builder-id=<url> and version=v0.2|v1, comma-separated, e.g. mode=max';
    const pairs = value.split(',').map(part => part.trim());
    const seen = new Set();
    for (const pair of pairs) {
        const [key, attr] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
        const valid = pair.includes('=') &&
            !seen.has(key) &&
            ((key === 'mode' && (attr === 'min' || attr === 'max')) ||
                (key === 'builder-id' && /^\S+$/.test(attr)) ||
                (key === 'version' && (attr === 'v0.2' || attr === 'v1')));
        if (!valid)
            throw new Error(`"${value}" is not ${accepted}`);
        seen.add(key);
    }
    return pairs.join(',');
}
/**
 * cache-from / cache-to: one spec per line, as buildx takes it: `type=<backend>,key=value,...`
 * or a bare image reference (a registry cache). Passed on as given.
 */
function parseCacheSpecs(entries) {
    for (const entry of entries) {
        const fields = entry.split(',');
        const bare = fields.length === 1 && !entry.includes('=');
        if (!bare && !fields.every(f => /^[a-z][a-z0-9-]*=\S*$/.test(f.trim())))
            throw new Error(`"${entry}" is not type=<backend>,key=value,... or an image reference: e.g. type=gha,scope=app or type=local,src=/tmp/cache`);
        if (!bare && !fields.some(f => f.trim().startsWith('type=')))
            throw new Error(`"${entry}" names no type: add type=registry, gha, local, s3 or inline`);
    }
    return entries.map(e => e.trim());
}
/** The first input set that only BuildKit honours (Windows legs build with the classic builder), if any. */
function buildKitOnlyInput(options) {
    const set = [
        ['build-contexts', options.buildContexts.length > 0],
        ['ssh', options.ssh.length > 0],
        ['sbom', options.sbom !== false],
        ['call', options.call !== 'build'],
        ['no-cache-filters', options.noCacheFilters.length > 0],
        ['cache-from', options.cacheFrom.length > 0],
        ['cache-to', options.cacheTo.length > 0]
    ];
    return set.find(([, isSet]) => isSet)?.[0];
}


/***/ }),

/***/ 9683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LX: () => (/* binding */ DEFAULT_BUILDKIT_IMAGE),
/* harmony export */   Z7: () => (/* binding */ chooseBuilder),
/* harmony export */   iq: () => (/* binding */ removeBuilder)
/* harmony export */ });
/* unused harmony exports inspectBuilder, usesContainerdStore, parseBuildxVersion, isLimited, createArgs */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1670);
/* harmony import */ var _diagnosis_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5901);
// The builder a leg runs on: what the chosen buildx builder can do, and, when it is the
// `docker` driver on the classic image store (a stock GitHub-hosted runner), a
// docker-container builder for this job, created as docker/setup-buildx-action does.
// Commands inherit the environment, so DOCKER_HOST and DOCKER_CONFIG apply as they are.



/** The image docker/setup-buildx-action runs BuildKit from. */
const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
/** The driver and name of a builder (the current one when `name` is undefined), and the daemon's image store. */
async function inspectBuilder(name, buildxVersion) {
    const inspected = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(['buildx', 'inspect', ...(name ? [name] : [])], { silent: true });
    if (inspected.exitCode !== 0) {
        const what = name ? `input builder: buildx builder "${name}" is not available` : 'the current buildx builder cannot be inspected';
        throw new Error(`${what}: ${(0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(inspected.stderr)} (create it with docker buildx create, or docker/setup-buildx-action)`);
    }
    const field = (key) => inspected.stdout
        .split('\n')
        .find(line => line.startsWith(`${key}:`))
        ?.slice(key.length + 1)
        .trim() ?? '';
    const info = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(['info', '--format', '{{json .DriverStatus}}'], { silent: true });
    return {
        name: field('Name') || (name ?? 'default'),
        driver: field('Driver') || 'unknown',
        containerdStore: info.exitCode === 0 && usesContainerdStore(info.stdout),
        buildxVersion: parseBuildxVersion(buildxVersion)
    };
}
/** `docker info`'s DriverStatus (JSON pairs) names the containerd snapshotter when the store is containerd. */
function usesContainerdStore(driverStatusJson) {
    try {
        const pairs = JSON.parse(driverStatusJson.trim());
        return Array.isArray(pairs) && pairs.some(p => Array.isArray(p) && p[0] === 'driver-type' && p[1] === 'io.containerd.snapshotter.v1');
    }
    catch {
        return false;
    }
}
/** `github.com/docker/buildx v0.17.1 257815a` -> `0.17.1`. */
function parseBuildxVersion(line) {
    return /\bv?(\d+\.\d+\.\d+\S*)/.exec(line)?.[1] ?? 'unknown';
}
/** The docker driver exports neither registry cache nor attestations unless images live in containerd. */
function isLimited(info) {
    return info.driver === 'docker' && !info.containerdStore;
}
/** `docker buildx create` for this job: BuildKit in a container, host networking, the host's QEMU. */
function createArgs(name, image) {
    return [
        'buildx',
        'create',
        '--name',
        name,
        '--driver',
        'docker-container',
        '--driver-opt',
        `image=${image}`,
        // Registries on the runner's own network (and its /etc/hosts) are reached as from the host.
        '--driver-opt',
        'network=host',
        '--bootstrap'
    ];
}
const LIMITED = 'the docker driver on the classic image store cannot export registry cache or attestations';
async function chooseBuilder(options) {
    const info = await inspectBuilder(options.named, options.buildxVersion);
    const about = `${info.name} (${info.driver} driver, buildx ${info.buildxVersion})`;
    const limited = isLimited(info);
    if (options.named) {
        if (!limited)
            return { kind: 'named', name: options.named, full: true, description: `${about}: named by the builder input` };
        return fallback('named', options.named, `${about}: named by the builder input; ${LIMITED}`, 'the builder input names it');
    }
    if (!limited) {
        const why = info.driver === 'docker' ? 'the current builder; the daemon uses the containerd image store' : 'the current builder';
        return { kind: 'current', full: true, description: `${about}: ${why}` };
    }
    if (options.create === 'false')
        return fallback('current', undefined, `${about}: create-builder is false; ${LIMITED}`, 'create-builder is false');
    const name = options.newName?.() ?? `ecr-publish-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
    options.logger.info(`${LIMITED}: creating the docker-container builder ${name} from ${options.buildkitImage}`);
    const created = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(createArgs(name, options.buildkitImage), { silent: true });
    if (created.exitCode === 0) {
        options.onCreated?.(name);
        return {
            kind: 'created',
            name,
            created: name,
            full: true,
            description: `${name} (docker-container driver, ${options.buildkitImage}): created for this job, as ${LIMITED}`
        };
    }
    // A failed bootstrap leaves the builder's entry behind: remove it now, or let the post step try.
    const reason = (0,_diagnosis_js__WEBPACK_IMPORTED_MODULE_2__/* .errorLines */ .S6)(created.stderr + '\n' + created.stdout).join('; ') || (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(created.stderr) || `exit ${created.exitCode}`;
    const removed = await removeBuilder(name);
    if (!removed.ok)
        options.onCreated?.(name);
    return fallback('fallback', undefined, `${about}: the docker-container builder could not be created (see the warning)`, `the docker-container builder could not be created from ${options.buildkitImage}: ${reason}`);
}
function fallback(kind, name, description, why) {
    return {
        kind,
        name,
        full: false,
        description: `${description}; built with inline cache and without attestations`,
        warning: `Building with the docker driver on the classic image store (${why}). Lost: the registry cache export (inline cache in the image instead; ` +
            'the registry cache is still read) and provenance attestations. To get them back: add docker/setup-buildx-action before this step, ' +
            'or enable the containerd image store in the daemon, or set buildkit-image to a BuildKit image the runner can pull (e.g. a mirror in ECR).'
    };
}
/** `docker buildx rm`: removes the builder, its container and its state volume. */
async function removeBuilder(name) {
    const removed = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(['buildx', 'rm', name], { silent: true });
    return { ok: removed.exitCode === 0, detail: removed.exitCode === 0 ? '' : (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .lastLine */ .fM)(removed.stderr) || `exit ${removed.exitCode}` };
}


/***/ }),

/***/ 1670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HX: () => (/* binding */ setCommandOutput),
/* harmony export */   J0: () => (/* binding */ retryDocker),
/* harmony export */   T3: () => (/* binding */ docker),
/* harmony export */   YJ: () => (/* binding */ DockerCommandError),
/* harmony export */   dN: () => (/* binding */ checkDocker),
/* harmony export */   eF: () => (/* binding */ run),
/* harmony export */   fM: () => (/* binding */ lastLine)
/* harmony export */ });
/* unused harmony export DockerMissingError */
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var _util_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4266);
// Runs the docker CLI with an argument array (never a shell string: values from
// git refs or inputs can never become shell syntax or extra flags).


async function docker(args, options = {}) {
    return run('docker', args, options);
}
let commandOutput = { stdout: process.stdout, stderr: process.stderr };
function setCommandOutput(output) {
    commandOutput = output;
}
/**
 * Any command, the same way, through @actions/exec: an argument array, stdin for secrets, never
 * a shell. Not silent: the command line (`[command]docker ...`, never a secret: those travel in
 * stdin and env) and the output are echoed as they come; the whole output is returned either way.
 */
async function run(command, args, options = {}) {
    const env = options.env ? { ...process.env, ...options.env } : undefined;
    // @actions/exec only calls write() on its streams.
    const { stdout, stderr } = commandOutput;
    try {
        return await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H)(command, args, {
            ignoreReturnCode: true,
            silent: (options.silent ?? false) || options.onLine !== undefined,
            listeners: options.onLine ? { stdline: options.onLine, errline: options.onLine } : undefined,
            input: options.input !== undefined ? Buffer.from(options.input) : undefined,
            outStream: stdout,
            errStream: stderr,
            env
        });
    }
    catch (error) {
        if (error.code === 'ENOENT' || /Unable to locate executable/.test(String(error))) {
            if (command === 'docker')
                throw new DockerMissingError();
            return { exitCode: 127, stdout: '', stderr: `${command}: not found` };
        }
        throw error;
    }
}
class DockerMissingError extends Error {
    constructor() {
        super('docker is not installed or not on PATH: build legs need Docker with buildx (GitHub-hosted Linux runners have both; elsewhere install Docker Engine and the docker-buildx plugin, or use docker/setup-buildx-action)');
        this.name = 'DockerMissingError';
    }
}
/** Fails with an actionable message when the engine or buildx is missing. */
async function checkDocker() {
    const server = await docker(['version', '--format', '{{.Server.Version}}'], { silent: true });
    if (server.exitCode !== 0) {
        throw new Error(`the Docker engine is not reachable (docker version: ${lastLine(server.stderr)}): start Docker, or check DOCKER_HOST`);
    }
    const buildx = await docker(['buildx', 'version'], { silent: true });
    if (buildx.exitCode !== 0) {
        throw new Error('docker buildx is not installed: add docker/setup-buildx-action before this step, or install the docker-buildx plugin');
    }
    return { server: server.stdout.trim(), buildx: buildx.stdout.trim() };
}
/**
 * A docker error worth another try: the registry or the network had a transient
 * problem (5xx, 429, a reset or a timeout), not the build or the credentials.
 */
function isTransientDockerError(detail) {
    return /\b(500|502|503|504|429)\b|Too Many Requests|Service Unavailable|Bad Gateway|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|unexpected EOF|EOF$|temporary failure|no such host/i.test(detail);
}
/** A docker command that exited non-zero. */
class DockerCommandError extends Error {
    command;
    detail;
    constructor(
    /** The command as a user would type it, without secrets, e.g. `docker push r/a:b`. */
    command, 
    /** The command's own last line of output: what went wrong. */
    detail, 
    /** Named in the message when given. */
    exitCode) {
        super(`${command} failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}: ${detail}`);
        this.command = command;
        this.detail = detail;
        this.name = 'DockerCommandError';
    }
    /** Worth running again: the registry or the network failed transiently, not the command itself. */
    get transient() {
        return isTransientDockerError(this.detail);
    }
}
/** Runs `fn` (docker commands that throw DockerCommandError) again while its failure is transient. */
function retryDocker(operation, fn, options = {}) {
    return (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(fn, error => (error instanceof DockerCommandError && error.transient ? { retry: true, reason: error.detail } : { retry: false }), { ...options, operation });
}
function lastLine(text) {
    const lines = text.trim().split('\n');
    return lines[lines.length - 1] ?? '';
}


/***/ }),

/***/ 5901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S6: () => (/* binding */ errorLines),
/* harmony export */   h4: () => (/* binding */ diagnose)
/* harmony export */ });
/* unused harmony exports ECR_PUSH_ACTIONS, hintFor */
// What a failed buildx run says, and for the failures users hit most, one line of cause
// and fix. buildx's last line is often only "Learn more at ...": its ERROR: lines say what failed.
/** The ERROR: lines of buildx output (step ERROR lines included, `#n ` stripped), each once. */
function errorLines(output) {
    const found = [];
    for (const raw of output.split('\n')) {
        const line = raw.trim().replace(/^#\d+\s+(?:\d+\.\d+\s+)?/, '');
        if (!line.startsWith('ERROR:'))
            continue;
        const text = line.slice('ERROR:'.length).trim();
        if (text !== '' && !found.includes(text))
            found.push(text);
    }
    return found;
}
/** The IAM actions a role needs to push to ECR. */
const ECR_PUSH_ACTIONS = [
    'ecr:BatchCheckLayerAvailability',
    'ecr:InitiateLayerUpload',
    'ecr:UploadLayerPart',
    'ecr:CompleteLayerUpload',
    'ecr:PutImage'
];
const SWITCH_BUILDER = 'add docker/setup-buildx-action before this step (a docker-container builder), or enable the containerd image store, or leave create-builder at auto';
const RULES = [
    {
        test: /(Cache export|Attestation) is not supported for the docker driver|cache export feature is currently not supported for docker driver|attestations? (?:are|is) not supported/i,
        hint: () => `Cause: the builder uses the docker driver on the classic image store, which cannot export registry cache or attestations. Fix: ${SWITCH_BUILDER}.`
    },
    {
        test: /Multi-platform build is not supported for the docker driver|multiple platforms feature is currently not supported/i,
        hint: () => `Cause: the builder cannot build several platforms at once (docker driver, classic image store). Fix: ${SWITCH_BUILDER}.`
    },
    {
        test: /no space left on device/i,
        hint: () => 'Cause: the runner ran out of disk. Fix: free space before this step (docker system prune -af, remove unused toolchains), use a larger runner, or make the image smaller.'
    },
    {
        test: /no match for platform in manifest/i,
        hint: () => 'Cause: a base image (FROM) has no image for this platform. Fix: use a base image published for it, or leave the platform out.'
    },
    {
        test: /exec format error/i,
        hint: () => 'Cause: a RUN step ran a binary of another architecture and no emulator is registered for it. Fix: add docker/setup-qemu-action before this step, or build this platform on a native runner.'
    },
    {
        // Denied on push (not on pulling a base image): the role lacks ECR's push permissions.
        test: /(?:push|upload|PutImage|ecr:)[^\n]*\b(?:denied|unauthorized|401 Unauthorized|403 Forbidden|not authorized)\b|\b(?:denied|not authorized)\b[^\n]*\becr:/i,
        hint: output => {
            const named = [...new Set([...output.matchAll(/\becr:([A-Z][A-Za-z]+)/g)].map(m => `ecr:${m[1]}`))];
            const lacking = named.length > 0 ? named.join(', ') : ECR_PUSH_ACTIONS.join(', ');
            return `Cause: the registry refused the push. Fix: allow ${lacking} on the repository to the role this job assumes (pushing needs ${ECR_PUSH_ACTIONS.join(', ')}), and check the repository policy.`;
        }
    }
];
/** One line of cause and fix for a failure users hit often, or undefined. */
function hintFor(output) {
    return RULES.find(rule => rule.test.test(output))?.hint(output);
}
/** What to report for a failed buildx run: its ERROR: lines (else its last line), and a hint when one applies. */
function diagnose(output) {
    const errors = errorLines(output);
    const lines = output.trim().split('\n');
    const detail = errors.length > 0 ? errors.join('; ') : (lines[lines.length - 1] ?? '').trim();
    return { detail, hint: hintFor(output) };
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ dockerLogin),
/* harmony export */   t: () => (/* binding */ dockerLogout)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1670);
// docker login/logout for the build legs. The password goes through stdin only.




async function dockerLogin(registry, credentials, logger) {
    await (0,_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .retryDocker */ .J0)(`docker login ${registry}`, async () => {
        const result = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T3)(['login', '--username', credentials.username, '--password-stdin', registry], {
            input: credentials.password,
            silent: true
        });
        if (result.exitCode !== 0)
            throw new _cli_js__WEBPACK_IMPORTED_MODULE_3__/* .DockerCommandError */ .YJ(`docker login ${registry}`, (0,_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLine */ .fM)(result.stderr));
        restrictConfig();
    }, { logger });
}
/**
 * docker creates config.json 0600, but keeps the mode of one that exists: a world-readable
 * file would now hold the registry password. (With a credential helper there may be none.)
 */
function restrictConfig() {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.chmodSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(process.env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.docker'), 'config.json'), 0o600);
    }
    catch {
        // No file: the credentials went to a helper.
    }
}
async function dockerLogout(registry) {
    const result = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .docker */ .T3)(['logout', registry], { silent: true });
    if (result.exitCode !== 0)
        throw new _cli_js__WEBPACK_IMPORTED_MODULE_3__/* .DockerCommandError */ .YJ(`docker logout ${registry}`, (0,_cli_js__WEBPACK_IMPORTED_MODULE_3__/* .lastLine */ .fM)(result.stderr));
}


/***/ }),

/***/ 3144:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B1: () => (/* binding */ AwsNotConfiguredError),
/* harmony export */   IY: () => (/* binding */ callAws)
/* harmony export */ });
/* unused harmony exports MISSING_CREDENTIALS_MESSAGE, isMissingCredentials, classifyAwsError */
/* harmony import */ var _util_logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6618);
/* harmony import */ var _util_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4266);
// The policy of every ECR API call: which errors are retried (throttling, server faults,
// transient network errors), and missing credentials turned into an actionable error.


/** No AWS credentials (or region) on this runner: a pull request from a fork, or a missing set-up step. */
class AwsNotConfiguredError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'AwsNotConfiguredError';
    }
}
const MISSING_CREDENTIALS_MESSAGE = 'no AWS credentials found: use aws-actions/configure-aws-credentials (OIDC) before this step, ' +
    'or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY';
const THROTTLING = new Set([
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'TooManyRequests',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown'
]);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
function shape(err) {
    return typeof err === 'object' && err !== null ? err : {};
}
function isMissingCredentials(err) {
    const e = shape(err);
    return e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message ?? '');
}
/** Retries throttling, server faults and transient network errors; nothing else. */
function classifyAwsError(err) {
    if (isMissingCredentials(err))
        return { retry: false };
    const e = shape(err);
    const name = e.name ?? '';
    const status = e.$metadata?.httpStatusCode;
    if (THROTTLING.has(name) || status === 429)
        return { retry: true, reason: `throttled (${name || 'HTTP 429'})` };
    if ((status !== undefined && status >= 500) || e.$fault === 'server') {
        return { retry: true, reason: `server error (${name || `HTTP ${status}`})` };
    }
    if (TIMEOUTS.has(name))
        return { retry: true, reason: `timeout (${name})` };
    if ((0,_util_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransientNetworkError */ .l)(err))
        return { retry: true, reason: `network error (${name || e.message})` };
    return { retry: false };
}
/** Runs one ECR API call under the shared retry policy, turning missing credentials into an actionable error. */
async function callAws(operation, fn, opts = {}) {
    try {
        return await (0,_util_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(() => fn(), classifyAwsError, { operation, logger: opts.logger ?? _util_logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q, ...opts.retry });
    }
    catch (err) {
        if (isMissingCredentials(err))
            throw new AwsNotConfiguredError(MISSING_CREDENTIALS_MESSAGE, { cause: err });
        throw withStatus(err);
    }
}
/**
 * An answer the SDK cannot parse (a 5xx from a load balancer, a cut body) leaves an error
 * that says only `UnknownError`: the HTTP status is what the user can act on, so it is added.
 */
function withStatus(err) {
    const status = shape(err).$metadata?.httpStatusCode;
    if (!(err instanceof Error) || status === undefined)
        return err;
    // A typed ECR error (AccessDeniedException: ...) already says what went wrong.
    // (The retry loop may have prefixed `<operation> failed after N attempts: `.)
    const bare = ['UnknownError', err.name, ''].some(detail => err.message === detail || err.message.endsWith(`: ${detail}`));
    if (!bare)
        return err;
    err.message = `${err.message || err.name} (HTTP ${status})`;
    return err;
}


/***/ }),

/***/ 6071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ju: () => (/* binding */ pullRequestHead),
/* harmony export */   Vc: () => (/* binding */ gitContextFromEnv),
/* harmony export */   Vd: () => (/* binding */ gitAnnotations)
/* harmony export */ });
/** Index annotations from the git context (OCI pre-defined keys). */
function gitAnnotations(git) {
    const annotations = { 'org.opencontainers.image.revision': git.sha };
    if (git.sourceUrl)
        annotations['org.opencontainers.image.source'] = git.sourceUrl;
    if (git.commitTime)
        annotations['org.opencontainers.image.created'] = git.commitTime;
    return annotations;
}
/**
 * A pull request's head commit: the one the author pushed and reviewers saw. GITHUB_SHA
 * names a merge commit that exists only for this run (metadata-action#206), so sha- tags
 * and the revision label name the head instead, in the legs and in the merge's check alike.
 */
function pullRequestHead(eventName, event) {
    const sha = event.pull_request?.head?.sha;
    return eventName?.startsWith('pull_request') && typeof sha === 'string' && sha !== '' ? sha : undefined;
}
/** Reads the context from the variables every GitHub runner sets (and the event payload). */
function gitContextFromEnv(env, event = {}) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const prNumber = event.pull_request?.number ?? event.number;
    const commitTime = event.head_commit?.timestamp ?? undefined;
    const ref = env.GITHUB_REF ?? '';
    const branch = env.GITHUB_HEAD_REF || (ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined);
    const defaultBranch = event.repository?.default_branch;
    return {
        sha: pullRequestHead(env.GITHUB_EVENT_NAME, event) ?? env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        prNumber: typeof prNumber === 'number' ? prNumber : undefined,
        sourceUrl: env.GITHUB_REPOSITORY ? `${server}/${env.GITHUB_REPOSITORY}` : undefined,
        commitTime: commitTime ? new Date(commitTime).toISOString() : undefined,
        // Only when known, so that a context without them reads as before.
        ...(branch ? { branch } : {}),
        ...(typeof defaultBranch === 'string' && defaultBranch ? { defaultBranch } : {})
    };
}


/***/ }),

/***/ 8454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fn: () => (/* binding */ standardLabels),
/* harmony export */   J0: () => (/* binding */ imageLabels),
/* harmony export */   MR: () => (/* binding */ formatAnnotations),
/* harmony export */   h6: () => (/* binding */ formatLabels),
/* harmony export */   nM: () => (/* binding */ indexAnnotations),
/* harmony export */   s6: () => (/* binding */ OCI)
/* harmony export */ });
/* unused harmony export withStandard */
/* harmony import */ var _git_context_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6071);
// The standard OCI labels (on images) and annotations (on the index), as metadata-action
// sets them, and its output formats: one `key=value` per line, sorted by key.

const OCI = {
    title: 'org.opencontainers.image.title',
    description: 'org.opencontainers.image.description',
    url: 'org.opencontainers.image.url',
    source: 'org.opencontainers.image.source',
    version: 'org.opencontainers.image.version',
    created: 'org.opencontainers.image.created',
    revision: 'org.opencontainers.image.revision',
    licenses: 'org.opencontainers.image.licenses'
};
/**
 * title, description, url, source, version, created, revision, licenses. Unknown facts are
 * left out rather than set empty. `created` is the commit time, so that re-runs build the same
 * bytes; without one there is no `created`.
 */
function standardLabels(ctx, version) {
    const r = ctx.repository;
    const entries = [
        [OCI.title, r.name],
        [OCI.description, r.description],
        [OCI.url, r.htmlUrl],
        [OCI.source, r.htmlUrl],
        [OCI.version, version],
        [OCI.created, ctx.commitDate?.toISOString()],
        [OCI.revision, ctx.sha || undefined],
        [OCI.licenses, r.license]
    ];
    return Object.fromEntries(entries.filter((e) => e[1] !== undefined && e[1] !== ''));
}
/** The user's entries win over the standard ones. */
function withStandard(standard, user) {
    return { ...standard, ...user };
}
/** metadata-action's `labels` output: `key=value` lines sorted by key. */
function formatLabels(labels) {
    return Object.keys(labels)
        .sort()
        .map(key => `${key}=${labels[key]}`)
        .join('\n');
}
/** metadata-action's `annotations` output, at the index level: `index:key=value` lines sorted by key. */
function formatAnnotations(annotations) {
    return Object.keys(annotations)
        .sort()
        .map(key => `index:${key}=${annotations[key]}`)
        .join('\n');
}
/**
 * The user's labels, plus the commit (the merge checks it) and, when known, the source
 * repository and the other standard labels (as docker/metadata-action sets them); user labels win over those.
 */
function imageLabels(labels, git, standard = {}) {
    const source = git.sourceUrl ? { 'org.opencontainers.image.source': git.sourceUrl } : {};
    return { ...source, ...standard, ...labels, 'org.opencontainers.image.revision': git.sha };
}
/** The index's annotations: from git, the standard OCI ones, then the user's (which win). */
function indexAnnotations(config) {
    return { ...(0,_git_context_js__WEBPACK_IMPORTED_MODULE_0__/* .gitAnnotations */ .Vd)(config.git), ...config.standard, ...config.annotations };
}


/***/ }),

/***/ 821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mq: () => (/* binding */ parseLooseVersion),
/* harmony export */   kf: () => (/* binding */ parseSemver),
/* harmony export */   mU: () => (/* binding */ compareSemver)
/* harmony export */ });
// Semantic versions (semver.org 2.0.0): our own small parser and precedence, enough for
// tag patterns and for deciding whether `latest` may move. A leading `v` is accepted.
const NUMBER = '(0|[1-9][0-9]*)';
const PRE_ID = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
const BUILD_ID = '[0-9A-Za-z-]+';
const STRICT = new RegExp(`^v?${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`);
/** A valid semver (leading `v` allowed, surrounding space ignored), or undefined. */
function parseSemver(input) {
    const raw = input.trim();
    const m = STRICT.exec(raw);
    if (m === null)
        return undefined;
    const [major, minor, patch] = [m[1], m[2], m[3]].map(Number);
    if (![major, minor, patch].every(Number.isSafeInteger))
        return undefined;
    const prerelease = m[4] === undefined ? [] : m[4].split('.');
    const build = m[5] === undefined ? [] : m[5].split('.');
    const version = `${major}.${minor}.${patch}${prerelease.length ? `-${prerelease.join('.')}` : ''}`;
    return { raw, major, minor, patch, prerelease, build, version };
}
/**
 * A version as a release tag or an index's version annotation may hold it: a full semver,
 * or the `1`, `1.2` of major/minor tags (the missing parts count as 0).
 */
function parseLooseVersion(input) {
    const full = parseSemver(input);
    if (full)
        return full;
    const m = /^v?(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*))?$/.exec(input.trim());
    if (m === null)
        return undefined;
    return parseSemver(`${m[1]}.${m[2] ?? '0'}.0`);
}
/** Semver precedence: negative when a < b, 0 when equal (build metadata ignored), positive when a > b. */
function compareSemver(a, b) {
    for (const key of ['major', 'minor', 'patch']) {
        if (a[key] !== b[key])
            return a[key] < b[key] ? -1 : 1;
    }
    // A release ranks above any of its pre-releases.
    if (a.prerelease.length === 0 || b.prerelease.length === 0)
        return Math.sign(b.prerelease.length - a.prerelease.length);
    const n = Math.max(a.prerelease.length, b.prerelease.length);
    for (let i = 0; i < n; i++) {
        const x = a.prerelease[i];
        const y = b.prerelease[i];
        if (x === undefined)
            return -1;
        if (y === undefined)
            return 1;
        const c = compareIdentifier(x, y);
        if (c !== 0)
            return c;
    }
    return 0;
}
function compareIdentifier(x, y) {
    const xNum = /^[0-9]+$/.test(x);
    const yNum = /^[0-9]+$/.test(y);
    if (xNum && yNum)
        return Math.sign(Number(x) - Number(y));
    // Numeric identifiers rank below alphanumeric ones.
    if (xNum !== yNum)
        return xNum ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
}


/***/ }),

/***/ 8825:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   Ei: () => (/* binding */ bareContentType),
/* harmony export */   GW: () => (/* binding */ MAX_CONFIG_BYTES),
/* harmony export */   JC: () => (/* binding */ verifiableAlgorithm),
/* harmony export */   WF: () => (/* binding */ digester),
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   bk: () => (/* binding */ isPinnedDigest),
/* harmony export */   ol: () => (/* binding */ digestOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// Digests, content types and the size limits of what registries serve: one definition
// each, imported by the OCI model, the registry client and the commands.

/** Registries (ECR and distribution alike) reject manifests larger than this; so do we, before reading more. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** Config blobs are small JSON; anything bigger is not a config. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
// image-spec's descriptor grammar: algorithm ":" encoded.
const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
// What an image reference may pin, as distribution accepts it: the full lowercase hex.
const PINNED_DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const ALGORITHMS = new Set(['sha256', 'sha384', 'sha512']);
/** A well-formed digest (algorithm:encoded), whatever the algorithm. */
function isDigest(s) {
    return DIGEST_RE.test(s);
}
/** A digest an image reference can pin: sha256:<64 lowercase hex> or sha512:<128 lowercase hex>. */
function isPinnedDigest(s) {
    return PINNED_DIGEST_RE.test(s);
}
/** The algorithm of a digest when we can compute it, else undefined. */
function verifiableAlgorithm(digest) {
    const algorithm = digest.slice(0, Math.max(0, digest.indexOf(':')));
    return ALGORITHMS.has(algorithm) ? algorithm : undefined;
}
function digestOf(bytes, algorithm = 'sha256') {
    return `${algorithm}:${digester(algorithm).update(bytes).digest('hex')}`;
}
/** An incremental hash, for content read as a stream (a blob copy verifies as it reads). */
function digester(algorithm = 'sha256') {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm);
}
/** A Content-Type header without its parameters, lowercased; undefined when absent or empty. */
function bareContentType(header) {
    const bare = header?.split(';')[0].trim().toLowerCase();
    return bare === '' ? undefined : bare;
}


/***/ }),

/***/ 6915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ validatePlatformTags),
/* harmony export */   o: () => (/* binding */ platformTag)
/* harmony export */ });
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2148);
// Per-platform tags: a release tag plus the platform, pointing at that platform's image
// manifest itself (Lambda, lifecycle rules and debugging take a plain image, not an index).


/**
 * `<tag>-<arch>[-<variant>]` for Linux (1.2.3-arm64, 1.2.3-arm-v7),
 * `<tag>-<os>-<arch>[-<build>]` for others (1.2.3-windows-amd64-20348).
 */
function platformTag(tag, platform) {
    const slug = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(platform);
    return `${tag}-${platform.os === 'linux' ? slug.slice('linux-'.length) : slug}`;
}
/** Throws (naming the tag and the platform) unless every tag/platform pair makes a valid tag, i.e. at most 128 characters. */
function validatePlatformTags(tags, platforms) {
    for (const tag of tags) {
        for (const platform of platforms) {
            const name = platformTag(tag, platform);
            try {
                (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .validateTag */ .z7)(name);
            }
            catch (error) {
                throw new Error(`the platform tag of "${tag}" for ${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(platform)} is invalid: ${error.message}`, {
                    cause: error
                });
            }
        }
    }
}


/***/ }),

/***/ 1890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   CW: () => (/* binding */ platformsMatch),
/* harmony export */   DN: () => (/* binding */ platformSlug),
/* harmony export */   FL: () => (/* binding */ parsePlatform),
/* harmony export */   GQ: () => (/* binding */ runnerPlatform),
/* harmony export */   M3: () => (/* binding */ platformFromConfig),
/* harmony export */   Ng: () => (/* binding */ platformKey),
/* harmony export */   VX: () => (/* binding */ parsePlatformList),
/* harmony export */   jo: () => (/* binding */ sortPlatforms)
/* harmony export */ });
/* unused harmony exports InvalidPlatformError, windowsBuild */
class InvalidPlatformError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidPlatformError';
    }
}
const PLATFORM_FORM = 'expected os/arch[/variant], e.g. linux/amd64, linux/arm64, linux/arm/v7';
const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd'];
const KNOWN_ARCH = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'loong64'];
// Variants each architecture accepts once normalised ('' = none).
const KNOWN_VARIANTS = new Map([
    ['amd64', /^(?:v[234])?$/],
    ['arm64', /^(?:v8\.[1-9]|v9(?:\.[0-9])?)?$/],
    ['arm', /^v[5-8]$/]
]);
const ARCH_ALIASES = new Map([
    ['x86_64', 'amd64'],
    ['x86-64', 'amd64'],
    ['aarch64', 'arm64'],
    ['i386', '386'],
    ['i686', '386']
]);
/** containerd's arch/variant normalisation; does not check that the result is known. */
function normaliseArchVariant(arch, variant) {
    const a = arch.trim().toLowerCase();
    const v = variant.trim().toLowerCase();
    if (a === 'armhf')
        return { architecture: 'arm', variant: 'v7' };
    if (a === 'armel')
        return { architecture: 'arm', variant: 'v6' };
    const architecture = ARCH_ALIASES.get(a) ?? a;
    if (architecture === 'arm64')
        return { architecture, variant: ['8', 'v8', 'v8.0'].includes(v) ? '' : v };
    if (architecture === 'amd64')
        return { architecture, variant: v === 'v1' ? '' : v };
    if (architecture === 'arm') {
        if (v === '')
            return { architecture, variant: 'v7' };
        return { architecture, variant: /^[5-8]$/.test(v) ? `v${v}` : v };
    }
    if (architecture === '386')
        return { architecture, variant: '' };
    return { architecture, variant: v };
}
function build(os, architecture, variant) {
    return variant === '' ? { os, architecture } : { os, architecture, variant };
}
function parsePlatform(s) {
    const fail = (problem) => {
        throw new InvalidPlatformError(`invalid platform "${s}": ${problem}; ${PLATFORM_FORM}`);
    };
    const parts = s
        .trim()
        .toLowerCase()
        .split('/')
        .map(p => p.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some(p => p === ''))
        fail('it is not os/arch[/variant]');
    const [os, arch, rawVariant = ''] = parts;
    if (!KNOWN_OS.includes(os))
        fail(`unknown os "${os}" (known: ${KNOWN_OS.join(', ')})`);
    const { architecture, variant } = normaliseArchVariant(arch, rawVariant);
    if (!KNOWN_ARCH.includes(architecture))
        fail(`unknown architecture "${arch}" (known: ${KNOWN_ARCH.join(', ')})`);
    const allowed = KNOWN_VARIANTS.get(architecture) ?? /^$/;
    if (!allowed.test(variant))
        fail(`unknown variant "${rawVariant}" for architecture ${architecture}`);
    return build(os, architecture, variant);
}
/** Platforms from a comma- or newline-separated list; blank entries are ignored. */
function parsePlatformList(s) {
    const seen = new Map();
    const platforms = [];
    for (const entry of s
        .split(/[,\r\n]/)
        .map(e => e.trim())
        .filter(e => e !== '')) {
        const platform = parsePlatform(entry);
        const key = platformKey(platform);
        const earlier = seen.get(key);
        if (earlier !== undefined) {
            const why = earlier === entry ? `"${entry}" is listed twice` : `"${earlier}" and "${entry}" are the same platform`;
            throw new InvalidPlatformError(`duplicate platform "${key}" in platforms (${why})`);
        }
        seen.set(key, entry);
        platforms.push(platform);
    }
    return platforms;
}
function formatPlatform(p) {
    return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
/** A map key: os/arch[/variant], plus os.version for Windows (2022 and 2025 are different platforms). */
function platformKey(p) {
    return p['os.version'] ? `${formatPlatform(p)}:${p['os.version']}` : formatPlatform(p);
}
function normalised(p) {
    const { architecture, variant } = normaliseArchVariant(p.architecture, p.variant ?? '');
    return build(p.os.trim().toLowerCase(), architecture, variant);
}
/** Whether `got` (a descriptor's platform or an image config) is the platform `want` asks for. */
function platformsMatch(want, got) {
    if (platformKey(normalised(want)) !== platformKey(normalised(got)))
        return false;
    return want['os.version'] === undefined || osVersionMatches(want['os.version'], got['os.version']);
}
/** 10.0.20348 matches 10.0.20348.2700: the wanted version may name fewer components. */
function osVersionMatches(want, got) {
    if (got === undefined)
        return false;
    const w = want.split('.');
    const g = got.split('.');
    return w.length <= g.length && w.every((part, i) => part === g[i]);
}
/** The Windows build number of an os.version: 10.0.20348.2700 -> 20348. */
function windowsBuild(osVersion) {
    return /^\d+\.\d+\.(\d+)/.exec(osVersion)?.[1];
}
/** The platform an image config describes, carrying Windows' os.version and os.features. */
function platformFromConfig(config) {
    const platform = normalised(config);
    if (config['os.version'])
        platform['os.version'] = config['os.version'];
    if (config['os.features'] && config['os.features'].length > 0)
        platform['os.features'] = [...config['os.features']];
    return platform;
}
/** os-arch[-variant], for tag names: linux-arm64, linux-arm-v7. */
function platformSlug(p) {
    const slug = formatPlatform(p).replaceAll('/', '-');
    const build = p.os === 'windows' && p['os.version'] ? windowsBuild(p['os.version']) : undefined;
    return build ? `${slug}-${build}` : slug;
}
/** linux/amd64 first (registries and clients that look at the first entry), then by name. */
function sortPlatforms(ps) {
    const rank = (p) => {
        const key = formatPlatform(p);
        return `${key === 'linux/amd64' ? '0' : '1'}${key}\u0000${p['os.version'] ?? ''}`;
    };
    return [...ps].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}
const NODE_ARCH = new Map([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['arm', 'arm'],
    ['ia32', '386'],
    ['ppc64', 'ppc64le'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64'],
    ['loong64', 'loong64']
]);
// Docker on macOS runs a Linux VM, so a mac runner builds linux images.
const NODE_OS = new Map([
    ['linux', 'linux'],
    ['win32', 'windows'],
    ['darwin', 'linux']
]);
/** The platform a runner builds natively, from Node's process.arch and process.platform. */
function runnerPlatform(nodeArch, nodePlatform) {
    const arch = NODE_ARCH.get(nodeArch);
    const os = NODE_OS.get(nodePlatform);
    if (arch === undefined || os === undefined) {
        throw new InvalidPlatformError(`this runner (${nodePlatform}/${nodeArch}) has no supported container platform; use a Linux or Windows runner on x64 or arm64`);
    }
    return build(os, arch, arch === 'arm' ? 'v7' : '');
}


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   IB: () => (/* binding */ validateRepositoryName),
/* harmony export */   og: () => (/* binding */ isRepositoryPath),
/* harmony export */   r_: () => (/* binding */ isValidTag),
/* harmony export */   s_: () => (/* binding */ TAG_MAX),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony export InvalidReferenceError */
/* harmony import */ var _digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8825);
// Image references (host[:port]/repository[:tag][@digest]), repository names and tags,
// validated the way distribution and Amazon ECR validate them.

class InvalidReferenceError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InvalidReferenceError';
    }
}
const REFERENCE_FORM = 'expected host[:port]/repository[:tag][@digest], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0';
const REPOSITORY_MAX = 256;
/** The longest tag distribution and ECR accept. */
const TAG_MAX = 128;
const DOMAIN_LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const REGISTRY_RE = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const ECR_COMPONENT_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG_RE = new RegExp(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,${TAG_MAX - 1}}$`);
function isValidTag(tag) {
    return TAG_RE.test(tag);
}
function validateTag(tag) {
    const problem = tagProblem(tag);
    if (problem !== undefined) {
        throw new InvalidReferenceError(`tag "${tag}" is not valid: ${problem}; a tag is 1 to 128 of A-Z a-z 0-9 _ . - and must not start with . or -`);
    }
}
function tagProblem(tag) {
    if (tag === '')
        return 'it is empty';
    if (tag.length > TAG_MAX)
        return `it is ${tag.length} characters long`;
    if (tag.startsWith('.') || tag.startsWith('-'))
        return `it starts with "${tag[0]}"`;
    const bad = [...tag].find(c => !/[A-Za-z0-9_.-]/.test(c));
    if (bad !== undefined)
        return `it contains "${bad}"`;
    return undefined;
}
/** Throws unless `name` is a repository name ECR accepts (CreateRepository's pattern). */
function validateRepositoryName(name) {
    const problem = ecrRepositoryProblem(name);
    if (problem !== undefined) {
        throw new InvalidReferenceError(`repository "${name}" is not a valid ECR repository name: ${problem}; use lowercase letters, digits and . _ - separated by /, e.g. team/app`);
    }
}
function ecrRepositoryProblem(name) {
    if (name.length < 2)
        return 'it must be at least 2 characters long';
    if (name.length > REPOSITORY_MAX)
        return `it is ${name.length} characters long, over the ${REPOSITORY_MAX} allowed`;
    if (/[A-Z]/.test(name))
        return 'it contains uppercase letters';
    if (name.startsWith('/') || name.endsWith('/'))
        return 'it starts or ends with "/"';
    if (name.includes('//'))
        return 'it has an empty path component ("//")';
    if (name.includes('..'))
        return 'it contains ".."';
    const bad = [...name].find(c => !/[a-z0-9._/-]/.test(c));
    if (bad !== undefined)
        return `it contains "${bad}"`;
    const component = name.split('/').find(c => !ECR_COMPONENT_RE.test(c));
    if (component !== undefined) {
        return `path component "${component}" must start and end with a letter or digit, with single separators between them`;
    }
    return undefined;
}
/** A repository path any distribution registry accepts (ECR's rules are stricter: validateRepositoryName). */
function isRepositoryPath(repository) {
    return repositoryProblem(repository) === undefined;
}
function repositoryProblem(repository) {
    if (repository === '')
        return 'repository is empty';
    if (repository.length > REPOSITORY_MAX)
        return `repository is ${repository.length} characters long, over the ${REPOSITORY_MAX} allowed`;
    if (/[A-Z]/.test(repository))
        return `repository "${repository}" must be lowercase`;
    const component = repository.split('/').find(c => !PATH_COMPONENT_RE.test(c));
    if (component === '')
        return `repository "${repository}" has an empty path component`;
    if (component !== undefined) {
        return `repository path component "${component}" must be lowercase letters and digits separated by ".", "_", "__" or "-"`;
    }
    return undefined;
}
function isRegistryComponent(s) {
    return s.includes('.') || s.includes(':') || s === 'localhost';
}
function parseReference(s) {
    const fail = (problem) => {
        throw new InvalidReferenceError(`invalid image reference "${s}": ${problem}; ${REFERENCE_FORM}`);
    };
    const at = s.indexOf('@');
    const name = at === -1 ? s : s.slice(0, at);
    const digest = at === -1 ? undefined : s.slice(at + 1);
    if (digest !== undefined && !(0,_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isPinnedDigest */ .bk)(digest)) {
        fail(`digest "${digest}" must be sha256:<64 lowercase hex> or sha512:<128 lowercase hex>`);
    }
    const slash = name.indexOf('/');
    const registry = slash === -1 ? '' : name.slice(0, slash);
    if (!isRegistryComponent(registry))
        fail('it does not start with a registry host');
    if (!REGISTRY_RE.test(registry))
        fail(`registry "${registry}" is not a valid host[:port]`);
    const rest = name.slice(slash + 1);
    const colon = rest.indexOf(':');
    const repository = colon === -1 ? rest : rest.slice(0, colon);
    const tag = colon === -1 ? undefined : rest.slice(colon + 1);
    const repoProblem = repositoryProblem(repository);
    if (repoProblem !== undefined)
        fail(repoProblem);
    if (tag !== undefined) {
        const problem = tagProblem(tag);
        if (problem !== undefined)
            fail(`tag "${tag}" is not valid: ${problem}`);
    }
    const ref = { registry, repository };
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    return ref;
}


/***/ }),

/***/ 2736:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $y: () => (/* binding */ CACHE_TAG_PREFIX),
/* harmony export */   Ke: () => (/* binding */ stagingTagPattern),
/* harmony export */   NQ: () => (/* binding */ buildTag),
/* harmony export */   aO: () => (/* binding */ IMMUTABLE_EXCLUSION_FILTERS),
/* harmony export */   al: () => (/* binding */ stagingTag),
/* harmony export */   d2: () => (/* binding */ BUILD_TAG_PREFIX),
/* harmony export */   fS: () => (/* binding */ STAGE_TAG_PREFIX),
/* harmony export */   ut: () => (/* binding */ newestLegs),
/* harmony export */   x3: () => (/* binding */ validateRunKey),
/* harmony export */   xF: () => (/* binding */ parseStagingTag),
/* harmony export */   z: () => (/* binding */ cacheTag)
/* harmony export */ });
/* unused harmony export StagingError */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2148);
// The tags this action writes besides the release tags, and their one owner: each leg
// pushes its image as stage-<runKey>-<attempt>-<platform slug> (a bare image first under
// build-<...>), the merge job finds the newest, and the registry cache lives under
// cache-<platform slug>. IMMUTABLE repositories exclude all three from immutability.


class StagingError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StagingError';
    }
}
const STAGE_TAG_PREFIX = 'stage-';
const BUILD_TAG_PREFIX = 'build-';
const CACHE_TAG_PREFIX = 'cache-';
/**
 * The wildcard filters an IMMUTABLE repository created by the action excludes from
 * immutability: cache tags are rewritten by every build; staging and build tags are the
 * action's own, per run, and a leg whose push met a transient error writes its tag again.
 */
const IMMUTABLE_EXCLUSION_FILTERS = [CACHE_TAG_PREFIX, STAGE_TAG_PREFIX, BUILD_TAG_PREFIX].map(p => `${p}*`);
// No '-' in a run key, so the tag splits unambiguously at the first dashes.
const RUN_KEY_RE = /^[A-Za-z0-9_.]{1,64}$/;
function validateRunKey(k) {
    if (!RUN_KEY_RE.test(k)) {
        throw new StagingError(`run key "${k}" is invalid: use 1 to 64 letters, digits, "_" or "." (no "-"), e.g. \${{ github.run_id }}`);
    }
}
function stagingTag(runKey, attempt, p) {
    validateRunKey(runKey);
    if (!Number.isSafeInteger(attempt) || attempt < 1) {
        throw new StagingError(`run attempt ${attempt} is invalid: it must be a whole number from 1`);
    }
    const tag = `${STAGE_TAG_PREFIX}${runKey}-${attempt}-${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(p)}`;
    (0,_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .validateTag */ .z7)(tag);
    return tag;
}
/** The attempt and platform of a staging tag of this run key; undefined for any other tag. */
function parseStagingTag(tag, runKey) {
    const prefix = `${STAGE_TAG_PREFIX}${runKey}-`;
    if (!tag.startsWith(prefix))
        return undefined;
    const match = /^([1-9][0-9]*)-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9.]+))?$/.exec(tag.slice(prefix.length));
    if (match === null)
        return undefined;
    const [, attemptText, os, arch, variant] = match;
    const attempt = Number(attemptText);
    if (!Number.isSafeInteger(attempt))
        return undefined;
    // Windows legs end in their build number (windows-amd64-20348): 2022 and 2025 legs stage apart.
    if (os === 'windows' && variant !== undefined && /^[0-9]+$/.test(variant)) {
        const platform = { os, architecture: arch, 'os.version': `10.0.${variant}` };
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(platform) === `${os}-${arch}-${variant}` && arch === 'amd64' ? { attempt, platform } : undefined;
    }
    const slug = variant === undefined ? `${os}-${arch}` : `${os}-${arch}-${variant}`;
    let platform;
    try {
        platform = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .FL)(variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`);
    }
    catch {
        return undefined;
    }
    // Only the canonical slug is ours: linux-aarch64 or linux-arm (no variant) are never written.
    return (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(platform) === slug ? { attempt, platform } : undefined;
}
/** Per platform (keyed by platformKey), the leg of the highest attempt not above maxAttempt. */
function newestLegs(tags, runKey, maxAttempt) {
    const legs = new Map();
    for (const tag of tags) {
        const parsed = parseStagingTag(tag, runKey);
        if (parsed === undefined || parsed.attempt > maxAttempt)
            continue;
        const key = (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformKey */ .Ng)(parsed.platform);
        const current = legs.get(key);
        if (current === undefined || parsed.attempt > current.attempt)
            legs.set(key, { tag, ...parsed });
    }
    return legs;
}
/** The tag a bare image is pushed under before it is staged: build-<run>-<attempt>-<platform>. */
function buildTag(staging) {
    if (!staging.startsWith(STAGE_TAG_PREFIX))
        throw new StagingError(`"${staging}" is not a staging tag`);
    return `${BUILD_TAG_PREFIX}${staging.slice(STAGE_TAG_PREFIX.length)}`;
}
function cacheTag(p) {
    return `${CACHE_TAG_PREFIX}${(0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(p)}`;
}
/**
 * What the merge looks for, for the error when a leg is missing: the staging tag of the
 * platform (or <os>-<arch>[-<variant>] for any) over the attempts searched.
 */
function stagingTagPattern(runKey, maxAttempt, p) {
    const attempts = maxAttempt === 1 ? '1' : `<1..${maxAttempt}>`;
    return `${STAGE_TAG_PREFIX}${runKey}-${attempts}-${p ? (0,_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .platformSlug */ .DN)(p) : '<os>-<arch>[-<variant>]'}`;
}


/***/ }),

/***/ 3048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ MediaType)
/* harmony export */ });
// OCI image-spec and Docker distribution types, as they travel on the wire.
// Pure data: no I/O here, and nothing of ours is imported.
const MediaType = {
    OciIndex: 'application/vnd.oci.image.index.v1+json',
    OciManifest: 'application/vnd.oci.image.manifest.v1+json',
    OciConfig: 'application/vnd.oci.image.config.v1+json',
    DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    DockerConfig: 'application/vnd.docker.container.image.v1+json'
};


/***/ }),

/***/ 4872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bP: () => (/* binding */ RegistryClient)
});

// UNUSED EXPORTS: defaultManifestAccept, nextLink

// EXTERNAL MODULE: ./src/oci/digest.ts
var oci_digest = __webpack_require__(8825);
// EXTERNAL MODULE: ./src/oci/reference.ts
var oci_reference = __webpack_require__(2148);
// EXTERNAL MODULE: ./src/oci/types.ts
var types = __webpack_require__(3048);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/util/logger.ts
var logger = __webpack_require__(6618);
// EXTERNAL MODULE: ./src/util/retry.ts
var retry = __webpack_require__(4266);
// EXTERNAL MODULE: ./src/registry/dispatcher.ts
var registry_dispatcher = __webpack_require__(7698);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/net/proxy.ts
var net_proxy = __webpack_require__(1987);
;// CONCATENATED MODULE: ./src/net/proxy-agents.ts
// The proxy policy of proxy.ts, handed to undici's fetch (the registry client). The AWS SDK's
// side is aws-proxy-agent.ts, loaded with the SDK only.



/**
 * fetch for the registry client: Node's own fetch when no proxy is set, else undici's fetch
 * with an EnvHttpProxyAgent given exactly this module's settings (the undici package's
 * dispatcher only goes with the undici package's fetch). Proxy failures name the proxy.
 */
function proxiedFetch(p = (0,net_proxy/* readProxyEnv */.sK)()) {
    if (!(0,net_proxy/* hasProxy */.jL)(p))
        return globalThis.fetch;
    const dispatcher = new undici/* EnvHttpProxyAgent */.J2({
        keepAliveTimeout: registry_dispatcher/* KEEP_ALIVE_OPTIONS */.l.keepAliveTimeout,
        keepAliveMaxTimeout: registry_dispatcher/* KEEP_ALIVE_OPTIONS */.l.keepAliveMaxTimeout,
        httpProxy: p.http?.url.href ?? '',
        httpsProxy: p.https?.url.href ?? p.http?.url.href ?? '',
        noProxy: (0,net_proxy/* formatNoProxy */.rU)(p.noProxy)
    });
    const send = async (input, init) => {
        try {
            // undici's Response is the same class Node's fetch returns, typed by another package.
            return (await (0,undici/* fetch */.hd)(input, { ...init, dispatcher }));
        }
        catch (err) {
            const url = new URL(input);
            const proxy = (0,net_proxy/* proxyFor */.iJ)(url, p);
            throw (proxy && (0,net_proxy/* describeProxyFailure */.ex)(err, proxy, url.host)) || err;
        }
    };
    return send;
}

;// CONCATENATED MODULE: ./src/registry/auth.ts
// Registry authentication: Basic (ECR, htpasswd registries) and the Bearer token
// flow of the distribution spec. The client owns HTTP; this module owns decisions and caches.


const defaultTokenLifetimeSeconds = 60;
function basicAuthorization(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}
/** Parses `WWW-Authenticate`, which may carry several challenges: `Bearer realm="x",scope="a b", Basic realm="y"`. */
function parseChallenges(header) {
    if (header === null)
        return [];
    const challenges = [];
    const token = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)/y;
    const param = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/y;
    let pos = 0;
    while (pos < header.length) {
        token.lastIndex = pos;
        const scheme = token.exec(header);
        if (scheme === null)
            break;
        pos = token.lastIndex;
        const params = {};
        for (;;) {
            param.lastIndex = pos;
            const m = param.exec(header);
            if (m === null)
                break;
            params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
            pos = param.lastIndex;
        }
        challenges.push({ scheme: scheme[1].toLowerCase(), params });
        while (pos < header.length && /[\s,]/.test(header[pos]))
            pos++;
    }
    return challenges;
}
class Authenticator {
    /** Bumped by each credentials refresh, so concurrent requests refresh once. */
    generation = 0;
    credentials;
    registry;
    refreshHook;
    fetchToken;
    logger;
    now;
    basicHosts = new Set();
    tokens = new Map();
    pendingTokens = new Map();
    /** Request key (repository and access) -> token cache key, learned from challenges. */
    scopeOf = new Map();
    pendingRefresh;
    constructor(opts) {
        this.registry = opts.registry;
        this.credentials = opts.credentials;
        this.refreshHook = opts.refreshCredentials;
        this.fetchToken = opts.fetchToken;
        this.logger = opts.logger ?? logger/* silentLogger */.q;
        this.now = opts.now ?? Date.now;
        if (opts.basicUpfront && opts.credentials)
            this.basicHosts.add(opts.registry);
    }
    get canRefresh() {
        return this.refreshHook !== undefined;
    }
    /** The Authorization to send up front, from what earlier challenges taught us. */
    header(host, key) {
        const cacheKey = this.scopeOf.get(key);
        const cached = cacheKey === undefined ? undefined : this.validToken(cacheKey);
        if (cached)
            return `Bearer ${cached.token}`;
        if (this.basicHosts.has(host) && this.credentials)
            return basicAuthorization(this.credentials);
        return undefined;
    }
    /**
     * Answers a 401 challenge: the Authorization to retry with, or undefined when
     * retrying cannot help (no credentials, or the same header was just refused).
     */
    async answer(host, key, challenges, sent) {
        const bearer = challenges.find(c => c.scheme === 'bearer');
        if (bearer)
            return this.answerBearer(key, bearer, sent);
        if (challenges.some(c => c.scheme === 'basic')) {
            this.basicHosts.add(host);
            if (!this.credentials)
                return undefined;
            const header = basicAuthorization(this.credentials);
            return header === sent ? undefined : header;
        }
        return undefined;
    }
    /** Asks for fresh credentials (an expired ECR token) unless another request already did since `seenGeneration`. */
    async refresh(seenGeneration) {
        if (this.generation !== seenGeneration)
            return;
        if (!this.refreshHook)
            return;
        this.pendingRefresh ??= this.doRefresh(this.refreshHook).finally(() => {
            this.pendingRefresh = undefined;
        });
        await this.pendingRefresh;
    }
    async doRefresh(hook) {
        this.logger.info(`registry ${this.registry} refused the credentials; refreshing them`);
        try {
            this.credentials = await hook();
        }
        catch (err) {
            const detail = err instanceof Error ? err.message : String(err);
            throw new errors/* RegistryError */.gl(`refresh credentials for ${this.registry}`, detail, { cause: err });
        }
        this.tokens.clear();
        this.scopeOf.clear();
        this.generation++;
    }
    async answerBearer(key, challenge, sent) {
        const { realm, service, scope } = challenge.params;
        if (!realm)
            throw new errors/* RegistryError */.gl(`authenticate to ${this.registry}`, 'the Bearer challenge names no realm to get a token from');
        const cacheKey = JSON.stringify([realm, service ?? '', scope ?? '']);
        this.scopeOf.set(key, cacheKey);
        const cached = this.validToken(cacheKey);
        if (cached && `Bearer ${cached.token}` !== sent)
            return `Bearer ${cached.token}`;
        this.tokens.delete(cacheKey);
        let pending = this.pendingTokens.get(cacheKey);
        if (!pending) {
            pending = this.requestToken(realm, service, scope).finally(() => this.pendingTokens.delete(cacheKey));
            this.pendingTokens.set(cacheKey, pending);
        }
        const fresh = await pending;
        this.tokens.set(cacheKey, fresh);
        const header = `Bearer ${fresh.token}`;
        return header === sent ? undefined : header;
    }
    validToken(cacheKey) {
        const cached = this.tokens.get(cacheKey);
        return cached && cached.expiresAt > this.now() ? cached : undefined;
    }
    async requestToken(realm, service, scope) {
        const operation = `GET token${scope ? ` for ${scope}` : ''} from ${realm}`;
        const url = this.tokenUrl(operation, realm, service, scope);
        const headers = { Accept: 'application/json' };
        if (this.credentials) {
            if (url.protocol !== 'https:' && url.host !== this.registry) {
                throw new errors/* RegistryError */.gl(operation, `the token realm is not HTTPS; refusing to send the credentials for ${this.registry} there`);
            }
            headers.Authorization = basicAuthorization(this.credentials);
        }
        const res = await this.fetchToken(url, headers);
        const body = await res.text();
        if (!res.ok) {
            throw (0,errors/* errorFromResponse */.a5)(operation, {
                status: res.status,
                statusText: res.statusText,
                contentType: res.headers.get('content-type'),
                body,
                host: url.host
            });
        }
        return this.parseToken(operation, body);
    }
    tokenUrl(operation, realm, service, scope) {
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new errors/* RegistryError */.gl(operation, `the registry's token realm "${realm}" is not a URL`);
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
            throw new errors/* RegistryError */.gl(operation, `the registry's token realm "${realm}" is not an HTTP(S) URL`);
        }
        if (service)
            url.searchParams.set('service', service);
        for (const s of (scope ?? '').split(' ').filter(Boolean))
            url.searchParams.append('scope', s);
        return url;
    }
    parseToken(operation, body) {
        let parsed;
        try {
            parsed = JSON.parse(body);
        }
        catch {
            throw new errors/* RegistryError */.gl(operation, 'the token endpoint did not answer JSON');
        }
        const token = typeof parsed.token === 'string' && parsed.token ? parsed.token : parsed.access_token;
        if (typeof token !== 'string' || token === '') {
            throw new errors/* RegistryError */.gl(operation, 'the token endpoint answered without a token');
        }
        const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : defaultTokenLifetimeSeconds;
        // Renew a little early so a token does not expire in flight.
        const marginMs = Math.min(10000, lifetime * 100);
        return { token, expiresAt: this.now() + lifetime * 1000 - marginMs };
    }
}

;// CONCATENATED MODULE: ./src/registry/idle-deadline.ts
// The deadline of a streamed answer (a blob copied between registries). The request up to its
// headers gets the timeout as every request does; the body then gets it per read, however long
// the whole takes, so a large blob on a slow link goes on while bytes arrive and fails once
// none have come for that long. Time the reader spends elsewhere (uploading the previous
// chunk) does not count: the countdown runs only while a read waits.
class IdleDeadline {
    ms;
    controller = new AbortController();
    timer;
    constructor(ms) {
        this.ms = ms;
        this.arm();
    }
    /** For fetch: aborted when a countdown runs out. */
    get signal() {
        return this.controller.signal;
    }
    /** Stops the countdown (the headers came, or a read returned). */
    disarm() {
        if (this.timer !== undefined)
            clearTimeout(this.timer);
        this.timer = undefined;
    }
    /** The body, each read under a fresh countdown; a read the countdown cut fails with `idle(cause)`. */
    watch(body, idle) {
        const reader = body.getReader();
        return new ReadableStream({
            pull: async (controller) => {
                this.arm();
                try {
                    const { done, value } = await reader.read();
                    if (done)
                        controller.close();
                    else
                        controller.enqueue(value);
                }
                catch (error) {
                    throw this.signal.aborted ? idle(error) : error;
                }
                finally {
                    this.disarm();
                }
            },
            cancel: async (reason) => {
                this.disarm();
                await reader.cancel(reason);
            }
        }, 
        // Pulled only when the reader asks: no read ahead whose wait would count against it.
        { highWaterMark: 0 });
    }
    arm() {
        this.disarm();
        this.timer = setTimeout(() => this.controller.abort(new DOMException(`nothing for ${this.ms}ms`, 'TimeoutError')), this.ms);
    }
}

;// CONCATENATED MODULE: ./src/registry/transport.ts
// The registry transport, as go-containerregistry separates it from the operations: one
// request to the registry with its auth challenge, redirects, timeouts, body limits, error
// mapping and retries. The one place in the project that calls fetch.







const retryableStatuses = new Set([429, 500, 502, 503, 504]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
const errorBodyMaxBytes = 64 * 1024;
const tokenRefused = Symbol('token refused');
/** A body shorter than announced or cut mid-stream: worth another attempt. */
class TruncatedBodyError extends errors/* RegistryError */.gl {
}
class Transport {
    /** Every HTTP request sent, token requests and redirect hops included. */
    requestCount = 0;
    /** host[:port] */
    registry;
    logger;
    base;
    retryOptions;
    fetchImpl;
    dispatcher;
    timeoutMs;
    auth;
    constructor(opts) {
        const { host, insecure } = parseRegistry(opts.registry, opts.insecure ?? false);
        this.registry = host;
        this.base = new URL(`${insecure ? 'http' : 'https'}://${host}`);
        this.logger = opts.logger ?? logger/* silentLogger */.q;
        this.retryOptions = opts.retry ?? {};
        // HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply unless the caller brings its own fetch.
        this.fetchImpl = opts.fetch ?? proxiedFetch();
        this.dispatcher = opts.dispatcher;
        this.timeoutMs = opts.requestTimeoutMs ?? 30000;
        this.auth = new Authenticator({
            registry: host,
            credentials: opts.credentials,
            refreshCredentials: opts.refreshCredentials,
            basicUpfront: opts.basicUpfront,
            logger: this.logger,
            fetchToken: (url, headers) => this.fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) })
        });
    }
    /** A URL on the registry: a path, or a Location it answered (relative to the registry). */
    url(pathOrLocation) {
        return new URL(pathOrLocation, this.base);
    }
    /** One exchange, retried while its failure is transient. */
    call(x) {
        return (0,retry/* retry */.L5)(() => this.exchange(x), classify, { logger: this.logger, ...this.retryOptions, operation: x.operation });
    }
    /** One attempt: authenticate, send, follow redirects, read the body within limits. */
    async exchange(x) {
        // A streamed body is bounded by idleness, not by its total time (see IdleDeadline).
        const deadline = x.stream ? new IdleDeadline(this.timeoutMs) : undefined;
        const budgetMs = requestBudgetMs(this.timeoutMs, x.body?.length ?? 0);
        const signal = deadline?.signal ?? AbortSignal.timeout(budgetMs);
        try {
            const { res, url } = await this.authorized(x, signal);
            const fromRegistry = url.origin === this.base.origin;
            const tolerated = x.tolerate?.includes(res.status) ?? false;
            if (!x.allowHtml && fromRegistry && (res.ok || tolerated) && (0,errors/* isHtml */._6)(contentType(res.headers) ?? null)) {
                await res.body?.cancel();
                throw new errors/* RegistryError */.gl(x.operation, (0,errors/* htmlHint */.BG)(this.registry), { status: res.status });
            }
            if (!res.ok && !tolerated)
                throw await this.failure(x, res, url);
            if (x.method === 'HEAD' || !res.ok) {
                await res.body?.cancel();
                return { status: res.status, headers: res.headers, bytes: new Uint8Array(0) };
            }
            if (deadline) {
                const idle = (cause) => new errors/* RegistryError */.gl(x.operation, `no bytes from ${url.host} for ${this.timeoutMs}ms`, { cause });
                return {
                    status: res.status,
                    headers: res.headers,
                    bytes: new Uint8Array(0),
                    body: res.body ? deadline.watch(res.body, idle) : undefined
                };
            }
            const bytes = await readBody(res, x);
            return { status: res.status, headers: res.headers, bytes };
        }
        catch (err) {
            if (err instanceof errors/* RegistryError */.gl)
                throw err;
            throw new errors/* RegistryError */.gl(x.operation, describeNetworkError(err, x.url.host, budgetMs), { cause: err });
        }
        finally {
            deadline?.disarm();
        }
    }
    /** Sends with what auth knows; on a 401 answers the challenge once, then refreshes credentials once. */
    async authorized(x, signal) {
        const host = this.base.host;
        let generation = this.auth.generation;
        let authorization = this.auth.header(host, x.access);
        let answered = false;
        let refreshed = false;
        for (;;) {
            const sent = await this.send(x, authorization, signal);
            if (sent.res.status !== 401 || sent.url.origin !== this.base.origin)
                return sent;
            let credentialsRefused = authorization !== undefined;
            if (!answered) {
                answered = true;
                const challenges = parseChallenges(sent.res.headers.get('www-authenticate'));
                const next = await this.answer(host, x.access, challenges, authorization, refreshed);
                if (next === tokenRefused) {
                    credentialsRefused = true;
                }
                else if (next !== undefined) {
                    await sent.res.body?.cancel();
                    authorization = next;
                    continue;
                }
            }
            if (!refreshed && this.auth.canRefresh && credentialsRefused) {
                refreshed = true;
                answered = false;
                await sent.res.body?.cancel();
                await this.auth.refresh(generation);
                generation = this.auth.generation;
                authorization = this.auth.header(host, x.access);
                continue;
            }
            return sent;
        }
    }
    /** A token endpoint refusing our credentials means they expired, unless they were just refreshed. */
    async answer(host, access, challenges, sent, refreshed) {
        try {
            return await this.auth.answer(host, access, challenges, sent);
        }
        catch (err) {
            if (err instanceof errors/* RegistryError */.gl && err.status === 401 && this.auth.canRefresh && !refreshed)
                return tokenRefused;
            throw err;
        }
    }
    /** fetch with manual redirects: Authorization only ever goes to the registry's own origin. */
    async send(x, authorization, signal) {
        let url = x.url;
        let method = x.method;
        let body = x.body;
        for (let hop = 0;; hop++) {
            const headers = { ...x.headers };
            if (authorization !== undefined && url.origin === this.base.origin)
                headers.Authorization = authorization;
            const res = await this.fetch(url, { method, headers, body, redirect: 'manual', signal });
            this.logger.debug(`${method} ${url.href} -> ${res.status}`);
            const location = res.headers.get('location');
            if (!redirectStatuses.has(res.status) || !location)
                return { res, url };
            await res.body?.cancel();
            if (hop >= maxRedirects)
                throw new errors/* RegistryError */.gl(x.operation, `more than ${maxRedirects} redirects, the last to ${location}`);
            const next = new URL(location, url);
            if (url.protocol === 'https:' && next.protocol !== 'https:') {
                throw new errors/* RegistryError */.gl(x.operation, `refusing to follow a redirect from HTTPS to ${next.origin}`);
            }
            if (res.status === 303 && method !== 'HEAD') {
                method = 'GET';
                body = undefined;
            }
            url = next;
        }
    }
    /** The one fetch: counted, and through the dispatcher when one is set. */
    fetch(url, init) {
        this.requestCount++;
        return this.fetchImpl(url, this.dispatcher === undefined ? init : { ...init, dispatcher: this.dispatcher });
    }
    async failure(x, res, url) {
        let body = '';
        try {
            body = new TextDecoder().decode((await readLimited(res, errorBodyMaxBytes)) ?? new Uint8Array(0));
        }
        catch {
            // The status says enough; a broken error body must not hide it.
        }
        return (0,errors/* errorFromResponse */.a5)(x.operation, {
            status: res.status,
            statusText: res.statusText,
            contentType: contentType(res.headers) ?? null,
            body,
            host: url.host,
            retryAfterMs: (0,retry/* parseRetryAfter */.mu)(res.headers.get('retry-after'), Date.now())
        });
    }
}
/** The slowest upload a request body is given time for: 32 KiB/s, a poor mobile link. */
const MIN_UPLOAD_BYTES_PER_SECOND = 32 * 1024;
/**
 * A request's time limit: the timeout, plus the time its body takes at the slowest upload rate
 * allowed, so that an 8 MiB chunk on a slow link is not cut at 30 s (a stalled one still is).
 */
function requestBudgetMs(timeoutMs, bodyBytes) {
    return timeoutMs + Math.ceil((bodyBytes * 1000) / MIN_UPLOAD_BYTES_PER_SECOND);
}
function classify(err) {
    if (!(err instanceof errors/* RegistryError */.gl)) {
        return (0,retry/* isTransientNetworkError */.l)(err) ? { retry: true, reason: String(err) } : { retry: false };
    }
    const reason = err.message.slice(err.operation.length + 2);
    if (err.status !== undefined) {
        return retryableStatuses.has(err.status) ? { retry: true, afterMs: err.retryAfterMs, reason } : { retry: false };
    }
    if (err instanceof TruncatedBodyError || (0,retry/* isTransientNetworkError */.l)(err.cause))
        return { retry: true, reason };
    return { retry: false };
}
function parseRegistry(registry, insecure) {
    const m = /^(https?):\/\/(.*)$/i.exec(registry.trim());
    const host = (m ? m[2] : registry.trim()).replace(/\/+$/, '');
    if (host === '' || /[/\s?#@]/.test(host)) {
        throw new Error(`registry "${registry}" is not a host[:port], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com`);
    }
    return { host, insecure: insecure || m?.[1].toLowerCase() === 'http' };
}
function contentType(headers) {
    return (0,oci_digest/* bareContentType */.Ei)(headers.get('content-type'));
}
function contentLength(headers) {
    const value = headers.get('content-length');
    if (value === null || !/^\d+$/.test(value.trim()))
        return undefined;
    return Number(value);
}
async function readBody(res, x) {
    const declared = contentLength(res.headers);
    if (x.maxBytes !== undefined && declared !== undefined && declared > x.maxBytes) {
        await res.body?.cancel();
        throw new errors/* RegistryError */.gl(x.operation, x.tooLarge ?? `the answer is larger than ${x.maxBytes} bytes`);
    }
    const bytes = await readLimited(res, x.maxBytes);
    if (bytes === undefined)
        throw new errors/* RegistryError */.gl(x.operation, x.tooLarge ?? `the answer is larger than ${x.maxBytes} bytes`);
    // fetch decompresses encoded bodies, so Content-Length only counts plain ones.
    const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
    if (declared !== undefined && !encoded && bytes.length !== declared) {
        throw new TruncatedBodyError(x.operation, `the answer was cut short: ${bytes.length} of ${declared} bytes arrived`);
    }
    return bytes;
}
/** The body, or undefined once it exceeds maxBytes (the rest is not read). */
async function readLimited(res, maxBytes) {
    if (!res.body)
        return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.length;
        if (maxBytes !== undefined && total > maxBytes) {
            await reader.cancel();
            return undefined;
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks, total);
}
function describeNetworkError(err, host, timeoutMs) {
    const chain = [];
    for (let e = err; e !== undefined && e !== null && chain.length < 8; e = e.cause)
        chain.push(e);
    const named = (n) => chain.some(e => e.name === n);
    if (named('TimeoutError') || named('AbortError'))
        return `no complete answer from ${host} within ${timeoutMs}ms`;
    const code = chain.map(e => e.code).find((c) => typeof c === 'string');
    if (code === 'ENOTFOUND')
        return `cannot resolve ${host}: check the registry address`;
    if (code === 'ECONNREFUSED')
        return `${host} refused the connection: is the registry address and port right?`;
    if (code && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
        return `TLS to ${host} failed (${code}): trust its CA with NODE_EXTRA_CA_CERTS, or fix the certificate`;
    }
    const last = chain[chain.length - 1];
    const message = last instanceof Error ? last.message : String(last);
    const top = err instanceof Error && err !== last ? `${err.message}: ` : '';
    return `connection to ${host} failed: ${top}${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
}

;// CONCATENATED MODULE: ./src/registry/client.ts
// The distribution operations (manifests, blobs, tags) and their checks: names,
// references, digests and size limits. HTTP, auth and retries are the transport's.





const defaultManifestAccept = [
    types/* MediaType */.z.OciIndex,
    types/* MediaType */.z.OciManifest,
    types/* MediaType */.z.DockerManifestList,
    types/* MediaType */.z.DockerManifest
];
const tagsPageMaxBytes = 16 * 1024 * 1024;
const tagsPageSize = 1000;
class RegistryClient {
    registry;
    transport;
    logger;
    constructor(opts) {
        this.transport = new Transport(opts);
        this.registry = this.transport.registry;
        this.logger = this.transport.logger;
    }
    /** Every HTTP request sent, token requests and redirect hops included. */
    get requestCount() {
        return this.transport.requestCount;
    }
    async getManifest(repo, reference, accept = defaultManifestAccept) {
        const request = this.manifestRequest('GET', repo, reference, 'pull');
        const { operation } = request;
        const reply = await this.transport.call({
            ...request,
            headers: { Accept: accept.join(', ') },
            maxBytes: oci_digest/* MAX_MANIFEST_BYTES */.ZJ,
            tooLarge: 'the manifest is larger than 4 MiB, the limit registries accept'
        });
        const { bytes } = reply;
        if ((0,oci_digest/* isDigest */.Bc)(reference))
            verifyDigest(operation, reference, bytes);
        const computed = (0,oci_digest/* digestOf */.ol)(bytes);
        return {
            digest: this.chooseDigest(operation, reply.headers, computed),
            mediaType: mediaTypeOf(reply.headers, bytes),
            bytes,
            size: bytes.length
        };
    }
    /** The manifest's digest, type and size without its body; undefined when it does not exist. */
    async headManifest(repo, reference) {
        const reply = await this.transport.call({
            ...this.manifestRequest('HEAD', repo, reference, 'pull'),
            headers: { Accept: defaultManifestAccept.join(', ') },
            tolerate: [404]
        });
        if (reply.status === 404)
            return undefined;
        const digest = reply.headers.get('docker-content-digest');
        const size = contentLength(reply.headers);
        const mediaType = contentType(reply.headers);
        if (digest && (0,oci_digest/* isDigest */.Bc)(digest) && size !== undefined && mediaType && mediaType !== 'application/json') {
            return { digest, mediaType, size };
        }
        // Some registries leave HEAD answers bare: the body has all three.
        const full = await this.getManifest(repo, reference);
        return { digest: full.digest, mediaType: full.mediaType, size: full.size };
    }
    /** Uploads a manifest under a tag or digest and returns its digest. */
    async putManifest(repo, reference, bytes, mediaType) {
        const request = this.manifestRequest('PUT', repo, reference, 'push');
        const { operation } = request;
        if (bytes.length > oci_digest/* MAX_MANIFEST_BYTES */.ZJ) {
            throw new errors/* RegistryError */.gl(operation, `the manifest is ${bytes.length} bytes; registries accept at most 4 MiB`);
        }
        if ((0,oci_digest/* isDigest */.Bc)(reference))
            verifyDigest(operation, reference, bytes);
        const reply = await this.transport.call({
            ...request,
            headers: { 'Content-Type': mediaType },
            body: bytes
        });
        return this.chooseDigest(operation, reply.headers, (0,oci_digest/* digestOf */.ol)(bytes));
    }
    /** Deletes a manifest by digest; one already gone counts as deleted. */
    async deleteManifest(repo, digest) {
        const operation = `DELETE manifest ${refName(repo, digest)}`;
        checkRepo(operation, repo);
        if (!(0,oci_digest/* isDigest */.Bc)(digest))
            throw new errors/* RegistryError */.gl(operation, `"${digest}" is not a digest: manifests are deleted by digest`);
        await this.transport.call({
            method: 'DELETE',
            url: this.transport.url(`/v2/${repo}/manifests/${digest}`),
            operation,
            access: `${repo}:delete`,
            tolerate: [404]
        });
    }
    /** Downloads a blob (following storage redirects) and verifies its digest. */
    async getBlob(repo, digest, maxBytes) {
        const request = this.blobRequest('GET', repo, digest);
        const { operation } = request;
        const reply = await this.transport.call({
            ...request,
            maxBytes,
            tooLarge: `the blob is larger than the ${maxBytes} bytes expected`,
            allowHtml: true
        });
        verifyDigest(operation, digest, reply.bytes);
        return reply.bytes;
    }
    /** Whether the repository holds the blob (a copy skips what the target has). */
    async blobExists(repo, digest) {
        const reply = await this.transport.call({
            ...this.blobRequest('HEAD', repo, digest),
            tolerate: [404],
            allowHtml: true
        });
        return reply.status !== 404;
    }
    /**
     * A blob's body as a stream (following storage redirects), for copies; the caller
     * verifies the digest as it reads. The timeout applies to each wait for bytes, not to the whole read.
     */
    async openBlob(repo, digest) {
        const request = this.blobRequest('GET', repo, digest);
        const { operation } = request;
        const reply = await this.transport.call({
            ...request,
            allowHtml: true,
            stream: true
        });
        if (!reply.body)
            throw new errors/* RegistryError */.gl(operation, 'the registry answered without a body');
        return { size: contentLength(reply.headers), body: reply.body };
    }
    /**
     * Cross-repository mount (same registry): true when the registry mounted the blob;
     * otherwise the upload it started instead (202), for the caller to send the blob to.
     */
    async mountBlob(repo, digest, from) {
        const operation = `mount blob ${refName(repo, digest)} from ${from}`;
        checkRepo(operation, repo);
        checkRepo(operation, from);
        if (!(0,oci_digest/* isDigest */.Bc)(digest))
            throw new errors/* RegistryError */.gl(operation, `"${digest}" is not a digest`);
        const url = this.transport.url(`/v2/${repo}/blobs/uploads/`);
        url.searchParams.set('mount', digest);
        url.searchParams.set('from', from);
        const reply = await this.transport.call({ method: 'POST', url, operation, access: `${repo}:push,${from}:pull` });
        if (reply.status === 201)
            return true;
        return this.uploadLocation(operation, reply.headers);
    }
    /** Starts a chunked upload: where to PATCH the first chunk. */
    async startUpload(repo) {
        const operation = `start upload to ${repo}`;
        checkRepo(operation, repo);
        const reply = await this.transport.call({
            method: 'POST',
            url: this.transport.url(`/v2/${repo}/blobs/uploads/`),
            operation,
            access: `${repo}:push`
        });
        return this.uploadLocation(operation, reply.headers);
    }
    /** Sends one chunk at `offset` (Content-Range); returns where the next one goes. */
    async uploadChunk(repo, location, chunk, offset) {
        const operation = `upload chunk ${offset}-${offset + chunk.length - 1} to ${repo}`;
        const reply = await this.transport.call({
            method: 'PATCH',
            url: location,
            operation,
            access: `${repo}:push`,
            headers: {
                'Content-Type': 'application/octet-stream',
                'Content-Range': `${offset}-${offset + chunk.length - 1}`
            },
            body: chunk
        });
        return this.uploadLocation(operation, reply.headers);
    }
    /**
     * Where a chunked upload stands (GET on its URL): the bytes the registry holds and where the
     * next chunk goes. `received` is undefined when the answer cannot tell: no Range, or "0-0",
     * which distribution answers for none and for one byte alike.
     */
    async uploadStatus(repo, location) {
        const operation = `status of the upload to ${repo}`;
        const reply = await this.transport.call({ method: 'GET', url: location, operation, access: `${repo}:push` });
        const range = /^\s*0-(\d+)\s*$/.exec(reply.headers.get('range') ?? '');
        const last = range ? Number(range[1]) : undefined;
        return { received: last === undefined || last === 0 ? undefined : last + 1, location: this.uploadLocation(operation, reply.headers) };
    }
    /** Abandons a chunked upload; one the registry no longer knows counts as abandoned. */
    async cancelUpload(repo, location) {
        await this.transport.call({
            method: 'DELETE',
            url: location,
            operation: `cancel the upload to ${repo}`,
            access: `${repo}:push`,
            tolerate: [404]
        });
    }
    /** Closes a chunked upload under its digest (the registry verifies it too). */
    async finishUpload(repo, location, digest) {
        const operation = `finish upload of ${refName(repo, digest)}`;
        const url = new URL(location);
        url.searchParams.set('digest', digest);
        await this.transport.call({ method: 'PUT', url, operation, access: `${repo}:push` });
    }
    uploadLocation(operation, headers) {
        const location = headers.get('location');
        if (!location)
            throw new errors/* RegistryError */.gl(operation, 'the registry answered an upload without a Location to send it to');
        return new URL(location, this.transport.base);
    }
    /** All tags of a repository, following `Link: <...>; rel="next"` pages; [] when the repository does not exist. */
    /** Every tag, page by page; `until` (given the tags so far) may end the listing after a page. */
    async listTags(repo, until) {
        const operation = `list tags ${repo}`;
        checkRepo(operation, repo);
        const tags = [];
        const seen = new Set();
        let url = this.transport.url(`/v2/${repo}/tags/list?n=${tagsPageSize}`);
        while (url) {
            seen.add(url.href);
            const reply = await this.transport.call({
                method: 'GET',
                url,
                operation,
                access: `${repo}:pull`,
                tolerate: [404],
                maxBytes: tagsPageMaxBytes,
                tooLarge: 'a page of the tag list is larger than 16 MiB'
            });
            if (reply.status === 404)
                return tags;
            tags.push(...parseTagsPage(operation, reply.bytes));
            if (until?.(tags))
                return tags;
            url = nextLink(reply.headers.get('link'), url);
            if (url && seen.has(url.href))
                throw new errors/* RegistryError */.gl(operation, `the registry's pagination loops back to ${url.href}`);
        }
        return tags;
    }
    /** A request on a manifest by tag or digest, once the repository and the reference are checked. */
    /** A pull of a blob by digest, once the repository and the digest are checked. */
    blobRequest(method, repo, digest) {
        const operation = `${method} blob ${refName(repo, digest)}`;
        checkRepo(operation, repo);
        if (!(0,oci_digest/* isDigest */.Bc)(digest))
            throw new errors/* RegistryError */.gl(operation, `"${digest}" is not a digest`);
        return { method, url: this.transport.url(`/v2/${repo}/blobs/${digest}`), operation, access: `${repo}:pull` };
    }
    manifestRequest(method, repo, reference, access) {
        const operation = `${method} manifest ${refName(repo, reference)}`;
        checkRepo(operation, repo);
        checkReference(operation, reference);
        return { method, url: this.transport.url(`/v2/${repo}/manifests/${reference}`), operation, access: `${repo}:${access}` };
    }
    /** The registry's Docker-Content-Digest when it agrees with the bytes, else our own sha256. */
    chooseDigest(operation, headers, computed) {
        const announced = headers.get('docker-content-digest');
        if (announced && announced.startsWith('sha256:') && announced !== computed) {
            this.logger.warning(`${operation}: the registry announced digest ${announced} but the content hashes to ${computed}; using ${computed}`);
        }
        return computed;
    }
}
function refName(repo, reference) {
    return `${repo}${(0,oci_digest/* isDigest */.Bc)(reference) ? '@' : ':'}${reference}`;
}
function checkRepo(operation, repo) {
    if (!(0,oci_reference/* isRepositoryPath */.og)(repo)) {
        throw new errors/* RegistryError */.gl(operation, `"${repo}" is not a valid repository name (lowercase letters, digits, separators . _ - and /)`);
    }
}
function checkReference(operation, reference) {
    if (!(0,oci_digest/* isDigest */.Bc)(reference) && !(0,oci_reference/* isValidTag */.r_)(reference)) {
        throw new errors/* RegistryError */.gl(operation, `"${reference}" is neither a valid tag nor a digest`);
    }
}
function verifyDigest(operation, expected, bytes) {
    const algorithm = (0,oci_digest/* verifiableAlgorithm */.JC)(expected);
    if (algorithm === undefined) {
        throw new errors/* RegistryError */.gl(operation, `cannot verify digest algorithm "${expected.slice(0, expected.indexOf(':'))}"; use sha256`);
    }
    const actual = (0,oci_digest/* digestOf */.ol)(bytes, algorithm);
    if (actual !== expected) {
        throw new errors/* RegistryError */.gl(operation, `digest mismatch: the registry sent content hashing to ${actual}, not ${expected}`);
    }
}
function mediaTypeOf(headers, bytes) {
    const header = contentType(headers);
    if (header && header !== 'application/json' && header !== 'text/plain')
        return header;
    try {
        const parsed = JSON.parse(new TextDecoder().decode(bytes));
        if (typeof parsed.mediaType === 'string' && parsed.mediaType !== '')
            return parsed.mediaType;
    }
    catch {
        // Not JSON: report what the header said.
    }
    return header ?? 'application/octet-stream';
}
function parseTagsPage(operation, bytes) {
    let parsed;
    try {
        parsed = JSON.parse(new TextDecoder().decode(bytes));
    }
    catch {
        throw new errors/* RegistryError */.gl(operation, 'the tag list is not JSON');
    }
    if (parsed.tags === null || parsed.tags === undefined)
        return [];
    if (!Array.isArray(parsed.tags) || parsed.tags.some(t => typeof t !== 'string')) {
        throw new errors/* RegistryError */.gl(operation, 'the tag list has no array of tags');
    }
    return parsed.tags;
}
/** The rel="next" target of a Link header, resolved against the page it came with. */
function nextLink(header, current) {
    if (!header)
        return undefined;
    for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]*)*)/g)) {
        const rels = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(m[2])?.[1]?.split(/\s+/) ?? [];
        if (rels.includes('next'))
            return new URL(m[1], current);
    }
    return undefined;
}


/***/ }),

/***/ 7698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ pooledFetch),
/* harmony export */   l: () => (/* binding */ KEEP_ALIVE_OPTIONS)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8825);
// One connection pool for the whole step: every registry request (token, manifests,
// blobs, PUTs) goes through a single keep-alive undici Agent, HTTP/2 where the registry
// offers it over TLS (one connection then carries a whole wave of parallel requests). A new
// TCP + TLS connection costs two to three round trips, more than most requests of a merge:
// reusing connections is most of the difference at 50 ms. Opened connections are counted
// and logged at debug level, so a step's log shows how many it opened.
//
// The first wave to an origin waits for one connection (as Go's client does): until the pool
// has connected to an origin once, one request opens the connection and the others wait for
// its handshake. Over HTTP/2 they then share it; over HTTP/1.1 they open their own as before.
// Without the wait, every request of the first wave opens a connection of its own before any
// handshake has said whether the server speaks HTTP/2.


/** The pool's options; a dispatcher created elsewhere (a proxy agent) should take the same. */
const KEEP_ALIVE_OPTIONS = {
    allowH2: true,
    // Long enough to span a step's waves of requests; the registry may close first, which undici handles.
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 60_000
};
/** Streams one HTTP/2 connection carries at once: a Node or Go server's default limit. */
const H2_STREAMS = 100;
/** `tls`: extra TLS options for every connection (a test server's CA). */
function pooledFetch(logger, tls = {}) {
    const origins = new OriginGate();
    const connector = (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .buildConnector */ .gU)({ ...tls, allowH2: KEEP_ALIVE_OPTIONS.allowH2 });
    const base = new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6({
        ...KEEP_ALIVE_OPTIONS,
        connect: (options, callback) => connector(options, (err, socket) => {
            const key = originKey(options.protocol, options.hostname, options.port);
            if (err)
                origins.failed(key);
            else {
                origins.connected(key, 'alpnProtocol' in socket && socket.alpnProtocol === 'h2');
            }
            // The callback's two forms, as undici's own connector calls them.
            if (err)
                callback(err, null);
            else
                callback(null, socket);
        })
    });
    const agent = base.compose(shareConnections);
    let opened = 0;
    base.on('connect', (origin, targets) => {
        opened++;
        // undici keeps a connection to one request at a time (pipelining 1) even over HTTP/2 unless
        // told otherwise; an HTTP/2 connection takes as many streams as the server allows.
        const client = targets[targets.length - 1];
        const url = typeof origin === 'object' && 'origin' in origin ? origin : new URL(String(origin));
        if (origins.takeProtocol(originKey(url.protocol, url.hostname, url.port)) === 'h2' && client instanceof undici__WEBPACK_IMPORTED_MODULE_0__/* .Client */ .Kj) {
            client.pipelining = H2_STREAMS;
        }
        const name = typeof origin === 'object' && 'origin' in origin ? origin.origin : String(origin);
        logger.debug(`connection ${opened} opened to ${name}`);
    });
    const pooled = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input);
        const key = originKey(url.protocol, url.hostname, url.port);
        const opener = await origins.admit(key);
        try {
            // undici's fetch with its own Agent: the global fetch cannot take an undici package dispatcher.
            return await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .fetch */ .hd)(input, {
                ...init,
                dispatcher: agent
            });
        }
        finally {
            // An opener that ended without connecting (aborted, refused) must not hold the others back.
            if (opener)
                origins.failed(key);
        }
    };
    return { fetch: pooled, connections: () => opened, close: () => base.close() };
}
/**
 * fetch hands every request body to the dispatcher as a stream, and undici keeps a request with
 * a stream body, or one not idempotent, off an HTTP/2 connection that has others in flight (it
 * could not replay it): parallel manifest PUTs would each open a connection of their own, two
 * round trips each. A PUT body of manifest size is read into memory first and marked
 * idempotent (PUT is, by HTTP's definition), so the tag PUTs of a merge share the connection.
 * So is a POST without a body: a blob upload's start or a cross-repository mount, which a mirror
 * sends for every blob at once (a repeated one only opens another upload, or mounts again).
 */
const shareConnections = dispatch => (opts, handler) => {
    if (opts.method === 'POST' && opts.body == null)
        return dispatch({ ...opts, idempotent: true }, handler);
    const length = Number(headerValue(opts.headers, 'content-length') ?? NaN);
    const body = opts.body;
    if (opts.method !== 'PUT' || !isAsyncIterable(body) || !(length <= _oci_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_MANIFEST_BYTES */ .ZJ))
        return dispatch(opts, handler);
    readAll(body).then(bytes => dispatch({ ...opts, body: bytes, idempotent: true }, handler), (err) => failHandler(handler, err instanceof Error ? err : new Error(String(err))));
    return true;
};
function isAsyncIterable(body) {
    return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
async function readAll(body) {
    const chunks = [];
    for await (const chunk of body)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
function headerValue(headers, name) {
    if (!headers || Array.isArray(headers) || typeof headers !== 'object' || Symbol.iterator in headers)
        return undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** Both handler styles undici accepts: the error reaches fetch as a network error. */
function failHandler(handler, err) {
    const legacy = handler;
    if (legacy.onError)
        legacy.onError(err);
    else
        handler.onResponseError?.({}, err);
}
/** Per origin: has the pool connected once, and is a request connecting right now. */
class OriginGate {
    states = new Map();
    /** Per origin, the protocols of connections made and not yet announced by the pool's 'connect' event. */
    protocols = new Map();
    /**
     * Resolves when a request to the origin may go: at once, or after the first connection's
     * handshake. True when this request is the one that opens the connection.
     */
    async admit(key) {
        const state = this.states.get(key);
        if (state?.kind === 'connected')
            return false;
        if (state?.kind === 'opening') {
            await state.opened;
            return false;
        }
        let settle = () => { };
        const opened = new Promise(resolve => (settle = resolve));
        this.states.set(key, { kind: 'opening', opened, settle });
        return true;
    }
    connected(key, h2) {
        this.protocols.set(key, [...(this.protocols.get(key) ?? []), h2 ? 'h2' : 'h1']);
        const state = this.states.get(key);
        this.states.set(key, { kind: 'connected' });
        // After undici has taken the socket (it learns HTTP/2 from it once this callback returns).
        if (state?.kind === 'opening')
            setImmediate(state.settle);
    }
    /** The protocol of the oldest connection to the origin not yet taken. */
    takeProtocol(key) {
        return this.protocols.get(key)?.shift();
    }
    /** The opener could not connect: the waiting requests go (and connect or fail) on their own. */
    failed(key) {
        const state = this.states.get(key);
        if (state?.kind !== 'opening')
            return;
        this.states.delete(key);
        state.settle();
    }
}
function originKey(protocol, hostname, port) {
    const scheme = protocol.replace(/:$/, '').toLowerCase();
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return `${scheme}://${host}:${port === '' ? (scheme === 'https' ? 443 : 80) : port}`;
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ htmlHint),
/* harmony export */   _6: () => (/* binding */ isHtml),
/* harmony export */   a5: () => (/* binding */ errorFromResponse),
/* harmony export */   gl: () => (/* binding */ RegistryError)
/* harmony export */ });
// Registry failures as one error type whose message a user can act on.
class RegistryError extends Error {
    status;
    operation;
    code;
    retryAfterMs;
    constructor(operation, detail, opts = {}) {
        super(`${operation}: ${detail}`, opts.cause === undefined ? undefined : { cause: opts.cause });
        this.name = 'RegistryError';
        this.operation = operation;
        this.status = opts.status;
        this.code = opts.code;
        this.retryAfterMs = opts.retryAfterMs;
    }
}
/** Builds the error for a non-success answer from its status and body. */
function errorFromResponse(operation, res) {
    const statusLine = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    const opts = { status: res.status, retryAfterMs: res.retryAfterMs };
    if (isHtml(res.contentType, res.body)) {
        return new RegistryError(operation, `${statusLine}: ${htmlHint(res.host)}`, opts);
    }
    const errors = parseErrors(res.body);
    const code = errors[0]?.code;
    const parts = [statusLine];
    if (errors.length > 0) {
        parts.push(errors.map(e => [e.code, e.message].filter(Boolean).join(' ')).join('; '));
    }
    else if (res.body.trim() !== '') {
        parts.push(snippet(res.body));
    }
    const hint = statusHint(res.status, res.host);
    if (hint)
        parts.push(hint);
    return new RegistryError(operation, parts.join(': '), { ...opts, code });
}
function htmlHint(host) {
    return `the registry answered HTML, not the registry API: is ${host} a container registry?`;
}
function isHtml(contentType, body = '') {
    if (contentType !== null && /^\s*text\/html\b/i.test(contentType))
        return true;
    return contentType === null && /^\s*<(!doctype html|html)/i.test(body);
}
function statusHint(status, host) {
    if (status === 401)
        return `authentication to ${host} failed: check the registry credentials (an ECR password expires after 12 hours)`;
    if (status === 403)
        return `the credentials for ${host} are not allowed to do this: check the repository policy and IAM permissions`;
    return undefined;
}
function parseErrors(body) {
    try {
        const parsed = JSON.parse(body);
        if (!Array.isArray(parsed?.errors))
            return [];
        return parsed.errors
            .filter((e) => typeof e === 'object' && e !== null)
            .map(e => ({ code: stringOr(e.code), message: stringOr(e.message) }));
    }
    catch {
        return [];
    }
}
function stringOr(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function snippet(body) {
    const oneLine = body.replace(/\s+/g, ' ').trim();
    return oneLine.length > 200 ? `${oneLine.slice(0, 200)}...` : oneLine;
}


/***/ }),

/***/ 6618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ phase),
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
const silentLogger = { info: () => { }, warning: () => { }, debug: () => { } };
function phase(logger, name, fn) {
    return logger.group ? logger.group(name, fn) : fn();
}


/***/ }),

/***/ 4266:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   l: () => (/* binding */ isTransientNetworkError),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter)
/* harmony export */ });
/* unused harmony export retryDefaults */
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6618);
// The one retry loop of the project: full-jitter exponential backoff under an
// attempt limit and a total time budget. Generic: callers say what is retryable.

const retryDefaults = { attempts: 5, baseDelayMs: 250, maxDelayMs: 8000, deadlineMs: 60000 };
const realSleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
async function retry(fn, classify, opts) {
    const attempts = Math.max(1, Math.floor(opts.attempts ?? retryDefaults.attempts));
    const baseDelayMs = opts.baseDelayMs ?? retryDefaults.baseDelayMs;
    const maxDelayMs = opts.maxDelayMs ?? retryDefaults.maxDelayMs;
    const deadlineMs = opts.deadlineMs ?? retryDefaults.deadlineMs;
    const logger = opts.logger ?? _logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    const sleep = opts.sleep ?? realSleep;
    const now = opts.now ?? Date.now;
    const random = opts.random ?? Math.random;
    const start = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            const decision = classify(err);
            if (!decision.retry || attempt >= attempts)
                throw finalError(err, opts.operation, attempt);
            const remaining = start + deadlineMs - now();
            if (remaining <= 0)
                throw finalError(err, opts.operation, attempt);
            const delay = Math.round(Math.min(remaining, delayFor(decision.afterMs, attempt, { baseDelayMs, maxDelayMs, random })));
            logger.info(`retrying ${opts.operation} in ${delay}ms (attempt ${attempt + 1}/${attempts}): ${decision.reason}`);
            await sleep(delay);
        }
    }
}
function delayFor(afterMs, attempt, o) {
    // A server-requested wait is honoured, but a hostile Retry-After cannot park us for hours.
    if (afterMs !== undefined && afterMs >= 0)
        return Math.min(afterMs, o.maxDelayMs * 4);
    return o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
}
/** The last error itself (callers keep its class and fields), its message naming the operation and attempts. */
function finalError(err, operation, attempts) {
    if (attempts <= 1)
        return err;
    const error = err instanceof Error ? err : new Error(String(err));
    const ownPrefix = `${operation}: `;
    const detail = error.message.startsWith(ownPrefix) ? error.message.slice(ownPrefix.length) : error.message;
    error.message = `${operation} failed after ${attempts} attempts: ${detail}`;
    return error;
}
const transientCodes = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT'
]);
/** Connection-level failures worth another attempt; undici nests the real cause under `cause`. */
function isTransientNetworkError(err) {
    return causeChain(err).some(e => {
        if (typeof e !== 'object' || e === null)
            return false;
        const { code, name, message } = e;
        if (typeof code === 'string' && transientCodes.has(code))
            return true;
        if (name === 'TimeoutError' || name === 'AbortError')
            return true;
        return name === 'TypeError' && message === 'terminated';
    });
}
function causeChain(err) {
    const chain = [];
    const queue = [err];
    while (queue.length > 0 && chain.length < 16) {
        const e = queue.shift();
        if (e === undefined || e === null || chain.includes(e))
            continue;
        chain.push(e);
        if (typeof e === 'object') {
            const { cause, errors } = e;
            queue.push(cause);
            // AggregateError from happy-eyeballs connects: one error per address tried.
            if (Array.isArray(errors))
                queue.push(...errors);
        }
    }
    return chain;
}
/** Retry-After as milliseconds to wait: delay-seconds or an HTTP-date. */
function parseRetryAfter(value, now) {
    if (value === null)
        return undefined;
    const trimmed = value.trim();
    if (trimmed === '')
        return undefined;
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    if (/^\d/.test(trimmed) || /^-/.test(trimmed))
        return undefined;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now);
}


/***/ })

};
