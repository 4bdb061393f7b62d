/**
 * Timestamps in the UI: events carry microseconds since the epoch (UTC); the analyst chooses the
 * zone they are displayed in. Formatting goes through Intl so every IANA zone works, and the
 * microsecond fraction is appended exactly (Date only knows milliseconds).
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** True when the runtime knows the zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` of a µs timestamp in the given zone. */
export function formatMicros(micros: number, timeZone = 'UTC'): string {
  const millis = Math.floor(micros / 1000)
  const fraction = ((micros % 1_000_000) + 1_000_000) % 1_000_000
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(millis))) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${String(fraction).padStart(6, '0')}`
}

/** Microseconds of an event: its `timestamp`, else its ISO `datetime`. */
export function eventMicros(source: Record<string, any>): number | undefined {
  const ts = source.timestamp
  if (typeof ts === 'number' && Number.isFinite(ts)) return ts
  if (typeof ts === 'string' && /^-?\d+$/.test(ts)) return Number(ts)
  if (typeof source.datetime === 'string') {
    const ms = Date.parse(source.datetime)
    if (!Number.isNaN(ms)) return ms * 1000
  }
  return undefined
}

/** The event's time for display, falling back to its raw `datetime`. */
export function eventTime(source: Record<string, any>, timeZone: string): string {
  const micros = eventMicros(source)
  return micros === undefined ? String(source.datetime ?? '') : formatMicros(micros, timeZone)
}

/** Offset label of a zone at an instant, e.g. `UTC`, `UTC+02:00`. */
export function zoneOffsetLabel(timeZone: string, at = Date.now()): string {
  if (timeZone === 'UTC') return 'UTC'
  const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
  const name = f.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? ''
  return name.replace('GMT', 'UTC') || 'UTC'
}

/** Every zone the runtime knows, UTC first. */
export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return ['UTC', ...zones.filter((z) => z !== 'UTC')]
}

/**
 * A server time of metadata (`2023-01-08T08:45:23.113454`, UTC without an offset) in the display
 * zone to the second, or the text as it came when it is no time.
 */
export function formatServerTime(text: string | undefined, timeZone: string): string {
  if (!text) return ''
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`)
  if (Number.isNaN(ms)) return text
  return formatMicros(ms * 1000, timeZone).slice(0, 19)
}
