/**
 * Explore's quick charts, worked out in the browser from raw aggregations (contract §13.2): the
 * values of one field and a day-of-week × hour heatmap of the current search. The search goes to
 * the server as one query string: the query, and its active term and time-range chips as
 * `field:"value"` and `datetime:["a" TO "b"]` clauses (label and interval chips are not carried: the
 * charts say so).
 */
import type { Chip } from '../api/types'
import { effectiveQuery, parseTimeRange, type QueryState } from './query'

const quote = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`
const fieldName = (field: string) => field.replace(/([\s+\-&|!(){}[\]^"~*?:\\/])/g, '\\$1')

/** The chips a chart cannot carry (labels, intervals), for its caption. */
export function uncarriedChips(state: QueryState): Chip[] {
  return state.chips.filter((c) => c.active && c.type !== 'term' && c.type !== 'datetime_range')
}

/** The current search as one query string. */
export function searchQuery(state: QueryState): string {
  const clauses: string[] = []
  const q = effectiveQuery(state)
  if (q !== '*') clauses.push(`(${q})`)
  for (const c of state.chips) {
    if (!c.active) continue
    if (c.type === 'term' && c.field) {
      clauses.push(`${c.operator === 'must_not' ? 'NOT ' : ''}${fieldName(c.field)}:${quote(c.value)}`)
    } else if (c.type === 'datetime_range') {
      const range = parseTimeRange(c.value)
      if (range) {
        const iso = (micros: number) => new Date(Math.floor(micros / 1000)).toISOString()
        clauses.push(`${c.operator === 'must_not' ? 'NOT ' : ''}datetime:[${quote(iso(range.start))} TO ${quote(iso(range.end))}]`)
      }
    }
  }
  if (!clauses.length) return '*'
  // a query that starts with NOT needs something to take it from
  return (clauses[0].startsWith('NOT ') ? ['*', ...clauses] : clauses).join(' AND ')
}

function withQuery(state: QueryState, aggs: Record<string, unknown>): Record<string, unknown> {
  const q = searchQuery(state)
  return { ...(q === '*' ? {} : { query: { query_string: { query: q, default_operator: 'AND' } } }), aggs }
}

/** The raw aggregation of the most frequent values of a field in the search. */
export function fieldValuesDsl(state: QueryState, field: string, size: number): Record<string, unknown> {
  return withQuery(state, { values: { terms: { field, size } } })
}

/** The raw aggregation of the search's events per hour, for the heatmap. */
export function hourlyDsl(state: QueryState): Record<string, unknown> {
  return withQuery(state, { hours: { date_histogram: { field: 'datetime', fixed_interval: '1h' } } })
}

export interface KeyCount {
  key: string
  count: number
}

/** The `{key, doc_count}` buckets of one named aggregation of a raw answer. */
export function dslBuckets(response: { objects?: unknown[] } | undefined, name: string): KeyCount[] {
  const first = (response?.objects ?? [])[0] as Record<string, { buckets?: { key?: unknown; key_as_string?: unknown; doc_count?: unknown }[] }> | undefined
  const buckets = first?.[name]?.buckets
  if (!Array.isArray(buckets)) return []
  return buckets
    .filter((b) => b && b.key !== undefined && b.key !== null && Number.isFinite(Number(b.doc_count)))
    .map((b) => ({ key: String(b.key), count: Number(b.doc_count) }))
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export interface HeatCell {
  day: string
  hour: number
  count: number
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>()

/** Weekday (0 = Monday) and hour of an instant in a time zone. */
function dayAndHour(millis: number, timeZone: string): [number, number] {
  let f = weekdayFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' })
    weekdayFormats.set(timeZone, f)
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(millis)).map((p) => [p.type, p.value]))
  return [WEEKDAYS.indexOf(String(parts.weekday)), Number(parts.hour) % 24]
}

/**
 * Hourly counts (bucket keys in epoch milliseconds) folded into the 7 × 24 cells of a week in the
 * display zone; every cell is present, empty ones with 0. (Zones with half-hour offsets put a
 * bucket in the hour it starts in.)
 */
export function heatmapCells(hourly: KeyCount[], timeZone: string): HeatCell[] {
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  for (const b of hourly) {
    const millis = Number(b.key)
    if (!Number.isFinite(millis) || b.count <= 0) continue
    const [day, hour] = dayAndHour(millis, timeZone)
    if (day >= 0) counts[day][hour] += b.count
  }
  return counts.flatMap((hours, day) => hours.map((count, hour) => ({ day: WEEKDAYS[day], hour, count })))
}

/** The Vega-Lite heatmap of the cells. */
export function heatmapSpec(cells: HeatCell[], timeZone: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values: cells },
    mark: { type: 'rect', tooltip: true },
    height: 220,
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: `Hour (${timeZone})` },
      y: { field: 'day', type: 'ordinal', sort: WEEKDAYS, title: null },
      color: { field: 'count', type: 'quantitative', title: 'Events', scale: { scheme: 'oranges' } },
    },
  }
}

/** The Vega-Lite bar chart of a field's values. */
export function valuesSpec(field: string, rows: KeyCount[]): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values: rows.map((r) => ({ [field]: r.key, count: r.count })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field, type: 'nominal', sort: '-x', title: field },
      x: { field: 'count', type: 'quantitative', title: 'Events' },
    },
  }
}
