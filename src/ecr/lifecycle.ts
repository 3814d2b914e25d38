// The lifecycle policy this action installs on repositories it creates (never on existing
// ones: a user's policy is theirs): feature-branch caches and leftovers of failed runs
// expire; the default branch's cache and every release tag stay.
import { PutLifecyclePolicyCommand, type ECRClient } from '@aws-sdk/client-ecr'
import { BRANCH_CACHE_PATTERN } from '../oci/cache-refs.js'
import { BUILD_TAG_PREFIX, STAGE_TAG_PREFIX } from '../oci/staging.js'
import { callAws, type AwsCallOptions } from './call.js'

export const BRANCH_CACHE_DAYS = 14
export const LEFTOVER_DAYS = 7

function expire(rulePriority: number, pattern: string, days: number, description: string) {
  return {
    rulePriority,
    description,
    selection: { tagStatus: 'tagged', tagPatternList: [pattern], countType: 'sinceImagePushed', countUnit: 'days', countNumber: days },
    action: { type: 'expire' }
  }
}

/** One rule per pattern: ECR selects an image only when it matches every pattern of a rule. */
export function lifecyclePolicyText(): string {
  return JSON.stringify({
    rules: [
      expire(
        1,
        BRANCH_CACHE_PATTERN,
        BRANCH_CACHE_DAYS,
        'ecr-publish: feature-branch build caches (the default branch keeps cache-<platform>)'
      ),
      expire(2, `${STAGE_TAG_PREFIX}*`, LEFTOVER_DAYS, 'ecr-publish: staging tags left by runs that never merged'),
      expire(3, `${BUILD_TAG_PREFIX}*`, LEFTOVER_DAYS, 'ecr-publish: build tags left by runs that never staged')
    ]
  })
}

/** Installs the policy; a refusal (no ecr:PutLifecyclePolicy permission) is a note, not a failure. */
export async function installLifecyclePolicy(
  client: ECRClient,
  repository: string,
  opts: AwsCallOptions & { registryId?: string }
): Promise<string[]> {
  const input = {
    repositoryName: repository,
    lifecyclePolicyText: lifecyclePolicyText(),
    ...(opts.registryId ? { registryId: opts.registryId } : {})
  }
  try {
    await callAws('ECR PutLifecyclePolicy', () => client.send(new PutLifecyclePolicyCommand(input)), opts)
    return []
  } catch (error) {
    return [
      `could not install the lifecycle policy that expires branch caches and staging leftovers on ${repository} (${(error as Error).message}); see the README's "Build cache" section to add it yourself`
    ]
  }
}
