import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { Sketch } from '../api/types'
import { useTimelines } from './useTimelines'

describe('useTimelines', () => {
  const timeline = (id: number, index: string, color: string) => ({ id, name: `t${id}`, color, status: [], searchindex: { id, index_name: index } })
  const sketch = ref({ timelines: [timeline(1, 'a', 'FF0000'), timeline(2, 'b', '#00FF00')] } as unknown as Sketch)

  it('finds the timeline of an event by its id, else by its index', () => {
    const t = useTimelines(sketch, ref({}))
    expect(t.timelines.value).toHaveLength(2)
    expect(t.timelineOf({ _id: 'x', _index: 'a', _source: { __ts_timeline_id: 2 } })?.name).toBe('t2')
    expect(t.timelineOf({ _id: 'x', _index: 'a', _source: {} })?.name).toBe('t1')
    expect(t.timelineOf({ _id: 'x', _index: 'zzz', _source: {} })).toBeUndefined()
  })

  it('colors an event by its timeline, else by the search response, else grey', () => {
    const t = useTimelines(sketch, ref({ timeline_colors: { other: 'ABCDEF' } }))
    expect(t.timelineColor({ _id: 'x', _index: 'a', _source: {} })).toBe('#FF0000')
    expect(t.timelineColor({ _id: 'x', _index: 'b', _source: {} })).toBe('#00FF00')
    expect(t.timelineColor({ _id: 'x', _index: 'other', _source: {} })).toBe('#ABCDEF')
    expect(t.timelineColor({ _id: 'x', _index: 'none', _source: {} })).toBe('#9e9e9e')
  })
})
