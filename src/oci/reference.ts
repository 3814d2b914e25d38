// Image references (host[:port]/repository[:tag][@digest]), repository names and tags,
// validated the way distribution and Amazon ECR validate them.
import { isPinnedDigest } from './digest.js'

export interface ImageReference {
  registry: string
  repository: string
  tag?: string
  digest?: string
}

export class InvalidReferenceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidReferenceError'
  }
}

const REFERENCE_FORM = 'expected host[:port]/repository[:tag][@digest], e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:1.0'
const REPOSITORY_MAX = 256
/** The longest tag distribution and ECR accept. */
export const TAG_MAX = 128

const DOMAIN_LABEL = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])'
const REGISTRY_RE = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?$`)
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const ECR_COMPONENT_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/
const TAG_RE = new RegExp(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,${TAG_MAX - 1}}$`)

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag)
}

export function validateTag(tag: string): void {
  const problem = tagProblem(tag)
  if (problem !== undefined) {
    throw new InvalidReferenceError(
      `tag "${tag}" is not valid: ${problem}; a tag is 1 to 128 of A-Z a-z 0-9 _ . - and must not start with . or -`
    )
  }
}

function tagProblem(tag: string): string | undefined {
  if (tag === '') return 'it is empty'
  if (tag.length > TAG_MAX) return `it is ${tag.length} characters long`
  if (tag.startsWith('.') || tag.startsWith('-')) return `it starts with "${tag[0]}"`
  const bad = [...tag].find(c => !/[A-Za-z0-9_.-]/.test(c))
  if (bad !== undefined) return `it contains "${bad}"`
  return undefined
}

/** Throws unless `name` is a repository name ECR accepts (CreateRepository's pattern). */
export function validateRepositoryName(name: string): void {
  const problem = ecrRepositoryProblem(name)
  if (problem !== undefined) {
    throw new InvalidReferenceError(
      `repository "${name}" is not a valid ECR repository name: ${problem}; use lowercase letters, digits and . _ - separated by /, e.g. team/app`
    )
  }
}

function ecrRepositoryProblem(name: string): string | undefined {
  if (name.length < 2) return 'it must be at least 2 characters long'
  if (name.length > REPOSITORY_MAX) return `it is ${name.length} characters long, over the ${REPOSITORY_MAX} allowed`
  if (/[A-Z]/.test(name)) return 'it contains uppercase letters'
  if (name.startsWith('/') || name.endsWith('/')) return 'it starts or ends with "/"'
  if (name.includes('//')) return 'it has an empty path component ("//")'
  if (name.includes('..')) return 'it contains ".."'
  const bad = [...name].find(c => !/[a-z0-9._/-]/.test(c))
  if (bad !== undefined) return `it contains "${bad}"`
  const component = name.split('/').find(c => !ECR_COMPONENT_RE.test(c))
  if (component !== undefined) {
    return `path component "${component}" must start and end with a letter or digit, with single separators between them`
  }
  return undefined
}

/** A repository path any distribution registry accepts (ECR's rules are stricter: validateRepositoryName). */
export function isRepositoryPath(repository: string): boolean {
  return repositoryProblem(repository) === undefined
}

function repositoryProblem(repository: string): string | undefined {
  if (repository === '') return 'repository is empty'
  if (repository.length > REPOSITORY_MAX) return `repository is ${repository.length} characters long, over the ${REPOSITORY_MAX} allowed`
  if (/[A-Z]/.test(repository)) return `repository "${repository}" must be lowercase`
  const component = repository.split('/').find(c => !PATH_COMPONENT_RE.test(c))
  if (component === '') return `repository "${repository}" has an empty path component`
  if (component !== undefined) {
    return `repository path component "${component}" must be lowercase letters and digits separated by ".", "_", "__" or "-"`
  }
  return undefined
}

function isRegistryComponent(s: string): boolean {
  return s.includes('.') || s.includes(':') || s === 'localhost'
}

export function parseReference(s: string): ImageReference {
  const fail = (problem: string): never => {
    throw new InvalidReferenceError(`invalid image reference "${s}": ${problem}; ${REFERENCE_FORM}`)
  }
  const at = s.indexOf('@')
  const name = at === -1 ? s : s.slice(0, at)
  const digest = at === -1 ? undefined : s.slice(at + 1)
  if (digest !== undefined && !isPinnedDigest(digest)) {
    fail(`digest "${digest}" must be sha256:<64 lowercase hex> or sha512:<128 lowercase hex>`)
  }

  const slash = name.indexOf('/')
  const registry = slash === -1 ? '' : name.slice(0, slash)
  if (!isRegistryComponent(registry)) fail('it does not start with a registry host')
  if (!REGISTRY_RE.test(registry)) fail(`registry "${registry}" is not a valid host[:port]`)

  const rest = name.slice(slash + 1)
  const colon = rest.indexOf(':')
  const repository = colon === -1 ? rest : rest.slice(0, colon)
  const tag = colon === -1 ? undefined : rest.slice(colon + 1)
  const repoProblem = repositoryProblem(repository)
  if (repoProblem !== undefined) fail(repoProblem)
  if (tag !== undefined) {
    const problem = tagProblem(tag)
    if (problem !== undefined) fail(`tag "${tag}" is not valid: ${problem}`)
  }

  const ref: ImageReference = { registry, repository }
  if (tag !== undefined) ref.tag = tag
  if (digest !== undefined) ref.digest = digest
  return ref
}
