import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ref } from 'vue'
import type { EventHit, ExploreResponse } from '../api/types'
import type { ExploreRequest } from '../api/timesketch'
import { explore, getView } from '../api/timesketch'
import { session } from '../store'
import { memoryRouter, withSetup } from '../testing'
import { useSearch } from './useSearch'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  explore: vi.fn(),
  getView: vi.fn(),
  putUserPreferences: vi.fn(async () => ({})),
}))

const hit = (i: number): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: { message: `event ${i}` } })

/** A server of `total` events that records the requests it gets. */
function serve(total: number) {
  const requests: ExploreRequest[] = []
  vi.mocked(explore).mockImplementation(async (_sketch, request): Promise<ExploreResponse> => {
    requests.push(request)
    const from = request.filter.from ?? 0
    const n = Math.max(0, Math.min(request.filter.size ?? 40, total - from))
    return { objects: Array.from({ length: n }, (_, k) => hit(from + k)), meta: { es_total_count: total, es_time: 3 } }
  })
  return requests
}

async function setup(path = '/') {
  const router = await memoryRouter(path)
  const resets: number[] = []
  const columns = ref([{ field: 'datetime', width: 200 }, { field: 'user', width: 180 }])
  const { result } = withSetup(() => useSearch({ sketchId: 7, columns, onReset: () => resets.push(1) }), [router])
  return { s: result, router, resets, columns }
}

describe('useSearch', () => {
  beforeEach(() => {
    session.history = []
    session.notices = []
  })
  afterEach(() => vi.clearAllMocks())

  it('searches the query text with the chips and the columns, and counts the results', async () => {
    const requests = serve(250)
    const { s, resets } = await setup()
    s.queryText.value = '  user:bob  '
    s.state.chips = [{ field: 'action', type: 'term', operator: 'must', active: true, value: 'logon' }]
    await s.search()
    expect(s.state.query).toBe('user:bob')
    expect(requests[0].query).toBe('user:bob')
    expect(requests[0].filter.chips).toEqual(s.state.chips)
    expect(requests[0].fields?.split(',')).toContain('user')
    expect(s.pager.total).toBe(250)
    expect(s.pager.row(0)?._id).toBe('e0')
    expect(s.meta.value.es_time).toBe(3)
    expect(s.totalText.value).toBe('250 events')
    expect(s.resultCount.value).toBe(250)
    expect(s.searching.value).toBe(false)
    expect(resets).toEqual([1])
  })

  it('a refetch for added columns keeps the cursor and the selection', async () => {
    const requests = serve(250)
    const { s, resets } = await setup()
    await s.search(false)
    await s.search(false, true)
    expect(requests).toHaveLength(2)
    expect(s.pager.total).toBe(250)
    expect(resets).toEqual([1])
  })

  it('an empty query searches everything', async () => {
    const requests = serve(1)
    const { s } = await setup()
    s.queryText.value = '   '
    await s.search(false)
    expect(requests[0].query).toBe('*')
  })

  it('keeps searches in the history unless told not to', async () => {
    serve(1)
    const { s } = await setup()
    s.queryText.value = 'first'
    await s.search()
    s.queryText.value = 'second'
    await s.search(false)
    s.useHistory('third')
    await flushPromises()
    expect(s.history.value).toEqual(['third', 'first'])
    expect(s.queryText.value).toBe('third')
  })

  it('keeps the search in the address and starts from it', async () => {
    serve(1)
    const { s, router } = await setup()
    s.queryText.value = 'user:bob'
    s.state.timelineIds = [3]
    await s.search(false)
    await flushPromises()
    const { q, f } = router.currentRoute.value.query
    expect(q).toBe('user:bob')
    expect(JSON.parse(String(f))).toEqual({ chips: [], indices: [3], order: 'asc' })

    const requests = serve(1)
    const again = await setup(router.currentRoute.value.fullPath)
    again.s.start()
    await flushPromises()
    expect(again.s.queryText.value).toBe('user:bob')
    expect(again.s.state.timelineIds).toEqual([3])
    expect(requests[0].filter.indices).toEqual([3])
  })

  it('new chips search at once, without a history entry', async () => {
    const requests = serve(1)
    const { s } = await setup()
    s.setChips([{ field: '', type: 'label', operator: 'must', active: true, value: '__ts_star' }])
    await flushPromises()
    expect(requests[0].filter.chips).toHaveLength(1)
    expect(s.history.value).toEqual([])
  })

  it('opens the saved search of the address', async () => {
    const requests = serve(1)
    vi.mocked(getView).mockResolvedValue({
      id: 4,
      name: 'Mallory',
      query_string: 'user:mallory',
      query_filter: JSON.stringify({ chips: [{ field: 'user', type: 'term', operator: 'must_not', value: 'bob' }], indices: '_all', order: 'desc' }),
    })
    const { s } = await setup('/?view=4')
    s.start()
    await flushPromises()
    expect(getView).toHaveBeenCalledWith(7, 4)
    expect(s.queryText.value).toBe('user:mallory')
    expect(s.state.order).toBe('desc')
    expect(requests[0].filter.chips?.[0]).toMatchObject({ operator: 'must_not', value: 'bob', active: true })
    expect(session.notices.map((n) => n.text)).toContain('Opened saved search "Mallory"')
  })

  it('tells a failed search', async () => {
    vi.mocked(explore).mockRejectedValue(new Error('bad query'))
    const { s } = await setup()
    await s.search(false)
    expect(s.pager.error).toBeTruthy()
    expect(session.notices.some((n) => n.kind === 'error' && n.text.startsWith('Search failed'))).toBe(true)
  })

  it('exports every result of the search with all fields', async () => {
    serve(12)
    const { s } = await setup()
    await s.search(false)
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    s.exportAll('csv')
    const link = click.mock.contexts[0] as HTMLAnchorElement
    expect(link.download).toBe('sketch-7-results.csv')
    const request = JSON.parse(new URL(link.href, 'http://x').searchParams.get('request')!)
    expect(request.fields).toBe('')
    expect(request.filter.size).toBe(10000)
    expect(session.notices.at(-1)?.text).toBe('Exporting 12 events as CSV')
    click.mockRestore()
  })
  it('records only the first page of a search, below the node of the results shown, and replays a node as a branch', async () => {
    const requests: ExploreRequest[] = []
    let node = 10
    vi.mocked(explore).mockImplementation(async (_sketch, request): Promise<ExploreResponse> => {
      requests.push(request)
      const from = request.filter.from ?? 0
      const n = Math.max(0, Math.min(request.filter.size ?? 40, 5000 - from))
      const meta = { es_total_count: 5000, ...(request.incognito ? {} : { search_node: { id: ++node } }) }
      return { objects: Array.from({ length: n }, (_, k) => hit(from + k)), meta }
    })
    const { s } = await setup()
    await s.search()
    expect(requests[0].incognito).toBeUndefined()
    expect(requests[0].parent).toBeUndefined()
    expect(s.historyNode.value).toBe(11)
    // later pages of the same results are not recorded
    await s.pager.show(3600, 3660)
    await flushPromises()
    expect(requests.length).toBeGreaterThan(1)
    expect(requests.slice(1).every((r) => r.incognito === true && r.parent === undefined)).toBe(true)
    s.queryText.value = 'user:mallory'
    await s.search()
    expect(requests.at(-1)).toMatchObject({ query: 'user:mallory', parent: 11 })
    expect(s.historyNode.value).toBe(12)
    // going back to the first search, then on from there: the next search names it as its parent
    s.replay({ id: 11, query_string: 'action:logon', query_filter: JSON.stringify({ chips: [], indices: [3], order: 'desc' }) })
    await flushPromises()
    expect(s.state).toMatchObject({ query: 'action:logon', timelineIds: [3], order: 'desc' })
    expect(s.queryText.value).toBe('action:logon')
    expect(requests.at(-1)).toMatchObject({ query: 'action:logon', parent: 11 })
  })

  it('wildcard mode searches through explore_wildcard, is kept as a preference and in the address', async () => {
    serve(5)
    session.wildcard = false
    const { s, router } = await setup()
    s.queryText.value = '*ntry*'
    await s.search(false)
    expect(vi.mocked(explore).mock.calls.at(-1)?.[3]).toBe(false)
    s.setWildcardMode(true)
    await flushPromises()
    expect(vi.mocked(explore).mock.calls.at(-1)?.[3]).toBe(true)
    expect(session.wildcard).toBe(true)
    expect(router.currentRoute.value.query.w).toBe('1')
    const calls = vi.mocked(explore).mock.calls.length
    s.setWildcardMode(true)
    expect(vi.mocked(explore).mock.calls.length).toBe(calls)

    session.wildcard = false
    const shared = await setup(router.currentRoute.value.fullPath)
    shared.s.start()
    await flushPromises()
    expect(shared.s.wildcard.value).toBe(true)
    expect(vi.mocked(explore).mock.calls.at(-1)?.[3]).toBe(true)
    shared.s.setWildcardMode(false)
    await flushPromises()
    expect(shared.router.currentRoute.value.query.w).toBeUndefined()
    expect(vi.mocked(explore).mock.calls.at(-1)?.[3]).toBe(false)
  })
})
