import { describe, expect, it } from 'vitest'
import { eventMicros, eventTime, formatMicros, isValidTimeZone, zoneOffsetLabel } from './time'

describe('time display', () => {
  const micros = Date.UTC(2024, 6, 1, 12, 0, 5) * 1000 + 123_456

  it('keeps microseconds exactly', () => {
    expect(formatMicros(micros)).toBe('2024-07-01 12:00:05.123456')
  })

  it('renders in the chosen zone', () => {
    expect(formatMicros(micros, 'Europe/Berlin')).toBe('2024-07-01 14:00:05.123456')
    expect(zoneOffsetLabel('Europe/Berlin', micros / 1000)).toBe('UTC+02:00')
    expect(zoneOffsetLabel('UTC')).toBe('UTC')
  })

  it('handles times before 1970', () => {
    expect(formatMicros(-1)).toBe('1969-12-31 23:59:59.999999')
  })

  it('takes timestamp, else datetime, else shows the raw value', () => {
    expect(eventMicros({ timestamp: 5 })).toBe(5)
    expect(eventMicros({ timestamp: '7' })).toBe(7)
    expect(eventMicros({ datetime: '1970-01-01T00:00:01Z' })).toBe(1_000_000)
    expect(eventTime({ datetime: 'not a date' }, 'UTC')).toBe('not a date')
  })

  it('knows valid zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })
})
