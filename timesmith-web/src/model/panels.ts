/**
 * The explore side panels' rules, kept out of the components so that they can be tested alone:
 * the value counts an aggregation answers, and the threat intelligence indicators kept in the
 * sketch's `intelligence` attribute (Timesketch's shape: `{"data": [{ioc, type, tags, externalURI}]}`).
 */
import type { AggregationResponse, SketchMeta } from '../api/types'

export interface ValueCount {
  value: string
  count: number
}

/** The rows of a `field_bucket` answer for `field`, most frequent first. */
export function valueCounts(response: AggregationResponse | undefined, field: string): ValueCount[] {
  const rows: ValueCount[] = []
  for (const object of response?.objects ?? []) {
    for (const result of Object.values(object ?? {})) {
      for (const bucket of result?.buckets ?? []) {
        const value = bucket[field]
        const count = Number(bucket.count)
        if (value !== undefined && value !== null && value !== '' && Number.isFinite(count)) rows.push({ value: String(value), count })
      }
    }
  }
  return rows.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
}

export interface Indicator {
  ioc: string
  type: string
  tags: string[]
  externalURI?: string
}

/** Timesketch's indicator types, tried in this order on a new value; `other` takes anything. */
export const INDICATOR_TYPES: { type: string; label: string; pattern: RegExp }[] = [
  { type: 'fs_path', label: 'Filesystem path', pattern: /^(\/[^\s/]+)+$/ },
  { type: 'ipv4', label: 'IPv4 address', pattern: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/ },
  { type: 'hostname', label: 'Hostname', pattern: /^([-\w]+\.)+[a-z]{2,}$/i },
  { type: 'hash_sha256', label: 'SHA256', pattern: /^[0-9a-f]{64}$/i },
  { type: 'hash_sha1', label: 'SHA1', pattern: /^[0-9a-f]{40}$/i },
  { type: 'hash_md5', label: 'MD5', pattern: /^[0-9a-f]{32}$/i },
  { type: 'other', label: 'Other', pattern: /./ },
]

/** The type a value looks like. */
export function indicatorType(value: string): string {
  const v = value.trim()
  return INDICATOR_TYPES.find((t) => t.pattern.test(v))?.type ?? 'other'
}

/** The indicators of the sketch (none when the attribute is missing or not in Timesketch's shape). */
export function indicatorsOf(meta: SketchMeta): Indicator[] {
  const value = meta.attributes?.intelligence?.value as { data?: unknown } | undefined
  const data = value && typeof value === 'object' && Array.isArray(value.data) ? value.data : []
  return data
    .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && typeof (d as any).ioc === 'string')
    .map((d) => ({
      ioc: String(d.ioc),
      type: typeof d.type === 'string' ? d.type : 'other',
      tags: Array.isArray(d.tags) ? d.tags.map((t: any) => (typeof t === 'object' && t ? String(t.name) : String(t))) : [],
      ...(typeof d.externalURI === 'string' && d.externalURI ? { externalURI: d.externalURI } : {}),
    }))
}

/** The list with the indicator added, or its type and tags replaced when the value is there already. */
export function withIndicator(list: Indicator[], indicator: Indicator): Indicator[] {
  const ioc = indicator.ioc.trim()
  const next = { ...indicator, ioc }
  const at = list.findIndex((i) => i.ioc === ioc)
  return at < 0 ? [...list, next] : list.map((i, k) => (k === at ? next : i))
}

export function withoutIndicator(list: Indicator[], ioc: string): Indicator[] {
  return list.filter((i) => i.ioc !== ioc)
}

/** The query finding every occurrence of an indicator: the quoted value, with `\` and `"` escaped. */
export function indicatorQuery(ioc: string): string {
  return `"${ioc.replace(/[\\"]/g, '\\$&')}"`
}
