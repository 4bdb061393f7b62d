/**
 * The explore screen's small rules, kept out of the components so that they can be tested alone:
 * which fields a search asks for, the search in the address, the time-filter form, timeline
 * toggles, the context around an event, stars, the column picker and the completion list.
 */
import type { Chip, ExploreMeta } from '../api/types'
import type { BulkAction } from './bulk'
import type { Column } from './prefs'
import { STAR_LABEL, contextChip, timeIntervalChip, timeRangeChip, type IntervalUnit, type QueryState } from './query'

/** Fields the table needs (the columns and what a row always shows); the detail panel loads the whole event. */
export function requestedFields(columns: Column[]): string {
  const set = new Set(['datetime', 'timestamp', 'timestamp_desc', 'message', 'tag', 'timesketch_label', '__ts_timeline_id'])
  for (const c of columns) set.add(c.field)
  set.delete('label')
  return [...set].join(',')
}

/** The number of results a response reports, or `fallback` when it gives none. */
export function totalOf(meta: ExploreMeta, fallback: number): number {
  const t = meta.es_total_count ?? meta.es_total_count_complete
  return typeof t === 'number' ? t : fallback
}

/** The `f` parameter of the address: the chips, the timelines and the order of a search. */
export function urlFilter(state: QueryState): string {
  return JSON.stringify({ chips: state.chips, indices: state.timelineIds ?? '_all', order: state.order })
}

/** Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS` read as UTC (NaN when it is no time). */
export function parseUtc(text: string): number {
  return Date.parse(text.endsWith('Z') ? text : `${text}Z`)
}

/** What the time-filter dialog holds. */
export interface TimeForm {
  /** a range between two instants, or an instant ± a window (the contract's interval chip) */
  mode: 'range' | 'interval'
  start: string
  end: string
  before: number
  after: number
  unit: IntervalUnit
}

/** The chip the time-filter form describes, or the message telling what is wrong with it. */
export function timeChip(form: TimeForm): { chip: Chip } | { error: string } {
  const s = parseUtc(form.start)
  if (form.mode === 'interval') {
    if (Number.isNaN(s)) return { error: 'Give the instant as YYYY-MM-DDTHH:MM:SS (UTC)' }
    return { chip: timeIntervalChip(s * 1000, Number(form.before), Number(form.after), form.unit) }
  }
  const e = parseUtc(form.end)
  if (Number.isNaN(s) || Number.isNaN(e)) return { error: 'Give both times as YYYY-MM-DDTHH:MM:SS (UTC)' }
  return { chip: timeRangeChip(s * 1000, e * 1000) }
}

/**
 * The timelines searched after clicking timeline `id` (undefined: all of them). Switching off the
 * last one is refused: that one stays on and `empty` says so.
 */
export function toggleTimelineIds(ids: number[] | undefined, all: number[], id: number): { ids: number[] | undefined; empty: boolean } {
  const current = ids ?? all
  const next = current.includes(id) ? current.filter((x) => x !== id) : [...current, id]
  if (next.length === 0) return { ids: [id], empty: true }
  return { ids: next.length === all.length ? undefined : next, empty: false }
}

/** The chips of a search for the events around an instant: time and term chips and labels give way to the context window. */
export function contextChips(chips: Chip[], micros: number, minutes: number): Chip[] {
  return chips
    .filter((c) => c.type !== 'datetime_range' && c.type !== 'term')
    .concat(contextChip(micros, minutes))
    .filter((c) => c.type !== 'label')
}

/** An event's labels after its star was toggled. */
export function toggledStar(labels: unknown): string[] {
  const list: string[] = Array.isArray(labels) ? labels : []
  return list.includes(STAR_LABEL) ? list.filter((l) => l !== STAR_LABEL) : [...list, STAR_LABEL]
}

/** The bulk action the dialog describes (undefined while the label or tag is empty). */
export function bulkActionOf(kind: 'star' | 'label' | 'tag', value: string): BulkAction | undefined {
  const text = value.trim()
  if (kind === 'star') return { kind: 'label', label: STAR_LABEL }
  if (!text) return undefined
  return kind === 'tag' ? { kind: 'tag', tag: text } : { kind: 'label', label: text }
}

/** The columns after the picker toggled `field` (a new column is 180 px wide); `added` when the rows need the field's values. */
export function toggleColumnIn(columns: Column[], field: string): { columns: Column[]; added: boolean } {
  const i = columns.findIndex((c) => c.field === field)
  if (i >= 0) return { columns: columns.filter((_, j) => j !== i), added: false }
  return { columns: [...columns, { field, width: 180 }], added: true }
}

/** The fields the column picker lists for a filter text (case-insensitive substring). */
export function filterFields(fields: string[], filter: string): string[] {
  const f = filter.toLowerCase()
  return fields.filter((x) => x.toLowerCase().includes(f))
}

/** The highlighted entry of the completion list after an arrow key (wrapping around). */
export function moveIndex(index: number, count: number, down: boolean): number {
  return (index + (down ? 1 : count - 1)) % count
}
