/**
 * The explore query model: a Lucene query string, chips (time ranges, terms, labels; each can be
 * switched off without being removed), the selected timelines and the order. It turns into the
 * exact `filter` JSON of the wire contract (§10.2, §10.3) and back from a saved search.
 */
import type { Chip, QueryFilter } from '../api/types'

export const STAR_LABEL = '__ts_star'
export const COMMENT_LABEL = '__ts_comment'

export interface QueryState {
  query: string
  chips: Chip[]
  /** timeline ids; undefined means every timeline */
  timelineIds?: number[]
  order: 'asc' | 'desc'
}

export function emptyQuery(): QueryState {
  return { query: '*', chips: [], order: 'asc' }
}

export function termChip(field: string, value: unknown, exclude = false): Chip {
  return { field, type: 'term', operator: exclude ? 'must_not' : 'must', active: true, value: String(value) }
}

export function labelChip(label: string): Chip {
  return { field: '', type: 'label', operator: 'must', active: true, value: label }
}

/** `YYYY-MM-DDTHH:MM:SS` (UTC), with `.mmm` when the milliseconds are not zero, as the contract's chips. */
export function chipTime(micros: number): string {
  const iso = new Date(Math.floor(micros / 1000)).toISOString()
  const millis = iso.slice(20, 23)
  return millis === '000' ? iso.slice(0, 19) : iso.slice(0, 23)
}

export function timeRangeChip(startMicros: number, endMicros: number): Chip {
  const [a, b] = startMicros <= endMicros ? [startMicros, endMicros] : [endMicros, startMicros]
  return { field: '', type: 'datetime_range', operator: 'must', active: true, value: `${chipTime(a)},${chipTime(b)}` }
}

export type IntervalUnit = 's' | 'm' | 'h' | 'd'

/** An instant with a window before and after it, e.g. `2020-05-01T12:00:00 -5m +5m` (the contract's interval chip). */
export function timeIntervalChip(centerMicros: number, before: number, after: number, unit: IntervalUnit): Chip {
  const amount = (n: number) => Math.max(0, Math.floor(n))
  return {
    field: '',
    type: 'datetime_interval',
    operator: 'must',
    active: true,
    value: `${chipTime(centerMicros)} -${amount(before)}${unit} +${amount(after)}${unit}`,
  }
}

/** A ±minutes window around an instant (the "show context" search). */
export function contextChip(centerMicros: number, minutes: number): Chip {
  const delta = minutes * 60_000_000
  return timeRangeChip(centerMicros - delta, centerMicros + delta)
}

/** Parses a `datetime_range` chip value into µs (UTC); undefined when malformed. */
export function parseTimeRange(value: string): { start: number; end: number } | undefined {
  const [a, b] = value.split(',')
  if (!a || !b) return undefined
  const start = Date.parse(a.endsWith('Z') ? a : `${a}Z`)
  const end = Date.parse(b.endsWith('Z') ? b : `${b}Z`)
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined
  return { start: start * 1000, end: end * 1000 }
}

function sameChip(a: Chip, b: Chip): boolean {
  return a.type === b.type && a.field === b.field && a.value === b.value
}

/** Adds a chip; an existing chip for the same thing takes the new operator and becomes active again. */
export function addChip(chips: Chip[], chip: Chip): Chip[] {
  const index = chips.findIndex((c) => sameChip(c, chip))
  if (index < 0) return [...chips, chip]
  return chips.map((c, i) => (i === index ? { ...c, operator: chip.operator, active: true } : c))
}

export function removeChip(chips: Chip[], index: number): Chip[] {
  return chips.filter((_, i) => i !== index)
}

export function toggleChip(chips: Chip[], index: number): Chip[] {
  return chips.map((c, i) => (i === index ? { ...c, active: !c.active } : c))
}

/** Flips include ⇄ exclude of a term chip. */
export function invertChip(chips: Chip[], index: number): Chip[] {
  return chips.map((c, i) =>
    i === index && c.type === 'term' ? { ...c, operator: c.operator === 'must_not' ? 'must' : 'must_not' } : c,
  )
}

/** What a chip says, for its label on screen. */
export function chipText(chip: Chip, formatTime: (micros: number) => string = (m) => chipTime(m)): string {
  switch (chip.type) {
    case 'term':
      return `${chip.operator === 'must_not' ? 'NOT ' : ''}${chip.field}: ${chip.value}`
    case 'label':
      if (chip.value === STAR_LABEL) return 'Starred'
      if (chip.value === COMMENT_LABEL) return 'Commented'
      return `Label: ${chip.value}`
    case 'datetime_range': {
      const range = parseTimeRange(chip.value)
      return range ? `${formatTime(range.start)} → ${formatTime(range.end)}` : chip.value
    }
    case 'datetime_interval': {
      const [at, ...window] = chip.value.split(' ')
      const micros = Date.parse(at.endsWith('Z') ? at : `${at}Z`) * 1000
      return Number.isNaN(micros) ? chip.value : `${formatTime(micros)} ${window.join(' ')}`
    }
  }
}

/** The `filter` object of an explore request. */
export function toFilter(state: QueryState, page?: { from?: number; size: number }): QueryFilter {
  const filter: QueryFilter = {
    indices: state.timelineIds === undefined ? '_all' : state.timelineIds,
    chips: state.chips.map((c) => ({ ...c })),
    order: state.order,
  }
  if (page) {
    filter.size = page.size
    filter.terminate_after = page.size
    if (page.from !== undefined) filter.from = page.from
  }
  return filter
}

/** The query string actually sent: blank means everything. */
export function effectiveQuery(state: QueryState): string {
  return state.query.trim() === '' ? '*' : state.query.trim()
}

/** Rebuilds the state from a saved search's `query_string` and JSON-encoded `query_filter`. */
export function fromSaved(queryString: string, queryFilter: string | Record<string, unknown>): QueryState {
  let filter: any = {}
  if (typeof queryFilter === 'string') {
    try {
      filter = queryFilter ? JSON.parse(queryFilter) : {}
    } catch {
      filter = {}
    }
  } else {
    filter = queryFilter ?? {}
  }
  const chips: Chip[] = Array.isArray(filter.chips)
    ? filter.chips
        .filter((c: any) => c && ['term', 'label', 'datetime_range', 'datetime_interval'].includes(c.type))
        .map((c: any) => ({
          field: String(c.field ?? ''),
          type: c.type,
          operator: c.operator === 'must_not' ? 'must_not' : 'must',
          active: c.active !== false,
          value: String(c.value ?? ''),
        }))
    : []
  const indices = filter.indices
  let timelineIds: number[] | undefined
  if (Array.isArray(indices) && !indices.includes('_all') && indices.length > 0) {
    const ids = indices.map(Number).filter((n: number) => Number.isInteger(n))
    timelineIds = ids.length > 0 ? ids : undefined
  }
  return { query: queryString || '*', chips, timelineIds, order: filter.order === 'desc' ? 'desc' : 'asc' }
}

/** Recent queries, newest first, without duplicates, at most `limit`. */
export function pushHistory(history: string[], query: string, limit = 50): string[] {
  const q = query.trim()
  if (!q) return history
  return [q, ...history.filter((h) => h !== q)].slice(0, limit)
}

export interface Completion {
  /** offset in the query where the replaced word starts */
  start: number
  /** offset where it ends */
  end: number
  /** field names that match */
  fields: string[]
}

/**
 * Field-name completion at the cursor: the word being typed (letters, digits, `_`, `.`), when it is
 * not already followed by a value, is matched against the sketch's mapped fields by prefix first,
 * then by substring.
 */
export function completeField(query: string, cursor: number, fields: string[], limit = 12): Completion | undefined {
  let start = cursor
  while (start > 0 && /[\w.]/.test(query[start - 1])) start--
  let end = cursor
  while (end < query.length && /[\w.]/.test(query[end])) end++
  const word = query.slice(start, cursor).toLowerCase()
  if (word.length === 0) return undefined
  const before = query[start - 1]
  if (before === ':' || before === '"') return undefined
  const prefix = fields.filter((f) => f.toLowerCase().startsWith(word))
  const inner = fields.filter((f) => !f.toLowerCase().startsWith(word) && f.toLowerCase().includes(word))
  const matches = [...prefix, ...inner].filter((f) => f.toLowerCase() !== word).slice(0, limit)
  return matches.length > 0 ? { start, end, fields: matches } : undefined
}

/** Applies a chosen completion: the field followed by a colon. */
export function applyCompletion(query: string, completion: Completion, field: string): { query: string; cursor: number } {
  const after = query.slice(completion.end)
  const insert = after.startsWith(':') ? field : `${field}:`
  const next = query.slice(0, completion.start) + insert + after
  return { query: next, cursor: completion.start + insert.length }
}

/** Length in milliseconds of a histogram interval such as `1d`, `12h`, `30m`, `1w`, `1M`, `1y`. */
export function intervalMillis(interval: string): number {
  const m = /^(\d+)\s*(ms|s|m|h|d|w|M|y)$/.exec(interval.trim())
  if (!m) return 86_400_000
  const n = Number(m[1])
  const unit: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
    M: 2_592_000_000,
    y: 31_536_000_000,
  }
  return n * unit[m[2]]
}

export interface HistogramBucket {
  /** bucket start, ms since the epoch */
  start: number
  count: number
}

/** Buckets of `count_over_time`, sorted by time. */
export function histogramBuckets(countOverTime: { data: Record<string, number> } | undefined): HistogramBucket[] {
  if (!countOverTime?.data) return []
  return Object.entries(countOverTime.data)
    .map(([k, v]) => ({ start: Number(k), count: Number(v) }))
    .filter((b) => Number.isFinite(b.start))
    .sort((a, b) => a.start - b.start)
}

/** The time chip for a drag over buckets `from`..`to` (inclusive, either order). */
export function zoomChip(buckets: HistogramBucket[], from: number, to: number, interval: string): Chip | undefined {
  if (buckets.length === 0) return undefined
  const lo = Math.max(0, Math.min(from, to))
  const hi = Math.min(buckets.length - 1, Math.max(from, to))
  const startMs = buckets[lo].start
  const endMs = buckets[hi].start + intervalMillis(interval) - 1
  return timeRangeChip(startMs * 1000, endMs * 1000)
}
