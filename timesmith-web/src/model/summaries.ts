/**
 * The results of Timesketch's summary aggregators and of `manual_vega`, made readable: a
 * `field_summary` answer is one nested row of OpenSearch-shaped statistics, a `datefield_summary`
 * answer one histogram; the aggregation screen shows them as facts, value lists and a bar chart
 * instead of a table of nested objects. `manual_vega` takes a Vega-Lite spec typed by the user,
 * checked here first so a typo is reported before anything is sent.
 */

import { formatServerTime } from './time'

export type Row = Record<string, any>

export interface Fact {
  label: string
  value: string
}

export interface TermCount {
  key: string
  count: number
}

export interface FieldSummary {
  facts: Fact[]
  top: TermCount[]
  rare: TermCount[]
  rareIncomplete: boolean
}

const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : '–')
const count = (node: any) => number(node?.value) + (node?.lower_bound ? '+' : '')
const time = (text: unknown, timeZone: string) => (typeof text === 'string' ? formatServerTime(text, timeZone) : '–')
const terms = (buckets: unknown): TermCount[] =>
  Array.isArray(buckets) ? buckets.map((b: any) => ({ key: String(b?.key ?? ''), count: Number(b?.doc_count ?? 0) })) : []

/** The facts of a `field_summary` row: over the chosen value, then over every selected event; times in the display zone. */
export function fieldSummary(row: Row | undefined, timeZone = 'UTC'): FieldSummary | undefined {
  if (!row || typeof row !== 'object' || !row.all_values) return undefined
  const all = row.all_values
  const median = row.datetime_percentiles?.values?.['50.0_as_string']
  return {
    facts: [
      { label: 'Events with the value', value: count(row.value_count) },
      { label: 'Distinct values', value: count(row.value_cardinality) },
      { label: 'First', value: time(row.datetime_min?.value_as_string, timeZone) },
      { label: 'Median time', value: time(median, timeZone) },
      { label: 'Last', value: time(row.datetime_max?.value_as_string, timeZone) },
      { label: 'Selected events', value: number(all.doc_count) },
      { label: 'Values of the field', value: count(all.field_count) },
      { label: 'Distinct values of the field', value: count(all.field_cardinality) },
      { label: 'Field first seen', value: time(all.datetime_min?.value_as_string, timeZone) },
      { label: 'Field last seen', value: time(all.datetime_max?.value_as_string, timeZone) },
    ],
    top: terms(all.top_terms?.buckets),
    rare: terms(all.rare_terms?.buckets),
    rareIncomplete: !!all.rare_terms?.incomplete,
  }
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A histogram key as a person reads it: `Mon`, `Mar`, `14:00`, `Wed 09:00` or the year. */
function label(histogram: string, key: number): string {
  switch (histogram) {
    case 'month_histogram':
      return MONTHS[key - 1] ?? String(key)
    case 'day_histogram':
      return DAYS[key] ?? String(key)
    case 'hour_histogram':
      return `${String(key).padStart(2, '0')}:00`
    case 'hour_of_week_histogram':
      return `${DAYS[Math.floor(key / 24)] ?? '?'} ${String(key % 24).padStart(2, '0')}:00`
    default:
      return String(key)
  }
}

export interface DateBucket {
  label: string
  count: number
}

/** The buckets of a `datefield_summary` row, in order, labelled. */
export function dateSummary(row: Row | undefined): DateBucket[] | undefined {
  if (!row || typeof row !== 'object') return undefined
  const name = Object.keys(row).find((k) => k.endsWith('_histogram'))
  if (!name || !Array.isArray(row[name]?.buckets)) return undefined
  return row[name].buckets.map((b: any) => ({ label: label(name, Number(b.key)), count: Number(b.doc_count ?? 0) }))
}

/** A bar chart of labelled counts, in their order. */
export function barSpec(buckets: DateBucket[], title: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: buckets.map((b) => ({ period: b.label, count: b.count })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', sort: null, title: null },
      y: { field: 'count', type: 'quantitative' },
    },
  }
}

/** A typed Vega-Lite spec, or why it cannot be one; remote data is refused as the server refuses it. */
export function parseVegaSpec(text: string): { spec: Record<string, unknown> } | { error: string } {
  let spec: unknown
  try {
    spec = JSON.parse(text)
  } catch (e) {
    return { error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` }
  }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return { error: 'A Vega-Lite spec is a JSON object.' }
  if (hasUrl(spec)) return { error: 'The spec loads remote data (url); put the rows in data.values or datasets.' }
  return { spec: spec as Record<string, unknown> }
}

function hasUrl(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasUrl)
  if (!node || typeof node !== 'object') return false
  return Object.entries(node).some(([k, v]) => (k === 'url' && typeof v === 'string') || hasUrl(v))
}
