import { describe, expect, it } from 'vitest'
import { formatCommentTime } from './eventDetail'
import { formatServerTime } from './time'

describe('formatServerTime', () => {
  it('reads the server\'s UTC times without an offset and shows them in the display zone', () => {
    expect(formatServerTime('2024-03-01T10:00:00.123456', 'UTC')).toBe('2024-03-01 10:00:00')
    expect(formatServerTime('2024-03-01T10:00:00.123456', 'Europe/Berlin')).toBe('2024-03-01 11:00:00')
    expect(formatServerTime('2024-03-01T10:00:00+02:00', 'UTC')).toBe('2024-03-01 08:00:00')
  })

  it('leaves what is no time as it came', () => {
    expect(formatServerTime('yesterday', 'UTC')).toBe('yesterday')
    expect(formatServerTime(undefined, 'UTC')).toBe('')
  })
})

describe('formatCommentTime', () => {
  it('adds when a comment was edited, even within the same second', () => {
    expect(formatCommentTime({ id: 1, comment: '', created_at: '2024-03-01T10:00:00.1', updated_at: '2024-03-01T10:00:00.1' }, 'UTC')).toBe('2024-03-01 10:00:00')
    expect(formatCommentTime({ id: 1, comment: '', created_at: '2024-03-01T10:00:00.1', updated_at: '2024-03-01T10:00:00.9' }, 'UTC')).toBe(
      '2024-03-01 10:00:00 (edited 2024-03-01 10:00:00)',
    )
    expect(formatCommentTime({ id: 1, comment: '' }, 'UTC')).toBe('')
  })
})
