import { automaticArgs, expand, readDockerfile, type ReadOptions } from '../../src/check/dockerfile.js'

const arm64 = automaticArgs('linux/arm64', 'linux/amd64')

/** image@line[!build][=platform] for each external image, in line order. */
function images(text: string, options: ReadOptions = {}): string[] {
  const reading = readDockerfile(text, { automatic: arm64, ...options })
  if (!reading.ok) throw new Error(`unexpected failure: ${reading.reason}`)
  return reading.images.map(i => `${i.image}@${i.line}${i.buildPlatform ? '!build' : ''}${i.platform ? `=${i.platform}` : ''}`)
}

function reason(text: string, options: ReadOptions = {}): string {
  const reading = readDockerfile(text, { automatic: arm64, ...options })
  if (reading.ok) throw new Error(`expected a failure, got ${JSON.stringify(reading.images)}`)
  return reading.reason
}

const multiStage = [
  'FROM golang:1.22 AS build', //1
  'RUN go build ./...', //2
  'FROM node:20 AS web', //3
  'RUN npm ci', //4
  'FROM debian:12-slim AS test', //5
  'COPY --from=build /app /app', //6
  'FROM gcr.io/distroless/static:nonroot', //7
  'COPY --from=build /app /app', //8
  'COPY --from=web /dist /dist' //9
].join('\n')

describe('readDockerfile', () => {
  it.each<[string, string, ReadOptions, string[]]>([
    ['one FROM', 'FROM python:3.12-slim\nRUN true\n', {}, ['python:3.12-slim@1']],
    [
      'multi-stage, last stage: only the stages it needs',
      multiStage,
      {},
      ['golang:1.22@1', 'node:20@3', 'gcr.io/distroless/static:nonroot@7']
    ],
    ['target: only its stages', multiStage, { target: 'test' }, ['golang:1.22@1', 'debian:12-slim@5']],
    ['target is case-insensitive', multiStage, { target: 'WEB' }, ['node:20@3']],
    ['scratch and earlier stages are skipped', 'FROM alpine AS base\nFROM base\nFROM scratch\nCOPY --from=base / /', {}, ['alpine@1']],
    [
      'COPY --from an image or a stage index',
      'FROM alpine\nFROM scratch\nCOPY --from=0 / /\nCOPY --from=nginx:1.27 /etc/nginx /x',
      {},
      ['alpine@1', 'nginx:1.27@4']
    ],
    [
      'RUN --mount=from=<stage>',
      'FROM alpine AS tools\nFROM debian\nRUN --mount=type=bind,from=tools,target=/t ls /t',
      {},
      ['alpine@1', 'debian@2']
    ],
    ['global ARG defaults', 'ARG BASE=python\nARG TAG=3.12\nFROM ${BASE}:$TAG-slim', {}, ['python:3.12-slim@3']],
    ['build-args override ARG defaults', 'ARG TAG=3.12\nFROM python:${TAG}', { buildArgs: { TAG: '3.13' } }, ['python:3.13@2']],
    ['${VAR:-default} and unset variables', 'ARG TAG\nFROM python:${TAG:-latest}', {}, ['python:latest@2']],
    ['ARGs inside a stage do not reach FROM', 'FROM alpine\nARG TAG=9\nFROM python:${TAG:-3}', {}, ['python:3@3']],
    [
      '--platform=$BUILDPLATFORM runs on the runner',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS b\nFROM alpine\nCOPY --from=b / /',
      {},
      ['golang:1.22@1!build=linux/amd64', 'alpine@2']
    ],
    ['a fixed --platform', 'FROM --platform=linux/amd64 alpine', {}, ['alpine@1=linux/amd64']],
    ['TARGETARCH in FROM', 'FROM example.com/base-${TARGETARCH}:1', {}, ['example.com/base-arm64:1@1']],
    ['line continuations, with comments inside', 'FROM \\\n  # the base\n  python:3.12 \\\n  AS app\nRUN a \\\n  b', {}, ['python:3.12@1']],
    [
      '# syntax= and parser directives, lower-case keywords',
      '# syntax=docker/dockerfile:1\n# check=skip=all\n\nfrom alpine:3.20 as x',
      {},
      ['alpine:3.20@4']
    ],
    ['escape=` directive', '# escape=`\nFROM `\n  alpine', {}, ['alpine@2']],
    [
      'heredocs are skipped, FROM inside them too',
      'FROM alpine\nRUN <<EOF\nFROM evil:1\nEOF\nCOPY <<-"A" <<B /x\n\tFROM evil:2\n\tA\nFROM evil:3\nB\nFROM debian AS last\nCOPY --from=0 / /',
      {},
      ['alpine@1', 'debian@10']
    ],
    ['CRLF line endings and a BOM', '\uFEFFFROM alpine\r\nRUN true\r\n', {}, ['alpine@1']]
  ])('%s', (_name, text, options, expected) => {
    expect(images(text, options)).toEqual(expected)
  })

  it.each<[string, string, ReadOptions, string]>([
    ['no FROM', 'RUN true', {}, 'line 1: RUN before the first FROM'],
    ['empty file', '', {}, 'the Dockerfile has no FROM instruction'],
    ['unknown target', 'FROM alpine AS a', { target: 'b' }, 'the target "b" is not a stage of the Dockerfile'],
    ['an unclosed heredoc', 'FROM alpine\nRUN <<EOF\necho', {}, 'line 2: the heredoc <<EOF has no closing EOF line'],
    [
      'an expansion it does not read',
      'ARG V=1\nFROM alpine:${V#x}',
      {},
      'line 2: cannot expand ${V#x} (the pre-flight reads $VAR, ${VAR}, ${VAR:-default})'
    ],
    ['FROM of an empty ARG', 'ARG BASE\nFROM $BASE', {}, 'line 2: FROM $BASE expands to nothing (an ARG without a value?)'],
    ['a malformed FROM', 'FROM alpine AS', {}, 'line 1: expected FROM [--platform=...] image [AS name]']
  ])('returns a reason, never throws: %s', (_name, text, options, expected) => {
    expect(reason(text, options)).toBe(expected)
  })
})

describe('expand', () => {
  const vars = new Map([
    ['A', 'a'],
    ['E', '']
  ])
  it.each([
    ['$A-${A}', 'a-a'],
    ['${E:-d}|${E-d}|${U-d}', 'd||d'],
    ['${A:+x}|${E:+x}|${E+x}', 'x||x'],
    ['\\$A', '$A'],
    ['${U:-${A}}', 'a'],
    ['$1', '$1']
  ])('%s -> %s', (input, output) => {
    expect(expand(input, vars)).toBe(output)
  })
})
