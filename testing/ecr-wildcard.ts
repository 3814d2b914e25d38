// How ECR matches a wildcard tag filter (IMMUTABLE_WITH_EXCLUSION filters, lifecycle
// tagPatternList): '*' matches any run of characters, every other character itself.
export function ecrWildcardMatch(filter: string, tag: string): boolean {
  const pattern = filter
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${pattern}$`).test(tag)
}
