import { describe, expect, it } from 'vitest'
import {
  addChip,
  applyCompletion,
  chipText,
  chipTime,
  completeField,
  contextChip,
  effectiveQuery,
  emptyQuery,
  fromSaved,
  histogramBuckets,
  intervalMillis,
  timeIntervalChip,
  invertChip,
  labelChip,
  parseTimeRange,
  pushHistory,
  removeChip,
  STAR_LABEL,
  termChip,
  timeRangeChip,
  toFilter,
  toggleChip,
  zoomChip,
} from './query'

const T0 = Date.UTC(2024, 0, 15, 10, 30, 0) * 1000 // µs

describe('chips', () => {
  it('serialise to exactly the five keys of the wire contract', () => {
    const chip = termChip('data_type', 'windows:evtx', true)
    expect(Object.keys(chip).sort()).toEqual(['active', 'field', 'operator', 'type', 'value'])
    expect(chip).toEqual({ field: 'data_type', type: 'term', operator: 'must_not', active: true, value: 'windows:evtx' })
  })

  it('term values are sent as strings', () => {
    expect(termChip('event_id', 4624).value).toBe('4624')
  })

  it('time ranges use YYYY-MM-DDTHH:MM:SS with milliseconds only when non-zero', () => {
    expect(timeRangeChip(T0, T0 + 60_000_000).value).toBe('2024-01-15T10:30:00,2024-01-15T10:31:00')
    expect(chipTime(T0 + 123_456)).toBe('2024-01-15T10:30:00.123')
  })

  it('time ranges are ordered whatever the drag direction', () => {
    expect(timeRangeChip(T0 + 60_000_000, T0).value).toBe('2024-01-15T10:30:00,2024-01-15T10:31:00')
  })

  it('context is ±N minutes around the event', () => {
    expect(contextChip(T0, 5).value).toBe('2024-01-15T10:25:00,2024-01-15T10:35:00')
  })

  it('parses range values back, with and without Z', () => {
    expect(parseTimeRange('2024-01-15T10:30:00,2024-01-15T10:31:00Z')).toEqual({ start: T0, end: T0 + 60_000_000 })
    expect(parseTimeRange('garbage')).toBeUndefined()
    expect(parseTimeRange('2024-13-99T00:00:00,x')).toBeUndefined()
  })

  it('adding the same chip again reactivates it with the new operator instead of duplicating', () => {
    let chips = addChip([], termChip('user', 'root'))
    chips = toggleChip(chips, 0)
    expect(chips[0].active).toBe(false)
    chips = addChip(chips, termChip('user', 'root', true))
    expect(chips).toHaveLength(1)
    expect(chips[0]).toMatchObject({ active: true, operator: 'must_not' })
  })

  it('disabled chips stay in the filter with active=false', () => {
    const chips = toggleChip([labelChip(STAR_LABEL), termChip('a', 'b')], 1)
    const filter = toFilter({ ...emptyQuery(), chips })
    expect(filter.chips.map((c) => c.active)).toEqual([true, false])
  })

  it('invert flips only term chips', () => {
    const chips = [termChip('a', 'b'), labelChip(STAR_LABEL)]
    expect(invertChip(chips, 0)[0].operator).toBe('must_not')
    expect(invertChip(invertChip(chips, 0), 0)[0].operator).toBe('must')
    expect(invertChip(chips, 1)[1].operator).toBe('must')
  })

  it('remove drops one chip', () => {
    expect(removeChip([termChip('a', '1'), termChip('a', '2')], 0)).toEqual([termChip('a', '2')])
  })

  it('describes chips for people', () => {
    expect(chipText(termChip('user', 'root', true))).toBe('NOT user: root')
    expect(chipText(labelChip(STAR_LABEL))).toBe('Starred')
    expect(chipText(timeRangeChip(T0, T0))).toBe('2024-01-15T10:30:00 → 2024-01-15T10:30:00')
  })
})

describe('filter', () => {
  it('searches all timelines by default and the chosen ones otherwise', () => {
    expect(toFilter(emptyQuery()).indices).toBe('_all')
    expect(toFilter({ ...emptyQuery(), timelineIds: [3, 4] }).indices).toEqual([3, 4])
  })

  it('carries paging only when asked', () => {
    expect(toFilter(emptyQuery())).not.toHaveProperty('size')
    expect(toFilter(emptyQuery(), { from: 400, size: 200 })).toMatchObject({ from: 400, size: 200, terminate_after: 200 })
  })

  it('a blank query means everything', () => {
    expect(effectiveQuery({ ...emptyQuery(), query: '   ' })).toBe('*')
  })

  it('round-trips through a saved search', () => {
    const state = { query: 'message:logon', chips: [termChip('user', 'bob', true), timeRangeChip(T0, T0 + 1)], timelineIds: [7], order: 'desc' as const }
    const restored = fromSaved(state.query, JSON.stringify(toFilter(state, { size: 40 })))
    expect(restored).toEqual(state)
  })

  it('reads saved filters tolerantly: bad JSON, unknown chips, _all', () => {
    expect(fromSaved('x', '{not json')).toEqual({ query: 'x', chips: [], timelineIds: undefined, order: 'asc' })
    const r = fromSaved('', JSON.stringify({ indices: ['_all'], chips: [{ type: 'weird', value: 1 }, { type: 'label', value: '__ts_star', operator: 'should' }] }))
    expect(r.query).toBe('*')
    expect(r.timelineIds).toBeUndefined()
    expect(r.chips).toEqual([{ field: '', type: 'label', operator: 'must', active: true, value: '__ts_star' }])
  })
})

describe('history', () => {
  it('keeps the newest first without duplicates and bounded', () => {
    let h: string[] = []
    for (const q of ['a', 'b', 'a', ' ', 'c']) h = pushHistory(h, q, 2)
    expect(h).toEqual(['c', 'a'])
  })
})

describe('field completion', () => {
  const fields = ['data_type', 'datetime', 'message', 'source_ip', 'user.name']

  it('completes the word at the cursor by prefix first, then substring', () => {
    expect(completeField('dat', 3, fields)?.fields).toEqual(['data_type', 'datetime'])
    expect(completeField('name', 4, fields)?.fields).toEqual(['user.name'])
  })

  it('does not complete values', () => {
    expect(completeField('message:dat', 11, fields)).toBeUndefined()
    expect(completeField('', 0, fields)).toBeUndefined()
  })

  it('replaces the word and adds a colon', () => {
    const q = 'foo AND so bar'
    const c = completeField(q, 10, fields)!
    expect(applyCompletion(q, c, 'source_ip')).toEqual({ query: 'foo AND source_ip: bar', cursor: 18 })
  })
})

describe('histogram', () => {
  it('builds a ±interval time chip as the contract writes it, and labels it in the display zone', () => {
    const chip = timeIntervalChip(Date.UTC(2020, 4, 1, 12) * 1000, 5, 10, 'm')
    expect(chip).toEqual({ field: '', type: 'datetime_interval', operator: 'must', active: true, value: '2020-05-01T12:00:00 -5m +10m' })
    expect(chipText(chip, () => 'noon')).toBe('noon -5m +10m')
    expect(timeIntervalChip(0, -3, 2.7, 'h').value).toBe('1970-01-01T00:00:00 -0h +2h')
    expect(chipText({ ...chip, value: 'garbage -5m +5m' })).toBe('garbage -5m +5m')
  })

  it('parses intervals', () => {
    expect(intervalMillis('1d')).toBe(86_400_000)
    expect(intervalMillis('30m')).toBe(1_800_000)
    expect(intervalMillis('bogus')).toBe(86_400_000)
  })

  it('sorts buckets and turns a drag into a time chip covering whole buckets', () => {
    const day = 86_400_000
    const start = Date.UTC(2024, 0, 1)
    const buckets = histogramBuckets({ data: { [start + day]: 5, [start]: 2, [start + 2 * day]: 1 } })
    expect(buckets.map((b) => b.count)).toEqual([2, 5, 1])
    expect(zoomChip(buckets, 2, 1, '1d')?.value).toBe('2024-01-02T00:00:00,2024-01-03T23:59:59.999')
    expect(zoomChip([], 0, 1, '1d')).toBeUndefined()
  })
})
