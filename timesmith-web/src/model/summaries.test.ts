import { describe, expect, it } from 'vitest'
import { barSpec, dateSummary, fieldSummary, parseVegaSpec } from './summaries'

const row = {
  datetime_percentiles: { values: { '50.0': 1, '50.0_as_string': '2024-01-01T00:40:00.000000Z' } },
  datetime_min: { value: 1, value_as_string: '2024-01-01T00:00:00.000000Z' },
  datetime_max: { value: 2, value_as_string: '2025-01-01T00:27:00.000000Z' },
  value_cardinality: { value: 1 },
  value_count: { value: 50 },
  all_values: {
    doc_count: 151,
    datetime_min: { value: null },
    datetime_max: { value: null },
    field_cardinality: { value: 65536, lower_bound: true },
    field_count: { value: 1500 },
    top_terms: { buckets: [{ key: 'alice', doc_count: 100 }, { key: 'root', doc_count: 50 }] },
    rare_terms: { buckets: [{ key: 'mallory', doc_count: 1 }], incomplete: true },
  },
}

describe('fieldSummary', () => {
  it('reads the facts, top and rare values of a field_summary row', () => {
    const s = fieldSummary(row)!
    const facts = Object.fromEntries(s.facts.map((f) => [f.label, f.value]))
    expect(facts['Events with the value']).toBe('50')
    expect(facts['Median time']).toBe('2024-01-01 00:40:00')
    const berlin = Object.fromEntries(fieldSummary(row, 'Europe/Berlin')!.facts.map((f) => [f.label, f.value]))
    expect(berlin['Median time']).toBe('2024-01-01 01:40:00')
    expect(facts['Values of the field']).toBe('1,500')
    expect(facts['Distinct values of the field']).toBe('65,536+')
    expect(facts['Field first seen']).toBe('–')
    expect(s.top).toEqual([{ key: 'alice', count: 100 }, { key: 'root', count: 50 }])
    expect(s.rare).toEqual([{ key: 'mallory', count: 1 }])
    expect(s.rareIncomplete).toBe(true)
  })

  it('is undefined for rows that are not summaries', () => {
    expect(fieldSummary(undefined)).toBeUndefined()
    expect(fieldSummary({ user: 'x', count: 3 })).toBeUndefined()
  })
})

describe('dateSummary', () => {
  it('labels each kind of histogram', () => {
    const hist = (name: string, keys: number[]) => ({ [name]: { buckets: keys.map((key) => ({ key, doc_count: key })) } })
    expect(dateSummary(hist('year_histogram', [2024]))).toEqual([{ label: '2024', count: 2024 }])
    expect(dateSummary(hist('month_histogram', [1, 12]))!.map((b) => b.label)).toEqual(['Jan', 'Dec'])
    expect(dateSummary(hist('day_histogram', [0, 6]))!.map((b) => b.label)).toEqual(['Mon', 'Sun'])
    expect(dateSummary(hist('hour_histogram', [9]))!.map((b) => b.label)).toEqual(['09:00'])
    expect(dateSummary(hist('hour_of_week_histogram', [49]))!.map((b) => b.label)).toEqual(['Wed 01:00'])
  })

  it('is undefined without a histogram and charts buckets in their order', () => {
    expect(dateSummary({ user: 'x' })).toBeUndefined()
    const spec = barSpec([{ label: 'Mon', count: 2 }], 'Days') as any
    expect(spec.data.values).toEqual([{ period: 'Mon', count: 2 }])
    expect(spec.encoding.x.sort).toBeNull()
  })
})

describe('parseVegaSpec', () => {
  it('accepts an inline spec', () => {
    expect(parseVegaSpec('{"mark": "bar", "data": {"values": [{"a": 1}]}}')).toEqual({
      spec: { mark: 'bar', data: { values: [{ a: 1 }] } },
    })
  })

  it('refuses broken JSON, non-objects and remote data anywhere', () => {
    expect(parseVegaSpec('{mark')).toHaveProperty('error')
    expect(parseVegaSpec('[1]')).toEqual({ error: 'A Vega-Lite spec is a JSON object.' })
    expect(parseVegaSpec('null')).toHaveProperty('error')
    const remote = parseVegaSpec('{"layer": [{"mark": "line", "data": {"url": "https://x.invalid/d.json"}}]}')
    expect((remote as { error: string }).error).toContain('url')
  })
})
