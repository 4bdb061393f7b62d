import { describe, expect, it } from 'vitest'
import type { EventHit } from '../api/types'
import { needsAction, runBulk } from './bulk'

const hit = (id: string, label: string[] = [], tag: string[] = []): EventHit => ({ _id: id, _index: 'i', _source: { label, tag } })

async function* pages(list: EventHit[][]) {
  const total = list.reduce((n, p) => n + p.length, 0)
  for (const p of list) yield { hits: p, total }
}

describe('bulk annotation', () => {
  it('never unstars: events already starred are skipped because stars toggle', () => {
    expect(needsAction([hit('a', ['__ts_star']), hit('b')], { kind: 'label', label: '__ts_star' }).map((h) => h._id)).toEqual(['b'])
  })

  it('skips events that already have the tag or label', () => {
    expect(needsAction([hit('a', [], ['x']), hit('b')], { kind: 'tag', tag: 'x' }).map((h) => h._id)).toEqual(['b'])
    expect(needsAction([hit('a', ['seen']), hit('b')], { kind: 'label', label: 'seen' }).map((h) => h._id)).toEqual(['b'])
  })

  it('streams every page in batches and reports progress', async () => {
    const batches: number[] = []
    const progress: number[] = []
    const list = [[hit('1'), hit('2'), hit('3')], [hit('4', ['__ts_star']), hit('5')]]
    const changed = await runBulk(
      pages(list),
      { kind: 'label', label: '__ts_star' },
      async (events) => void batches.push(events.length),
      (p) => progress.push(p.done),
      new AbortController().signal,
      2,
    )
    expect(changed).toBe(4)
    expect(batches).toEqual([2, 1, 1])
    expect(progress).toEqual([3, 5])
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    let applied = 0
    await runBulk(
      pages([[hit('1')], [hit('2')], [hit('3')]]),
      { kind: 'tag', tag: 't' },
      async () => {
        applied++
        controller.abort()
      },
      () => {},
      controller.signal,
    )
    expect(applied).toBe(1)
  })

  it('a failing request stops the job with the error', async () => {
    await expect(
      runBulk(pages([[hit('1')]]), { kind: 'tag', tag: 't' }, async () => Promise.reject(new Error('403 forbidden')), () => {}, new AbortController().signal),
    ).rejects.toThrow('403 forbidden')
  })
})
