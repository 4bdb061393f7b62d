/** The sketch's timelines as the explore screen shows them: which one an event comes from, and its color. */
import { computed, type Ref } from 'vue'
import type { EventHit, ExploreMeta, Sketch } from '../api/types'
import { cssColor } from '../sketchContext'

export function useTimelines(sketch: Ref<Sketch | undefined>, meta: Ref<ExploreMeta>) {
  const timelines = computed(() => sketch.value?.timelines ?? [])
  const byId = computed(() => new Map(timelines.value.map((t) => [t.id, t])))
  const byIndex = computed(() => new Map(timelines.value.map((t) => [t.searchindex?.index_name, t])))

  /** The timeline of an event: by its timeline id, else by its index. */
  function timelineOf(hit: EventHit) {
    const id = Number(hit._source.__ts_timeline_id)
    return byId.value.get(id) ?? byIndex.value.get(hit._index)
  }
  function timelineColor(hit: EventHit): string {
    const t = timelineOf(hit)
    return cssColor(t?.color ?? meta.value.timeline_colors?.[hit._index])
  }
  return { timelines, timelineOf, timelineColor }
}
