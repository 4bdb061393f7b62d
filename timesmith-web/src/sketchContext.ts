/**
 * The open sketch, shared by the sketch's screens (explore, overview, aggregations, stories) so
 * that each does not reload it: the layout loads it and provides this context.
 */
import { inject, type InjectionKey, type Ref } from 'vue'
import type { Sketch, SketchMeta, Timeline } from './api/types'

export interface SketchContext {
  id: number
  sketch: Ref<Sketch | undefined>
  meta: Ref<SketchMeta>
  reload: () => Promise<void>
}

export const SKETCH: InjectionKey<SketchContext> = Symbol('sketch')

export function useSketch(): SketchContext {
  const context = inject(SKETCH)
  if (!context) throw new Error('useSketch() outside of a sketch layout')
  return context
}

export function timelineStatus(t: Timeline): string {
  return t.status?.[0]?.status ?? 'unknown'
}

/** `#RRGGBB` for a timeline color stored as `RRGGBB`. */
export function cssColor(color: string | undefined): string {
  if (!color) return '#9e9e9e'
  return color.startsWith('#') ? color : `#${color}`
}

/** Field names from the sketch's mappings, sorted, for completion and column choice. */
export function mappedFields(meta: SketchMeta): string[] {
  const fields = new Set<string>(['message', 'datetime', 'timestamp', 'timestamp_desc', 'tag', 'label', 'data_type'])
  for (const m of meta.mappings ?? []) if (m?.field) fields.add(m.field)
  return [...fields].sort((a, b) => a.localeCompare(b))
}
