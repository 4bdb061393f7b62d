/**
 * The event the table's cursor is on and the one the detail panel shows, and the star, which the
 * table, the keyboard and the panel all toggle.
 */
import { ref, shallowRef } from 'vue'
import type { EventHit } from '../api/types'
import { annotate } from '../api/timesketch'
import { toggledStar } from '../model/explore'
import { STAR_LABEL } from '../model/query'
import { showError } from '../store'

export interface DetailOptions {
  sketchId: number
  pager: { row(index: number): EventHit | undefined; updateHit(id: string, update: (hit: EventHit) => void): void }
}

export function useEventDetail(options: DetailOptions) {
  const { sketchId, pager } = options
  /** the table's cursor (-1: none) */
  const current = ref(-1)
  const detailHit = shallowRef<EventHit | undefined>()

  /** Moves the cursor to a loaded row and shows its event. */
  function open(index: number) {
    const hit = pager.row(index)
    if (hit) {
      current.value = index
      detailHit.value = hit
    }
  }
  function closeDetail() {
    detailHit.value = undefined
  }
  async function star(hit: EventHit) {
    try {
      await annotate(sketchId, [hit], 'label', STAR_LABEL)
      const starred = toggledStar(hit._source.label)
      pager.updateHit(hit._id, (h) => (h._source.label = starred))
      if (detailHit.value?._id === hit._id) detailHit.value = { ...hit }
    } catch (e) {
      showError(e, 'Could not star the event')
    }
  }
  /**
   * The panel changed the event (a comment, a label, a tag): the table's copy follows, and the
   * panel gets a new object, since the pager's hits are not reactive and its chips would not redraw.
   */
  function onDetailChanged(hit: EventHit) {
    pager.updateHit(hit._id, (h) => Object.assign(h._source, hit._source))
    if (detailHit.value?._id === hit._id) detailHit.value = { ...hit, _source: { ...hit._source } }
  }

  return { current, detailHit, open, closeDetail, star, onDetailChanged }
}
