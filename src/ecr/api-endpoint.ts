// The ECR API endpoint the SDK will call, told from the environment alone, for the early
// connection (net/early-connection.ts). Undefined wherever that is not certain (FIPS or
// dual-stack endpoints, partitions without a public endpoint name here): then nothing is
// opened early, and the SDK resolves its endpoint as it always does.
import { partitionOfRegion } from './registry-host.js'

type Env = Record<string, string | undefined>

const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/
const truthy = (value: string | undefined) => value?.trim().toLowerCase() === 'true'

export function ecrApiEndpoint(region: string | undefined, env: Env = process.env): URL | undefined {
  // The SDK's configured endpoints (AWS_ENDPOINT_URL_ECR wins over AWS_ENDPOINT_URL).
  const configured = truthy(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) ? undefined : env.AWS_ENDPOINT_URL_ECR || env.AWS_ENDPOINT_URL
  if (configured) return URL.canParse(configured) ? new URL(configured) : undefined
  if (!region || !REGION.test(region) || truthy(env.AWS_USE_FIPS_ENDPOINT) || truthy(env.AWS_USE_DUALSTACK_ENDPOINT)) return undefined
  switch (partitionOfRegion(region)) {
    case 'aws':
    case 'aws-us-gov':
      return new URL(`https://api.ecr.${region}.amazonaws.com`)
    case 'aws-cn':
      return new URL(`https://api.ecr.${region}.amazonaws.com.cn`)
    default:
      return undefined
  }
}
