// What a failed buildx run says, and for the failures users hit most, one line of cause
// and fix. buildx's last line is often only "Learn more at ...": its ERROR: lines say what failed.

/** The ERROR: lines of buildx output (step ERROR lines included, `#n ` stripped), each once. */
export function errorLines(output: string): string[] {
  const found: string[] = []
  for (const raw of output.split('\n')) {
    const line = raw.trim().replace(/^#\d+\s+(?:\d+\.\d+\s+)?/, '')
    if (!line.startsWith('ERROR:')) continue
    const text = line.slice('ERROR:'.length).trim()
    if (text !== '' && !found.includes(text)) found.push(text)
  }
  return found
}

/** The IAM actions a role needs to push to ECR. */
export const ECR_PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage'
]

interface Rule {
  test: RegExp
  hint: (output: string) => string
}

const SWITCH_BUILDER =
  'add docker/setup-buildx-action before this step (a docker-container builder), or enable the containerd image store, or leave create-builder at auto'

const RULES: Rule[] = [
  {
    test: /(Cache export|Attestation) is not supported for the docker driver|cache export feature is currently not supported for docker driver|attestations? (?:are|is) not supported/i,
    hint: () =>
      `Cause: the builder uses the docker driver on the classic image store, which cannot export registry cache or attestations. Fix: ${SWITCH_BUILDER}.`
  },
  {
    test: /Multi-platform build is not supported for the docker driver|multiple platforms feature is currently not supported/i,
    hint: () => `Cause: the builder cannot build several platforms at once (docker driver, classic image store). Fix: ${SWITCH_BUILDER}.`
  },
  {
    test: /no space left on device/i,
    hint: () =>
      'Cause: the runner ran out of disk. Fix: free space before this step (docker system prune -af, remove unused toolchains), use a larger runner, or make the image smaller.'
  },
  {
    test: /no match for platform in manifest/i,
    hint: () =>
      'Cause: a base image (FROM) has no image for this platform. Fix: use a base image published for it, or leave the platform out.'
  },
  {
    test: /exec format error/i,
    hint: () =>
      'Cause: a RUN step ran a binary of another architecture and no emulator is registered for it. Fix: add docker/setup-qemu-action before this step, or build this platform on a native runner.'
  },
  {
    // Denied on push (not on pulling a base image): the role lacks ECR's push permissions.
    test: /(?:push|upload|PutImage|ecr:)[^\n]*\b(?:denied|unauthorized|401 Unauthorized|403 Forbidden|not authorized)\b|\b(?:denied|not authorized)\b[^\n]*\becr:/i,
    hint: output => {
      const named = [...new Set([...output.matchAll(/\becr:([A-Z][A-Za-z]+)/g)].map(m => `ecr:${m[1]}`))]
      const lacking = named.length > 0 ? named.join(', ') : ECR_PUSH_ACTIONS.join(', ')
      return `Cause: the registry refused the push. Fix: allow ${lacking} on the repository to the role this job assumes (pushing needs ${ECR_PUSH_ACTIONS.join(', ')}), and check the repository policy.`
    }
  }
]

/** One line of cause and fix for a failure users hit often, or undefined. */
export function hintFor(output: string): string | undefined {
  return RULES.find(rule => rule.test.test(output))?.hint(output)
}

/** What to report for a failed buildx run: its ERROR: lines (else its last line), and a hint when one applies. */
export function diagnose(output: string): { detail: string; hint?: string } {
  const errors = errorLines(output)
  const lines = output.trim().split('\n')
  const detail = errors.length > 0 ? errors.join('; ') : (lines[lines.length - 1] ?? '').trim()
  return { detail, hint: hintFor(output) }
}
