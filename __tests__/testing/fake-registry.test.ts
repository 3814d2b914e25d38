// The fake registry pages its tag list as ECR does when told to: at most maxPageSize tags
// a page, whatever `n` asks, with a Link header to the next page.
import { FakeRegistry } from '../../testing/fake-registry.js'

test('maxPageSize caps every page and links the next', async () => {
  const fake = await FakeRegistry.start({ maxPageSize: 2 })
  try {
    const digest = fake.seedManifest('app', 'a', { schemaVersion: 2 }, 'application/vnd.oci.image.manifest.v1+json')
    fake.seedTags('app', ['b', 'c', 'd', 'e'], digest)
    const pages: string[][] = []
    let next: string | undefined = '/v2/app/tags/list?n=1000'
    while (next) {
      const res: Response = await fetch(new URL(next, fake.url))
      pages.push(((await res.json()) as { tags: string[] }).tags)
      next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1]
    }
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']])
  } finally {
    await fake.close()
  }
})
