// Outputs and the job summary: writes what a workflow reads. The outputs themselves come from
// config/outputs.ts, the mapping the CLI prints too.
import * as core from '@actions/core'
import type { BuildResult, LegResult } from '../commands/build.js'
import type { MergeResult } from '../commands/merge.js'
import type { CheckResult } from '../commands/check.js'
import { describeUse } from '../check/uses.js'
import type { Inputs } from '../config/inputs.js'
import {
  buildOutputs,
  checkOutputs,
  formatBytes,
  mergeOutputs,
  metadataOutputs,
  roundSeconds as round,
  type Outputs
} from '../config/outputs.js'

/** metadata-action's outputs (version, labels, annotations): known before anything runs. */
export function writeMetadataOutputs(inputs: Inputs): void {
  setOutputs(metadataOutputs(inputs))
}

function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

export async function writeBuildOutputs(result: BuildResult): Promise<void> {
  const leg = result.legs[0]
  setOutputs(buildOutputs(result))

  core.summary.addHeading(`Build: ${result.registry}/${result.repository}`, 3)
  addLegs(result)
  if (leg.pushed) core.summary.addRaw(`Staging tag: <code>${result.registry}/${result.repository}:${leg.stagingTag}</code>`, true)
  await core.summary.write()
}

/** The per-platform build table, and the native-runner advice when emulation dominated. */
function addLegs(result: BuildResult): void {
  core.summary.addTable([
    headerRow('Platform', 'Digest', 'Size', 'Build seconds', 'Emulated', 'Registry cache', 'Builder'),
    ...result.legs.map(l => [
      l.platform,
      l.childDigest ? `<code>${l.childDigest}</code>` : 'not pushed',
      l.size ? formatBytes(l.size) : '-',
      String(round(l.seconds)),
      l.emulated ? 'yes (QEMU)' : 'no',
      l.cacheRef ? registryCache(l) : 'off',
      l.builder
    ])
  ])
  for (const note of result.notes) {
    core.warning(note)
    core.summary.addRaw(`<p>${note}</p>`, true)
  }
  const emulated = result.legs.filter(l => l.emulated).reduce((sum, l) => sum + l.seconds, 0)
  const total = result.legs.reduce((sum, l) => sum + l.seconds, 0)
  if (emulated > 0 && emulated >= total / 2) {
    core.summary.addRaw(
      `<p>Emulated platforms took ${round(emulated)} of ${round(total)} build seconds. Native runners (ubuntu-24.04-arm for arm64) are typically 5-10x faster: see the ${matrixRecipe()}.</p>`,
      true
    )
  }
}

/** Hit or miss, the ref imported (a branch's own, or the default branch's as fallback), and the ref written. */
function registryCache(l: LegResult): string {
  const imported = l.cacheImported
    ? `hit from <code>${tagOf(l.cacheImportedRef ?? l.cacheRef!)}</code> (${l.cachedSteps} steps cached)`
    : 'miss (none yet)'
  return l.cacheWritten ? `${imported}; writes <code>${tagOf(l.cacheRef!)}</code>` : `${imported}; read only`
}

function tagOf(ref: string): string {
  return ref.slice(ref.lastIndexOf(':') + 1)
}

/** The README's native recipe, in the repository this action runs from (the runner names it). */
function matrixRecipe(): string {
  const repository = process.env.GITHUB_ACTION_REPOSITORY
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com'
  const anchor = 'quick-start-native-legs-then-merge'
  return repository
    ? `<a href="${server}/${repository}#${anchor}">native matrix recipe</a>`
    : `native matrix recipe (README, "Quick start")`
}

export async function writeMergeOutputs(result: MergeResult, built?: BuildResult): Promise<void> {
  setOutputs(mergeOutputs(result, built))

  if (built) {
    core.summary.addHeading(`Build: ${built.registry}/${built.repository}`, 3)
    addLegs(built)
  }
  const summary = core.summary
    .addHeading(`Published ${result.registry}/${result.repository}`, 3)
    .addTable([
      headerRow('Platform', 'Image digest', 'Size', 'Attestation'),
      ...result.children.map(c => [
        c.platform,
        `<code>${c.digest}</code>`,
        formatBytes(c.size),
        c.attestation ? `<code>${c.attestation}</code>${c.attestationKinds?.length ? ` (${c.attestationKinds.join(', ')})` : ''}` : '-'
      ])
    ])
  summary.addRaw(`<p>Index <code>${result.digest}</code> (${result.mediaType}, ${result.size} bytes)</p>`, true)
  summary.addList(result.tags.map(t => `<code>${t}</code>`))
  if (result.latest) {
    // Why latest did or did not move, where the release manager looks.
    if (!result.latest.move) core.notice(result.latest.reason)
    summary.addRaw(
      `<p><code>${result.latest.tag}</code> ${result.latest.move ? 'moved' : 'did not move'}: ${result.latest.reason}</p>`,
      true
    )
  }
  summary.addRaw(
    `<p>Pull: <code>docker pull ${result.tags[0] ?? `${result.registry}/${result.repository}@${result.digest}`}</code></p>`,
    true
  )
  if (result.mirrors.length > 0) {
    summary.addHeading('Mirrors', 4).addTable([
      [
        { data: 'Mirror', header: true },
        { data: 'Digest', header: true },
        { data: 'Tags', header: true },
        { data: 'Blobs copied', header: true },
        { data: 'Bytes moved', header: true },
        { data: 'Result', header: true }
      ],
      ...result.mirrors.map(m => [
        `<code>${m.reference}</code>`,
        `<code>${m.digest}</code>`,
        m.tags.join(', ') || '-',
        String(m.blobsCopied),
        formatBytes(m.bytesMoved),
        m.error ? `failed: ${m.error}` : 'ok'
      ])
    ])
  }
  if (result.cleaned.length > 0)
    summary.addRaw(`<p>Removed staging tags: ${result.cleaned.map(t => `<code>${t}</code>`).join(', ')}</p>`, true)
  await summary.write()
}

/** A publish-when-complete leg that did not complete its run's set: the leg's outputs, and why nothing was published. */
export async function writeIncompleteOutputs(built: BuildResult, note: string): Promise<void> {
  await writeBuildOutputs(built)
  core.summary.addRaw(`<p>${note}</p>`, true)
  await core.summary.write()
}

/** Places shown per image in the summary; the rest are counted. */
const USES_SHOWN = 20

/**
 * mode: check: `ready` and `missing`, an annotation at each place an image lacking a platform
 * is used (an error when fail-on fails the step), a warning per unknown image, and the summary:
 * the images, then per workload with a missing platform, what to do.
 */
export async function writeCheckOutputs(result: CheckResult): Promise<void> {
  const missing = result.images.filter(i => i.verdict === 'missing')
  setOutputs(checkOutputs(result))
  const annotate = result.failOn === 'missing' ? core.error : core.warning
  for (const image of missing)
    for (const { use, missing: lacks } of image.lacking)
      annotate(
        `${image.image} has no ${lacks.join(', ')}: it has ${image.has.join(', ')} (${use.kind} ${use.name}, container ${use.container})`,
        {
          title: 'Image lacks a platform',
          file: use.file,
          startLine: use.line
        }
      )
  for (const image of result.images.filter(i => i.verdict === 'unknown'))
    core.warning(`cannot check ${image.image}: ${image.reason ?? 'not read'}; reported unknown, never ready`, {
      title: 'Image not checked',
      file: image.uses[0]?.file,
      startLine: image.uses[0]?.line
    })

  const verdict = (i: CheckResult['images'][number]): string =>
    i.verdict === 'ready'
      ? 'ready'
      : i.verdict === 'missing'
        ? `<b>missing</b> ${escapeHtml(i.missing.join(', '))}`
        : `unknown: ${escapeHtml(i.reason ?? '')}`
  const summary = core.summary
    .addHeading(`Platform check: ${result.platforms.join(', ')}`, 3)
    .addRaw(
      `<p>${result.ready ? 'Ready' : 'Not ready'}: ${result.images.length} image(s) in ${result.files.length} file(s); ` +
        `${missing.length} missing a platform, ${result.images.filter(i => i.verdict === 'unknown').length} unknown.</p>`,
      true
    )
  if (result.images.length > 0)
    summary.addTable([
      headerRow('Image', 'Where used', 'Platforms it has', 'Verdict'),
      ...result.images.map(i => [
        `<code>${escapeHtml(i.image)}</code>`,
        [
          ...i.uses.slice(0, USES_SHOWN).map(u => escapeHtml(describeUse(u))),
          ...(i.uses.length > USES_SHOWN ? [`and ${i.uses.length - USES_SHOWN} more`] : [])
        ].join('<br>'),
        escapeHtml(i.has.join(', ')) || '-',
        verdict(i)
      ])
    ])
  if (result.problems.length > 0) summary.addHeading('Files not read', 4).addList(result.problems.map(p => escapeHtml(p)))
  if (result.advice.length > 0) {
    summary.addHeading('What to do', 4)
    for (const a of result.advice)
      summary.addRaw(
        `<p><b>${escapeHtml(a.workload)}</b></p><ul>${a.images.map(l => `<li>${escapeHtml(l)}</li>`).join('')}</ul><p>${escapeHtml(a.advice).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`,
        true
      )
  }
  await summary.write()
}

/** File contents reach the summary (HTML): never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The first row of a summary table. */
function headerRow(...names: string[]): { data: string; header: true }[] {
  return names.map(data => ({ data, header: true }))
}
