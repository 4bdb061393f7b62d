import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EventHit } from '../api/types'
import { annotate } from '../api/timesketch'
import { session } from '../store'
import { useEventDetail } from './useEventDetail'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  annotate: vi.fn(async () => undefined),
}))

const hit = (i: number, source: Record<string, unknown> = {}): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: { label: [], ...source } })

/** A pager of loaded rows that applies updates in place, as the real one does. */
function pager(rows: EventHit[]) {
  return { row: (i: number) => rows[i], updateHit: (id: string, update: (h: EventHit) => void) => rows.filter((h) => h._id === id).forEach(update) }
}

describe('useEventDetail', () => {
  afterEach(() => vi.clearAllMocks())

  it('opens loaded rows only', () => {
    const d = useEventDetail({ sketchId: 1, pager: pager([hit(0), hit(1)]) })
    d.open(1)
    expect(d.current.value).toBe(1)
    expect(d.detailHit.value?._id).toBe('e1')
    d.open(5)
    expect(d.current.value).toBe(1)
    d.closeDetail()
    expect(d.detailHit.value).toBeUndefined()
  })

  it('stars and unstars an event in the table and the open detail', async () => {
    const rows = [hit(0, { label: ['seen'] })]
    const d = useEventDetail({ sketchId: 9, pager: pager(rows) })
    d.open(0)
    const shown = d.detailHit.value
    await d.star(rows[0])
    expect(annotate).toHaveBeenCalledWith(9, [rows[0]], 'label', '__ts_star')
    expect(rows[0]._source.label).toEqual(['seen', '__ts_star'])
    expect(d.detailHit.value).not.toBe(shown)
    await d.star(rows[0])
    expect(rows[0]._source.label).toEqual(['seen'])
  })

  it('keeps the star as it was when the server refuses', async () => {
    vi.mocked(annotate).mockRejectedValueOnce(new Error('read only'))
    const rows = [hit(0)]
    const d = useEventDetail({ sketchId: 9, pager: pager(rows) })
    await d.star(rows[0])
    expect(rows[0]._source.label).toEqual([])
    expect(session.notices.at(-1)?.text).toBe('Could not star the event: read only')
  })

  it('copies changes of the detail into the table', () => {
    const rows = [hit(0, { message: 'm' })]
    const d = useEventDetail({ sketchId: 1, pager: pager(rows) })
    d.onDetailChanged(hit(0, { comment: ['x'] }))
    expect(rows[0]._source).toEqual({ label: [], message: 'm', comment: ['x'] })
  })

  it('gives the open detail a new object, so that its chips redraw', () => {
    const rows = [hit(0, { tag: [] })]
    const d = useEventDetail({ sketchId: 1, pager: pager(rows) })
    d.open(0)
    const before = d.detailHit.value
    d.onDetailChanged(hit(0, { tag: ['suspicious'] }))
    expect(d.detailHit.value).not.toBe(before)
    expect(d.detailHit.value?._source.tag).toEqual(['suspicious'])
    d.onDetailChanged(hit(1, { tag: ['other'] }))
    expect(d.detailHit.value?._id).toBe('e0')
  })
})
