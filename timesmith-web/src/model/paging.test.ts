import { describe, expect, it } from 'vitest'
import type { EventHit } from '../api/types'
import { EventPager, prefetchPlan, scrollGeometry, ScrollVelocity, type PageSource } from './paging'

/** A result set of `total` events served like the explore API: by offset within a window, or by scroll. */
function fakeServer(total: number, window = 1000) {
  const calls: string[] = []
  const hit = (i: number): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: { n: i } })
  const scrolls = new Map<string, number>()
  let scrollSeq = 0
  const source: PageSource = {
    async byOffset(from, size) {
      if (from + size > window) throw new Error('Result window is too large')
      calls.push(`offset:${from}`)
      const hits = []
      for (let i = from; i < Math.min(total, from + size); i++) hits.push(hit(i))
      return { hits, total }
    },
    async byScroll(scrollId, size) {
      let at = 0
      if (scrollId === undefined) {
        scrollId = `s${++scrollSeq}`
      } else {
        at = scrolls.get(scrollId)!
      }
      calls.push(`scroll:${at}`)
      const hits = []
      for (let i = at; i < Math.min(total, at + size); i++) hits.push(hit(i))
      scrolls.set(scrollId, at + hits.length)
      return { hits, total, scrollId: hits.length ? scrollId : undefined }
    },
  }
  return { source, calls }
}

describe('EventPager', () => {
  it('reads the first pages (and on down) through the scroll cursor', async () => {
    const { source, calls } = fakeServer(10_000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 1000 })
    await pager.show(0, 30)
    expect(pager.total).toBe(10_000)
    expect(pager.row(0)?._id).toBe('e0')
    expect(pager.row(150)?._id).toBe('e150')
    expect(calls).toEqual(['scroll:0', 'scroll:100'])
    await pager.show(150, 180)
    expect(calls).toEqual(['scroll:0', 'scroll:100', 'scroll:200'])
  })

  it('jumps inside the result window by offset', async () => {
    const { source, calls } = fakeServer(10_000, 10_000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 10_000 })
    await pager.show(0, 30)
    calls.length = 0
    await pager.show(6550, 6580)
    expect(calls.sort()).toEqual(['offset:6400', 'offset:6500', 'offset:6600'])
    expect(pager.row(6550)?._id).toBe('e6550')
  })

  it('reaches rows past the result window through the scroll cursor', async () => {
    const { source, calls } = fakeServer(5000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 1000, maxPages: 100 })
    await pager.show(2500, 2530)
    expect(pager.row(2500)?._id).toBe('e2500')
    expect(pager.row(2599)?._id).toBe('e2599')
    expect(calls.filter((c) => c.startsWith('offset'))).toEqual([])
    expect(calls[0]).toBe('scroll:0')
    expect(calls).toHaveLength(27)
    expect(calls).toContain('scroll:2600')
  })

  it('continues the same scroll when moving further down', async () => {
    const { source, calls } = fakeServer(5000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 1000, maxPages: 100 })
    await pager.show(1500, 1510)
    const before = calls.length
    await pager.show(1800, 1810)
    expect(calls.slice(before)).toEqual(['scroll:1700', 'scroll:1800', 'scroll:1900'])
    expect(pager.row(1805)?._source.n).toBe(1805)
  })

  it('keeps memory bounded: far pages are dropped, and reloaded when needed again', async () => {
    const { source } = fakeServer(100_000, 100_000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 100_000, maxPages: 5 })
    for (let row = 0; row < 3000; row += 100) await pager.show(row, row + 30)
    expect(pager.loadedPages().length).toBeLessThanOrEqual(5)
    expect(pager.row(0)).toBeUndefined()
    await pager.show(0, 30)
    expect(pager.row(0)?._id).toBe('e0')
  })

  it('restarts the scroll when a dropped deep page is needed again', async () => {
    const { source, calls } = fakeServer(3000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 200, maxPages: 4 })
    await pager.show(2000, 2010)
    expect(pager.row(1200)).toBeUndefined()
    calls.length = 0
    await pager.show(1200, 1210)
    expect(pager.row(1200)?._id).toBe('e1200')
    expect(calls[0]).toBe('scroll:0')
  })

  it('ignores answers of a search that was replaced', async () => {
    const { source } = fakeServer(1000)
    const waiting: (() => void)[] = []
    const release = () => waiting.forEach((r) => r())
    const slow: PageSource = {
      byOffset: async (from, size) => {
        await new Promise<void>((r) => waiting.push(r))
        return source.byOffset(from, size)
      },
      byScroll: source.byScroll,
    }
    const pager = new EventPager(slow, () => {}, { pageSize: 100 })
    const pending = pager.show(0, 10)
    await new Promise((r) => setTimeout(r, 0))
    pager.reset()
    release()
    await pending
    expect(pager.total).toBeUndefined()
    expect(pager.loadedPages()).toEqual([])
  })

  it('reports errors and recovers on the next success', async () => {
    let fail = true
    const { source } = fakeServer(500)
    const flaky: PageSource = {
      byOffset: async (from, size) => {
        if (fail) throw new Error('boom')
        return source.byOffset(from, size)
      },
      byScroll: async (id, size) => {
        if (fail) throw new Error('boom')
        return source.byScroll(id, size)
      },
    }
    const pager = new EventPager(flaky, () => {}, { pageSize: 100 })
    await pager.show(0, 10)
    expect(pager.error).toBe('boom')
    fail = false
    await pager.show(0, 10)
    expect(pager.error).toBeUndefined()
    expect(pager.row(5)?._id).toBe('e5')
  })

  it('handles an empty result', async () => {
    const { source } = fakeServer(0)
    const pager = new EventPager(source, () => {}, { pageSize: 100 })
    await pager.show(0, 30)
    expect(pager.total).toBe(0)
    expect(pager.row(0)).toBeUndefined()
  })

  it('updates a loaded hit in place and notifies', async () => {
    const { source } = fakeServer(50)
    let changes = 0
    const pager = new EventPager(source, () => changes++, { pageSize: 100 })
    await pager.show(0, 10)
    const before = changes
    pager.updateHit('e3', (h) => (h._source.label = ['__ts_star']))
    expect(pager.row(3)?._source.label).toEqual(['__ts_star'])
    expect(changes).toBe(before + 1)
  })
})

/** A source whose offset requests wait until the test answers them, recording aborts. */
function manualServer(total: number) {
  const pending = new Map<number, { answer: () => void; signal?: AbortSignal }>()
  const aborted: number[] = []
  const hit = (i: number): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: { n: i } })
  const source: PageSource = {
    byOffset: (from, size, signal) =>
      new Promise((resolve, reject) => {
        signal?.addEventListener('abort', () => {
          aborted.push(from)
          pending.delete(from)
          reject(new DOMException('aborted', 'AbortError'))
        })
        pending.set(from, {
          signal,
          answer: () => {
            pending.delete(from)
            const hits = []
            for (let i = from; i < Math.min(total, from + size); i++) hits.push(hit(i))
            resolve({ hits, total })
          },
        })
      }),
    byScroll: async () => {
      throw new Error('not used: scrollAhead 0 and a wide window')
    },
  }
  return { source, pending, aborted }
}
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('prefetchPlan', () => {
  const base = { pageSize: 100, lastPage: 999, leadSeconds: 0.5, maxAhead: 8 }

  it('standing still loads the screen and one page on either side', () => {
    const plan = prefetchPlan({ ...base, firstRow: 1050, lastRow: 1080, rowsPerSecond: 0 })
    expect(plan.order).toEqual([10, 11, 9])
    expect([plan.keepFirst, plan.keepLast]).toEqual([9, 11])
  })

  it('scrolling down loads ahead below the screen and nothing above', () => {
    // 1000 rows/s for half a second: five pages ahead
    const plan = prefetchPlan({ ...base, firstRow: 1050, lastRow: 1080, rowsPerSecond: 1000 })
    expect(plan.order).toEqual([10, 11, 12, 13, 14, 15])
    expect([plan.keepFirst, plan.keepLast]).toEqual([9, 15])
  })

  it('scrolling up loads ahead above the screen, nearest first', () => {
    const plan = prefetchPlan({ ...base, firstRow: 1050, lastRow: 1180, rowsPerSecond: -400 })
    expect(plan.order).toEqual([11, 10, 9, 8])
    expect([plan.keepFirst, plan.keepLast]).toEqual([8, 12])
  })

  it('looks farther ahead the faster the scroll, up to maxAhead', () => {
    const ahead = (v: number) => prefetchPlan({ ...base, firstRow: 0, lastRow: 30, rowsPerSecond: v }).order.length - 1
    expect(ahead(50)).toBe(1)
    expect(ahead(600)).toBe(3)
    expect(ahead(100_000)).toBe(8)
  })

  it('stays inside the results', () => {
    expect(prefetchPlan({ ...base, lastPage: 3, firstRow: 350, lastRow: 380, rowsPerSecond: 5000 }).order).toEqual([3])
    expect(prefetchPlan({ ...base, firstRow: 0, lastRow: 30, rowsPerSecond: -5000 }).order).toEqual([0])
  })
})

describe('ScrollVelocity', () => {
  it('follows the speed and direction of the scroll', () => {
    const v = new ScrollVelocity()
    v.sample(0, 0)
    for (let t = 16; t <= 320; t += 16) v.sample(t, t) // one row per millisecond
    expect(v.rowsPerSecond).toBeGreaterThan(900)
    expect(v.rowsPerSecond).toBeLessThanOrEqual(1000)
    for (let t = 336; t <= 640; t += 16) v.sample(320 - (t - 320) / 2, t)
    expect(v.rowsPerSecond).toBeLessThan(-400)
    expect(v.rowsPerSecond).toBeGreaterThanOrEqual(-500)
  })

  it('starts afresh after a pause', () => {
    const v = new ScrollVelocity()
    v.sample(0, 0)
    v.sample(100, 16)
    v.sample(101, 1016)
    expect(v.rowsPerSecond).toBeCloseTo(1, 5)
  })
})

describe('EventPager prefetch', () => {
  const options = { pageSize: 100, window: 1_000_000, scrollAhead: 0, parallel: 2, leadSeconds: 1, maxAhead: 6 }

  it('requests the pages ahead in the scroll direction, screen first, with a bounded number in flight', async () => {
    const { source, pending } = manualServer(100_000)
    const pager = new EventPager(source, () => {}, options)
    void pager.show(5000, 5030, 400) // 4 pages ahead
    await settle()
    expect([...pending.keys()]).toEqual([5000, 5100])
    expect(pager.requestsInFlight()).toBe(2)
    const order: number[] = []
    while (pending.size) {
      const from = Math.min(...pending.keys())
      order.push(from)
      pending.get(from)!.answer()
      await settle()
      expect(pager.requestsInFlight()).toBeLessThanOrEqual(2)
    }
    expect(order).toEqual([5000, 5100, 5200, 5300, 5400])
    expect(pager.loadedPages()).toEqual([50, 51, 52, 53, 54])
  })

  it('while scrolling, only the next page comes through the cursor: the pages after it go out by offset in parallel', async () => {
    const { source, calls } = fakeServer(100_000, 10_000)
    const pager = new EventPager(source, () => {}, { pageSize: 100, window: 10_000, leadSeconds: 0.5 })
    await pager.show(0, 30)
    expect(calls).toEqual(['scroll:0', 'scroll:100'])
    calls.length = 0
    await pager.show(120, 150, 1000)
    expect(calls.sort()).toEqual(['offset:300', 'offset:400', 'offset:500', 'offset:600', 'scroll:200'])
  })

  it('scrolling up prefetches above the screen', async () => {
    const { source, pending } = manualServer(100_000)
    const pager = new EventPager(source, () => {}, { ...options, parallel: 10 })
    void pager.show(5050, 5080, -250)
    await settle()
    expect([...pending.keys()].sort((a, b) => a - b)).toEqual([4700, 4800, 4900, 5000])
  })

  it('drops waiting requests and aborts running ones for pages scrolled past', async () => {
    const { source, pending, aborted } = manualServer(100_000)
    const pager = new EventPager(source, () => {}, options)
    void pager.show(5000, 5030, 400)
    await settle()
    // a fling far down: pages 50..54 are behind the screen now
    void pager.show(9000, 9030, 400)
    await settle()
    expect(aborted.sort()).toEqual([5000, 5100])
    expect([...pending.keys()]).toEqual([9000, 9100])
    for (const p of [...pending.values()]) p.answer()
    await settle()
    while (pending.size) {
      for (const p of [...pending.values()]) p.answer()
      await settle()
    }
    expect(pager.loadedPages()).toEqual([90, 91, 92, 93, 94])
    expect(pager.error).toBeUndefined()
  })

  it('keeps the page cache bounded over a long scroll, keeping the pages around the screen', async () => {
    const { source } = fakeServer(200_000, 200_000)
    const pager = new EventPager(source, () => {}, { ...options, maxPages: 12 })
    let most = 0
    for (let row = 0; row < 100_000; row += 700) {
      await pager.show(row, row + 30, 2000)
      most = Math.max(most, pager.loadedPages().length)
    }
    expect(most).toBeLessThanOrEqual(12)
    const screen = pager.pageOf(99_400)
    expect(pager.loadedPages()).toContain(screen)
    expect(pager.loadedPages()).toContain(screen + 6)
  })
})

describe('scrollGeometry', () => {
  it('is linear while the list fits', () => {
    const g = scrollGeometry(1000, 26, 500)
    expect(g.contentHeight).toBe(26_000)
    expect(g.firstRow(260)).toBe(10)
    expect(g.scrollTopFor(10)).toBe(260)
  })

  it('scales huge lists so the last row is still reachable', () => {
    const total = 5_000_000
    const g = scrollGeometry(total, 26, 520, 1_000_000)
    expect(g.contentHeight).toBe(1_000_000)
    const maxScroll = g.contentHeight - 520
    expect(g.firstRow(maxScroll)).toBe(total - 20)
    expect(g.firstRow(g.scrollTopFor(123_456))).toBe(123_456)
  })
})
