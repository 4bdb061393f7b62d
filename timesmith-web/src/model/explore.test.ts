import { describe, expect, it } from 'vitest'
import type { Chip } from '../api/types'
import {
  bulkActionOf,
  contextChips,
  filterFields,
  moveIndex,
  parseUtc,
  requestedFields,
  timeChip,
  toggleColumnIn,
  toggleTimelineIds,
  toggledStar,
  totalOf,
  urlFilter,
  type TimeForm,
} from './explore'
import { emptyQuery, fromSaved, labelChip, termChip } from './query'

const form = (f: Partial<TimeForm>): TimeForm => ({ mode: 'range', start: '', end: '', before: 5, after: 5, unit: 'm', ...f })

describe('explore rules', () => {
  it('asks for the fields a row shows and the columns, not the label alias', () => {
    const fields = requestedFields([
      { field: 'datetime', width: 200 },
      { field: 'src_ip', width: 180 },
      { field: 'label', width: 100 },
    ]).split(',')
    expect(fields).toContain('src_ip')
    expect(fields).toContain('timesketch_label')
    expect(fields).toContain('__ts_timeline_id')
    expect(fields).not.toContain('label')
    expect(new Set(fields).size).toBe(fields.length)
  })

  it('takes the total from the counts the response has, else the fallback', () => {
    expect(totalOf({ es_total_count: 12 }, 3)).toBe(12)
    expect(totalOf({ es_total_count_complete: 7 }, 3)).toBe(7)
    expect(totalOf({}, 3)).toBe(3)
  })

  it('keeps chips, timelines and order in the address, and reads them back', () => {
    const state = { ...emptyQuery(), query: 'user:bob', chips: [termChip('user', 'bob')], timelineIds: [2, 5], order: 'desc' as const }
    const f = urlFilter(state)
    expect(JSON.parse(f)).toEqual({ chips: state.chips, indices: [2, 5], order: 'desc' })
    expect(fromSaved(state.query, f)).toEqual(state)
    expect(JSON.parse(urlFilter(emptyQuery())).indices).toBe('_all')
  })

  it('reads times as UTC, with or without the Z', () => {
    expect(parseUtc('2024-03-01T12:00:00')).toBe(Date.UTC(2024, 2, 1, 12))
    expect(parseUtc('2024-03-01T12:00:00Z')).toBe(Date.UTC(2024, 2, 1, 12))
    expect(parseUtc('yesterday')).toBeNaN()
  })

  it('turns the time form into a range or an interval chip', () => {
    expect(timeChip(form({ start: '2024-01-31T00:00:00', end: '2024-01-01T00:00:00' }))).toEqual({
      chip: { field: '', type: 'datetime_range', operator: 'must', active: true, value: '2024-01-01T00:00:00,2024-01-31T00:00:00' },
    })
    expect(timeChip(form({ mode: 'interval', start: '2024-03-01T12:00:00', before: 0, after: 1, unit: 'h' }))).toEqual({
      chip: { field: '', type: 'datetime_interval', operator: 'must', active: true, value: '2024-03-01T12:00:00 -0h +1h' },
    })
  })

  it('says what is wrong with a time form', () => {
    expect(timeChip(form({ start: '2024-01-01T00:00:00', end: 'later' }))).toEqual({ error: 'Give both times as YYYY-MM-DDTHH:MM:SS (UTC)' })
    expect(timeChip(form({ mode: 'interval', start: 'now' }))).toEqual({ error: 'Give the instant as YYYY-MM-DDTHH:MM:SS (UTC)' })
    // the end of a range does not matter for an interval
    expect('chip' in timeChip(form({ mode: 'interval', start: '2024-01-01T00:00:00', end: 'x' }))).toBe(true)
  })

  it('toggles timelines; all of them is "undefined"; the last one cannot be switched off', () => {
    const all = [1, 2, 3]
    expect(toggleTimelineIds(undefined, all, 2)).toEqual({ ids: [1, 3], empty: false })
    expect(toggleTimelineIds([1, 3], all, 2)).toEqual({ ids: undefined, empty: false })
    expect(toggleTimelineIds([1], all, 3)).toEqual({ ids: [1, 3], empty: false })
    expect(toggleTimelineIds([2], all, 2)).toEqual({ ids: [2], empty: true })
  })

  it('shows the context of an event: term, time and label chips give way to a time window', () => {
    const interval: Chip = { field: '', type: 'datetime_interval', operator: 'must', active: true, value: '2024-01-01T00:00:00 -1m +1m' }
    const chips = [termChip('user', 'bob'), labelChip('__ts_star'), interval, { ...termChip('a', 'b'), type: 'datetime_range' as const, value: 'x,y' }]
    const micros = Date.UTC(2024, 0, 1, 12) * 1000
    const next = contextChips(chips, micros, 5)
    expect(next).toEqual([interval, { field: '', type: 'datetime_range', operator: 'must', active: true, value: '2024-01-01T11:55:00,2024-01-01T12:05:00' }])
  })

  it('toggles the star among other labels', () => {
    expect(toggledStar(['a'])).toEqual(['a', '__ts_star'])
    expect(toggledStar(['__ts_star', 'a'])).toEqual(['a'])
    expect(toggledStar(undefined)).toEqual(['__ts_star'])
  })

  it('makes the bulk action of the dialog, nothing while the text is empty', () => {
    expect(bulkActionOf('star', '')).toEqual({ kind: 'label', label: '__ts_star' })
    expect(bulkActionOf('label', ' seen ')).toEqual({ kind: 'label', label: 'seen' })
    expect(bulkActionOf('tag', 'evil')).toEqual({ kind: 'tag', tag: 'evil' })
    expect(bulkActionOf('tag', '  ')).toBeUndefined()
    expect(bulkActionOf('label', '')).toBeUndefined()
  })

  it('adds a column at the end or removes it', () => {
    const columns = [
      { field: 'datetime', width: 200 },
      { field: 'message', width: 400 },
    ]
    expect(toggleColumnIn(columns, 'user')).toEqual({ columns: [...columns, { field: 'user', width: 180 }], added: true })
    expect(toggleColumnIn(columns, 'datetime')).toEqual({ columns: [columns[1]], added: false })
  })

  it('filters the column picker case-insensitively', () => {
    expect(filterFields(['src_ip', 'Source', 'message'], 'SRC')).toEqual(['src_ip'])
    expect(filterFields(['src_ip', 'Source', 'message'], 'so')).toEqual(['Source'])
    expect(filterFields(['a', 'b'], '')).toEqual(['a', 'b'])
  })

  it('moves through the completion list and wraps around', () => {
    expect(moveIndex(0, 3, true)).toBe(1)
    expect(moveIndex(2, 3, true)).toBe(0)
    expect(moveIndex(0, 3, false)).toBe(2)
  })
})
