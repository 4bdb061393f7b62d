/**
 * The event detail panel's small rules, kept out of the component so that they can be tested
 * alone: comment times, the event as JSON for the clipboard, the context links configured for a
 * field, what can be unfurled (URLs on the server, numbers read as times here) and EVTX XML made
 * readable.
 */
import type { Comment } from '../api/types'
import { formatServerTime } from './time'

/** When a comment was written, and when it was last changed if that was later. */
export function formatCommentTime(comment: Comment, timeZone: string): string {
  const created = formatServerTime(comment.created_at, timeZone)
  if (!comment.updated_at || comment.updated_at === comment.created_at) return created
  return `${created} (edited ${formatServerTime(comment.updated_at, timeZone)})`
}

/** The event, with its id and index, as pretty JSON for the clipboard. */
export function eventJson(source: Record<string, unknown>, hit: { _id: string; _index: string }): string {
  return JSON.stringify({ _id: hit._id, _index: hit._index, ...source }, null, 2)
}

/** A context link of the server's `contextlinks/` configuration (Timesketch's shape). */
export interface ContextLink {
  type: 'linked_services' | 'hardcoded_modules' | string
  short_name: string
  module?: string
  context_link?: string
  validation_regex?: string
  redirect_warning?: boolean
}

export type ContextLinkConfig = Record<string, ContextLink[]>

/** A `/pattern/flags` or plain pattern as a RegExp; undefined when it does not compile. */
function validation(pattern: string): RegExp | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(pattern)
  try {
    return m ? new RegExp(m[1], m[2]) : new RegExp(pattern)
  } catch {
    return undefined
  }
}

/** The links configured for a field (by lower-case name) whose validation the value passes. */
export function linksFor(config: ContextLinkConfig, field: string, value: string): ContextLink[] {
  const list = config[field.toLowerCase()]
  if (!Array.isArray(list)) return []
  return list.filter((link) => {
    if (!link || typeof link.short_name !== 'string') return false
    if (link.type !== 'hardcoded_modules' && typeof link.context_link !== 'string') return false
    if (!link.validation_regex) return true
    return validation(link.validation_regex)?.test(value) ?? false
  })
}

/** The address a linked service opens for a value (every `<ATTR_VALUE>` replaced, encoded). */
export function contextUrl(link: ContextLink, value: string): string {
  return (link.context_link ?? '').split('<ATTR_VALUE>').join(encodeURIComponent(value))
}

/** Whether a value is a URL the server can unfurl. */
export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value.trim())
}

/** One way of reading a number as a time. */
export interface TimeReading {
  label: string
  iso: string
}

const EPOCHS: { label: string; toMillis: (n: bigint) => bigint }[] = [
  { label: 'Unix seconds', toMillis: (n) => n * 1000n },
  { label: 'Unix milliseconds', toMillis: (n) => n },
  { label: 'Unix microseconds', toMillis: (n) => n / 1000n },
  { label: 'Unix nanoseconds', toMillis: (n) => n / 1_000_000n },
  // 100 ns intervals since 1601-01-01 (11,644,473,600 s before the Unix epoch)
  { label: 'Windows FILETIME', toMillis: (n) => n / 10_000n - 11_644_473_600_000n },
  { label: 'WebKit / Chrome (µs since 1601)', toMillis: (n) => n / 1000n - 11_644_473_600_000n },
  // seconds since 2001-01-01
  { label: 'Mac absolute time', toMillis: (n) => n * 1000n + 978_307_200_000n },
]
const PLAUSIBLE = [Date.UTC(1990, 0, 1), Date.UTC(2100, 0, 1)]

/**
 * The readings of an integer as a time (Unix seconds to nanoseconds, Windows FILETIME, WebKit,
 * Mac absolute time) that land between 1990 and 2100, as dfir-unfurl offers them for timestamps.
 */
export function timeReadings(value: unknown): TimeReading[] {
  const text = String(value ?? '').trim()
  if (!/^\d{9,19}$/.test(text)) return []
  const n = BigInt(text)
  const readings: TimeReading[] = []
  for (const epoch of EPOCHS) {
    const millis = Number(epoch.toMillis(n))
    if (millis >= PLAUSIBLE[0] && millis < PLAUSIBLE[1]) readings.push({ label: epoch.label, iso: new Date(millis).toISOString() })
  }
  return readings
}

/** Whether a field holds EVTX-style XML worth pretty-printing. */
export function isXml(field: string, value: unknown): boolean {
  return typeof value === 'string' && /^\s*</.test(value) && (field === 'xml_string' || field === 'xml' || /^\s*<(\?xml|Event[\s>])/.test(value))
}

/**
 * XML indented two spaces per level, for reading EVTX records; undefined when the text is not
 * well-formed XML. Elements holding only text stay on one line; comments and CDATA are kept.
 */
export function prettyXml(text: string): string | undefined {
  const doc = new DOMParser().parseFromString(text.trim(), 'application/xml')
  if (doc.getElementsByTagName('parsererror').length) return undefined
  const lines: string[] = []
  const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;')
  const walk = (node: Node, depth: number) => {
    const pad = '  '.repeat(depth)
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node.textContent?.trim()
      if (t) lines.push(pad + escapeText(t))
      return
    }
    if (node.nodeType === Node.CDATA_SECTION_NODE) {
      lines.push(`${pad}<![CDATA[${node.textContent}]]>`)
      return
    }
    if (node.nodeType === Node.COMMENT_NODE) {
      lines.push(`${pad}<!--${node.textContent}-->`)
      return
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return
    const el = node as Element
    const attrs = [...el.attributes].map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join('')
    const children = [...el.childNodes].filter((c) => c.nodeType !== Node.TEXT_NODE || c.textContent?.trim())
    if (children.length === 0) {
      lines.push(`${pad}<${el.tagName}${attrs} />`)
    } else if (children.length === 1 && children[0].nodeType === Node.TEXT_NODE) {
      lines.push(`${pad}<${el.tagName}${attrs}>${escapeText(children[0].textContent!.trim())}</${el.tagName}>`)
    } else {
      lines.push(`${pad}<${el.tagName}${attrs}>`)
      children.forEach((c) => walk(c, depth + 1))
      lines.push(`${pad}</${el.tagName}>`)
    }
  }
  doc.childNodes.forEach((n) => walk(n, 0))
  return lines.join('\n')
}
