import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  DEFAULT_COLUMNS,
  columnSync,
  debouncedSaver,
  loadColumns,
  loadHistory,
  loadTimeZone,
  loadWildcard,
  moveColumn,
  resizeColumn,
  saveColumns,
  saveHistory,
  saveWildcard,
  saveTimeZone,
  validHistory,
  type Column,
  type SketchPrefs,
} from './prefs'

describe('preferences', () => {
  beforeEach(() => localStorage.clear())

  it('columns are kept per user and sketch', () => {
    saveColumns('alice', 1, [{ field: 'message', width: 500 }])
    expect(loadColumns('alice', 1)).toEqual([{ field: 'message', width: 500 }])
    expect(loadColumns('alice', 2)).toEqual(DEFAULT_COLUMNS)
    expect(loadColumns('bob', 1)).toEqual(DEFAULT_COLUMNS)
  })

  it('broken stored columns fall back to the defaults or are repaired', () => {
    localStorage.setItem('timesmith:alice:sketch:1:columns', '{nope')
    expect(loadColumns('alice', 1)).toEqual(DEFAULT_COLUMNS)
    localStorage.setItem('timesmith:alice:sketch:1:columns', JSON.stringify([{ field: 'x', width: 'wide' }, { nofield: 1 }]))
    expect(loadColumns('alice', 1)).toEqual([{ field: 'x', width: 150 }])
  })

  it('moves and resizes columns with a minimum width', () => {
    const cols = [{ field: 'a', width: 100 }, { field: 'b', width: 100 }, { field: 'c', width: 100 }]
    expect(moveColumn(cols, 0, 2).map((c) => c.field)).toEqual(['b', 'c', 'a'])
    expect(moveColumn(cols, 0, 9)).toBe(cols)
    expect(resizeColumn(cols, 1, 10)[1].width).toBe(60)
  })

  it('wildcard mode is off by default, per user, and only true turns it on', () => {
    expect(loadWildcard('ann')).toBe(false)
    saveWildcard('ann', true)
    expect(loadWildcard('ann')).toBe(true)
    expect(loadWildcard('ben')).toBe(false)
    localStorage.setItem('timesmith:ben:wildcard', '"yes"')
    expect(loadWildcard('ben')).toBe(false)
  })

  it('time zone defaults to UTC per user', () => {
    expect(loadTimeZone('alice')).toBe('UTC')
    saveTimeZone('alice', 'Europe/Berlin')
    expect(loadTimeZone('alice')).toBe('Europe/Berlin')
    expect(loadTimeZone('bob')).toBe('UTC')
  })

  it('history per user, bounded as the server accepts it', () => {
    saveHistory('alice', ['a', 'b'])
    expect(loadHistory('alice')).toEqual(['a', 'b'])
    expect(loadHistory('bob')).toEqual([])
    const long = Array.from({ length: 60 }, (_, i) => `q${i}`)
    expect(validHistory(['ok', 'x'.repeat(1025), 3, ...long])).toEqual(['ok', ...long.slice(0, 49)])
    expect(validHistory('nope')).toEqual([])
  })
})

describe('debounced saving', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('merges changes within the delay into one request', async () => {
    const send = vi.fn(async () => undefined)
    const saver = debouncedSaver<{ a: number; b: string }>(send, () => {}, { delayMs: 500 })
    saver.save({ a: 1 })
    await vi.advanceTimersByTimeAsync(400)
    saver.save({ b: 'x' })
    saver.save({ a: 2 })
    expect(saver.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(499)
    expect(send).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith({ a: 2, b: 'x' })
    expect(saver.dirty).toBe(false)
    saver.save({ b: 'y' })
    await vi.advanceTimersByTimeAsync(500)
    expect(send).toHaveBeenLastCalledWith({ b: 'y' })
  })

  it('flush sends at once; a failed change is reported and sent again with the next one', async () => {
    const failure = new Error('offline')
    const send = vi.fn(async (_patch: object) => {
      if (send.mock.calls.length === 1) throw failure
    })
    const errors: unknown[] = []
    const saver = debouncedSaver<{ a: number; b: number }>(send, (e) => errors.push(e), { delayMs: 500 })
    await saver.flush()
    expect(send).not.toHaveBeenCalled()
    saver.save({ a: 1 })
    await saver.flush()
    expect(errors).toEqual([failure])
    expect(saver.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect(send).toHaveBeenCalledTimes(1)
    saver.save({ b: 2 })
    await vi.advanceTimersByTimeAsync(500)
    expect(send).toHaveBeenLastCalledWith({ a: 1, b: 2 })
    expect(saver.dirty).toBe(false)
  })

  it('an unsent change survives a reload in localStorage and is sent by the next page', async () => {
    localStorage.clear()
    const lost = vi.fn(async (_patch: object) => undefined)
    debouncedSaver<{ theme: string }>(lost, () => {}, { pendingKey: 'k' }).save({ theme: 'dark' })
    expect(lost).not.toHaveBeenCalled()
    const send = vi.fn(async (_patch: object) => undefined)
    const next = debouncedSaver<{ theme: string }>(send, () => {}, { pendingKey: 'k' })
    expect(next.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(500)
    expect(send).toHaveBeenCalledWith({ theme: 'dark' })
    expect(next.dirty).toBe(false)
    expect(localStorage.getItem('k')).toBeNull()
  })
})

describe('column layout kept on the server', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  function sync(server: SketchPrefs | Error) {
    const applied: Column[][] = []
    const put = vi.fn(async (_patch: Partial<SketchPrefs>) => undefined)
    const errors: unknown[] = []
    const s = columnSync({
      user: 'alice',
      sketchId: 1,
      get: async () => {
        if (server instanceof Error) throw server
        return server
      },
      put,
      apply: (c) => applied.push(c),
      onError: (e) => errors.push(e),
      delayMs: 500,
    })
    return { s, applied, put, errors }
  }

  it("takes the server's layout and keeps it locally for the next first paint", async () => {
    const { s, applied, put } = sync({ columns: [{ field: 'user', width: 20 }] })
    await s.load(DEFAULT_COLUMNS)
    expect(applied).toEqual([[{ field: 'user', width: 60 }]])
    expect(loadColumns('alice', 1)).toEqual([{ field: 'user', width: 60 }])
    s.changed(applied[0])
    await vi.advanceTimersByTimeAsync(1000)
    expect(put).not.toHaveBeenCalled()
  })

  it('sends changes debounced, and a change before the server answered wins', async () => {
    const { s, applied, put } = sync({ columns: [{ field: 'old', width: 100 }] })
    s.changed([{ field: 'message', width: 300 }])
    s.changed([{ field: 'message', width: 320 }])
    await s.load([{ field: 'message', width: 320 }])
    expect(applied).toEqual([])
    await vi.advanceTimersByTimeAsync(500)
    expect(put).toHaveBeenCalledTimes(1)
    expect(put).toHaveBeenCalledWith({ columns: [{ field: 'message', width: 320 }] })
    expect(loadColumns('alice', 1)).toEqual([{ field: 'message', width: 320 }])
  })

  it("uploads this browser's layout when the server has none, and nothing when neither has one", async () => {
    const none = sync({ columns: [] })
    await none.s.load(DEFAULT_COLUMNS)
    await vi.advanceTimersByTimeAsync(500)
    expect(none.put).not.toHaveBeenCalled()
    saveColumns('alice', 1, [{ field: 'host', width: 90 }])
    const local = sync({ columns: [] })
    await local.s.load(loadColumns('alice', 1))
    await vi.advanceTimersByTimeAsync(500)
    expect(local.put).toHaveBeenCalledWith({ columns: [{ field: 'host', width: 90 }] })
    expect(local.applied).toEqual([])
  })

  it('offline: keeps the local layout and reports the failure', async () => {
    saveColumns('alice', 1, [{ field: 'host', width: 90 }])
    const { s, applied, errors } = sync(new Error('unreachable'))
    await s.load(loadColumns('alice', 1))
    expect(applied).toEqual([])
    expect(errors).toHaveLength(1)
    expect(loadColumns('alice', 1)).toEqual([{ field: 'host', width: 90 }])
  })
})
