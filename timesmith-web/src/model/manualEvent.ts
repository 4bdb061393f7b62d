/**
 * The "add an event" form's rules (Timesketch's manual event, contract §7.4): a time, a message, a
 * timestamp description and optional attributes; the body the server takes, or what is wrong.
 */
import { parseUtc } from './explore'

export interface ManualEventForm {
  /** `YYYY-MM-DDTHH:MM:SS[.ffffff]`, UTC */
  datetime: string
  message: string
  timestampDesc: string
  attributes: { name: string; value: string }[]
}

export interface ManualEventBody {
  date_string: string
  message: string
  timestamp_desc: string
  tag: string[]
  attributes: Record<string, string>
}

/** Names the server keeps for itself (an attribute cannot take them). */
const RESERVED = new Set(['datetime', 'timestamp', 'message', 'timestamp_desc', 'tag', 'timesketch_label', '__ts_timeline_id', 'label', 'comment', 'date_string'])

/** `YYYY-MM-DDTHH:MM:SS` (UTC) of a µs timestamp, the form's default time. */
export function utcInput(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)
}

/** The request body of the form, or the first thing wrong with it. */
export function manualEventBody(form: ManualEventForm): { body: ManualEventBody } | { error: string } {
  const datetime = form.datetime.trim()
  if (!/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?)?$/.test(datetime) || Number.isNaN(parseUtc(datetime.replace(' ', 'T')))) {
    return { error: 'Give the time as YYYY-MM-DDTHH:MM:SS (UTC)' }
  }
  const message = form.message.trim()
  if (!message) return { error: 'The event needs a message' }
  const timestampDesc = form.timestampDesc.trim()
  if (!timestampDesc) return { error: 'The event needs a timestamp description' }
  const attributes: Record<string, string> = {}
  for (const a of form.attributes) {
    const name = a.name.trim()
    if (!name && !a.value.trim()) continue
    if (!name) return { error: `The value "${a.value}" needs an attribute name` }
    if (RESERVED.has(name) || name.startsWith('_')) return { error: `"${name}" cannot be an attribute name` }
    if (name in attributes) return { error: `The attribute "${name}" is given twice` }
    attributes[name] = a.value
  }
  return { body: { date_string: datetime.replace(' ', 'T'), message, timestamp_desc: timestampDesc, tag: [], attributes } }
}
