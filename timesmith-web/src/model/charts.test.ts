import { describe, expect, it } from 'vitest'
import { dslBuckets, fieldValuesDsl, heatmapCells, hourlyDsl, searchQuery, uncarriedChips, valuesSpec } from './charts'
import { emptyQuery, labelChip, termChip, timeRangeChip } from './query'

const state = (query: string, chips = [termChip('user', 'mallory')]) => ({ ...emptyQuery(), query, chips })

describe('searchQuery', () => {
  it('joins the query with the term and time-range chips', () => {
    const range = timeRangeChip(Date.UTC(2024, 2, 1) * 1000, Date.UTC(2024, 2, 2) * 1000)
    expect(searchQuery(state('action:logon', [termChip('user', 'mallory'), termChip('src ip', 'a"b', true), range]))).toBe(
      '(action:logon) AND user:"mallory" AND NOT src\\ ip:"a\\"b" AND datetime:["2024-03-01T00:00:00.000Z" TO "2024-03-02T00:00:00.000Z"]',
    )
  })

  it('is everything without a query or chips, and starts a lone exclusion from everything', () => {
    expect(searchQuery(state('*', []))).toBe('*')
    expect(searchQuery(state('', [termChip('user', 'bob', true)]))).toBe('* AND NOT user:"bob"')
    const off = { ...termChip('user', 'x'), active: false }
    expect(searchQuery(state('*', [off]))).toBe('*')
  })

  it('names the chips it cannot carry', () => {
    expect(uncarriedChips(state('*', [termChip('a', 'b'), labelChip('__ts_star')])).map((c) => c.type)).toEqual(['label'])
  })
})

describe('raw aggregations', () => {
  it('asks for a field\'s values and the hourly counts of the search', () => {
    expect(fieldValuesDsl(state('*', []), 'user', 20)).toEqual({ aggs: { values: { terms: { field: 'user', size: 20 } } } })
    expect(hourlyDsl(state('x'))).toEqual({
      query: { query_string: { query: '(x) AND user:"mallory"', default_operator: 'AND' } },
      aggs: { hours: { date_histogram: { field: 'datetime', fixed_interval: '1h' } } },
    })
  })

  it('reads the buckets of an answer and nothing from a broken one', () => {
    const answer = { objects: [{ values: { buckets: [{ key: 'mallory', doc_count: 3 }, { key: null, doc_count: 1 }, { key: 'x', doc_count: 'n' }] } }] }
    expect(dslBuckets(answer, 'values')).toEqual([{ key: 'mallory', count: 3 }])
    expect(dslBuckets(answer, 'other')).toEqual([])
    expect(dslBuckets(undefined, 'values')).toEqual([])
    expect(dslBuckets({ objects: [{ values: { buckets: 'x' } }] } as any, 'values')).toEqual([])
  })
})

describe('heatmapCells', () => {
  it('folds hourly counts into the week of the display zone, every cell present', () => {
    // Friday 2024-03-01 23:00 UTC is Saturday 00:00 in Berlin
    const friday23 = Date.UTC(2024, 2, 1, 23)
    const hourly = [
      { key: String(friday23), count: 5 },
      { key: String(friday23 + 7 * 86_400_000), count: 2 },
      { key: String(Date.UTC(2024, 2, 4, 9)), count: 1 },
      { key: 'broken', count: 9 },
    ]
    const utc = heatmapCells(hourly, 'UTC')
    expect(utc).toHaveLength(168)
    expect(utc.find((c) => c.day === 'Fri' && c.hour === 23)?.count).toBe(7)
    expect(utc.find((c) => c.day === 'Mon' && c.hour === 9)?.count).toBe(1)
    expect(utc.reduce((n, c) => n + c.count, 0)).toBe(8)
    const berlin = heatmapCells(hourly, 'Europe/Berlin')
    expect(berlin.find((c) => c.day === 'Sat' && c.hour === 0)?.count).toBe(7)
    expect(berlin.find((c) => c.day === 'Mon' && c.hour === 10)?.count).toBe(1)
  })
})

describe('valuesSpec', () => {
  it('draws the values as bars, most frequent first', () => {
    const spec = valuesSpec('user', [{ key: 'mallory', count: 3 }]) as any
    expect(spec.data.values).toEqual([{ user: 'mallory', count: 3 }])
    expect(spec.encoding.y).toMatchObject({ field: 'user', sort: '-x' })
  })
})
