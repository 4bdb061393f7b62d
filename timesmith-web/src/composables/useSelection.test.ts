import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { EventHit } from '../api/types'
import { useSelection } from './useSelection'

const hit = (i: number): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: {} })

describe('useSelection', () => {
  it('ticks and unticks events, and bumps the table version each time', () => {
    const version = ref(0)
    const s = useSelection(version)
    s.toggleSelect(hit(1))
    s.toggleSelect(hit(2))
    expect([...s.selectedIds.value]).toEqual(['e1', 'e2'])
    s.toggleSelect(hit(1))
    expect([...s.selectedIds.value]).toEqual(['e2'])
    expect(s.selected.get('e2')?._id).toBe('e2')
    s.clearSelection()
    expect(s.selectedIds.value.size).toBe(0)
    expect(version.value).toBe(4)
  })
})
