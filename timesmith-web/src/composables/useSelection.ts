/** The events ticked in the table (for annotating them together), kept across scrolling. */
import { computed, reactive, type Ref } from 'vue'
import type { EventHit } from '../api/types'

/** `version` is the table's change counter: it bumps with every change of the selection. */
export function useSelection(version: Ref<number>) {
  const selected = reactive(new Map<string, EventHit>())
  const selectedIds = computed(() => {
    void version.value
    return new Set(selected.keys())
  })
  function toggleSelect(hit: EventHit) {
    if (selected.has(hit._id)) selected.delete(hit._id)
    else selected.set(hit._id, hit)
    version.value++
  }
  function clearSelection() {
    selected.clear()
    version.value++
  }
  return { selected, selectedIds, toggleSelect, clearSelection }
}
