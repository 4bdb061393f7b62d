import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { reactive } from 'vue'
import type { EventHit } from '../api/types'
import { annotate, annotateByQuery, explore, tagEvents, taskState } from '../api/timesketch'
import { ApiError } from '../api/http'
import { emptyQuery } from '../model/query'
import { session } from '../store'
import { withSetup } from '../testing'
import { useBulk } from './useBulk'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  explore: vi.fn(),
  annotate: vi.fn(async () => undefined),
  tagEvents: vi.fn(async () => undefined),
  annotateByQuery: vi.fn(),
  taskState: vi.fn(),
}))

const hit = (i: number, label: string[] = []): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: { label } })

function setup(total: number, selectedHits: EventHit[] = []) {
  const selected = reactive(new Map(selectedHits.map((h) => [h._id, h])))
  const state = reactive({ ...emptyQuery(), query: 'user:mallory' })
  let done = 0
  const { result, wrapper } = withSetup(() => useBulk({ sketchId: 3, state, total: () => total, selected, onDone: () => done++, pollMs: 0 }))
  return { bulk: result, wrapper, done: () => done }
}

const notices = () => session.notices.map((n) => n.text)

describe('useBulk', () => {
  beforeEach(() => (session.notices = []))
  afterEach(() => vi.clearAllMocks())

  it('opens on the ticked events if there are any, else on all results', () => {
    const none = setup(10).bulk
    none.scope.value = 'selected'
    none.open()
    expect(none.scope.value).toBe('all')
    const { bulk } = setup(10, [hit(1)])
    bulk.scope.value = 'all'
    bulk.open()
    expect(bulk.scope.value).toBe('selected')
    expect(bulk.dialog.value).toBe(true)
  })

  it('labels all results through a task on the server, polled until it is done', async () => {
    vi.mocked(annotateByQuery).mockResolvedValue('task-1')
    vi.mocked(taskState)
      .mockResolvedValueOnce({ state: 'PENDING' })
      .mockResolvedValueOnce({ state: 'SUCCESS', result: 3000 })
    const { bulk, done } = setup(3000)
    bulk.open()
    bulk.kind.value = 'label'
    bulk.value.value = ' reviewed '
    await bulk.run()
    expect(annotateByQuery).toHaveBeenCalledWith(3, expect.objectContaining({ query: 'user:mallory' }), { kind: 'label', label: 'reviewed' })
    expect(taskState).toHaveBeenCalledTimes(2)
    expect(notices()).toContain('3,000 events labelled')
    expect(bulk.dialog.value).toBe(false)
    expect(bulk.progress.value).toBeUndefined()
    expect(done()).toBe(1)
  })

  it('streams the results through the scroll when the server has no task for it', async () => {
    vi.mocked(annotateByQuery).mockRejectedValue(new ApiError(400, 'no'))
    const pages = [[hit(1), hit(2, ['__ts_star'])], [hit(3)], []]
    let call = 0
    vi.mocked(explore).mockImplementation(async () => {
      const objects = pages[call++]
      return { objects, meta: { es_total_count: 3, scroll_id: call < pages.length ? 'more' : undefined } }
    })
    const { bulk, done } = setup(3)
    await bulk.run()
    // a star toggles, so the starred event is left alone
    expect(vi.mocked(annotate).mock.calls.flatMap((c) => c[1].map((e) => e._id))).toEqual(['e1', 'e3'])
    expect(vi.mocked(explore).mock.calls[1][1].scroll_id).toBe('more')
    expect(notices()).toContain('2 events labelled')
    expect(done()).toBe(1)
  })

  it('tags the ticked events from the browser', async () => {
    const { bulk } = setup(100, [hit(1), hit(2)])
    bulk.open()
    bulk.kind.value = 'tag'
    bulk.value.value = 'evil'
    await bulk.run()
    expect(annotateByQuery).not.toHaveBeenCalled()
    expect(tagEvents).toHaveBeenCalledWith(3, [hit(1), hit(2)], ['evil'])
    expect(notices()).toContain('2 events tagged')
  })

  it('does nothing without a label or tag', async () => {
    const { bulk, done } = setup(100)
    bulk.kind.value = 'label'
    bulk.value.value = '  '
    await bulk.run()
    expect(annotateByQuery).not.toHaveBeenCalled()
    expect(done()).toBe(0)
  })

  it('tells a failed task and keeps the dialog open', async () => {
    vi.mocked(annotateByQuery).mockResolvedValue('task-2')
    vi.mocked(taskState).mockResolvedValue({ state: 'FAILURE', error: 'disk full' })
    const { bulk, done } = setup(10)
    bulk.open()
    await bulk.run()
    expect(notices()).toContain('Bulk annotation stopped: disk full')
    expect(bulk.dialog.value).toBe(true)
    expect(bulk.progress.value).toBeUndefined()
    expect(done()).toBe(0)
  })

  it('stops polling when stopped, and when the screen is left', async () => {
    vi.mocked(annotateByQuery).mockResolvedValue('task-3')
    vi.mocked(taskState).mockResolvedValue({ state: 'STARTED' })
    const { bulk, wrapper } = setup(10)
    const running = bulk.run()
    await flushPromises()
    expect(bulk.progress.value).toEqual({ done: 0, total: 10, running: true })
    wrapper.unmount()
    await running
    expect(bulk.progress.value).toBeUndefined()
  })
})
