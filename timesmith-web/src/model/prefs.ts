/**
 * Per-user preferences kept in the browser's localStorage: columns of the event table (per user
 * and sketch), display time zone, theme and search history. Keys carry the username so two
 * analysts sharing a browser profile do not overwrite each other.
 */

export interface Column {
  field: string
  width: number
}

export const DEFAULT_COLUMNS: Column[] = [
  { field: 'datetime', width: 230 },
  { field: 'timestamp_desc', width: 170 },
  { field: 'message', width: 700 },
]

export const MIN_COLUMN_WIDTH = 60

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? fallback : (JSON.parse(raw) as T)
  } catch {
    return fallback
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // storage full or disabled: the preference just does not persist
  }
}

const key = (user: string, what: string) => `timesmith:${user}:${what}`

export function loadColumns(user: string, sketchId: number): Column[] {
  const stored = read<Column[] | null>(key(user, `sketch:${sketchId}:columns`), null)
  if (!Array.isArray(stored) || stored.length === 0) return DEFAULT_COLUMNS.map((c) => ({ ...c }))
  return stored
    .filter((c) => c && typeof c.field === 'string')
    .map((c) => ({ field: c.field, width: Math.max(MIN_COLUMN_WIDTH, Number(c.width) || 150) }))
}

export function saveColumns(user: string, sketchId: number, columns: Column[]): void {
  write(key(user, `sketch:${sketchId}:columns`), columns)
}

export function loadTimeZone(user: string): string {
  return read<string>(key(user, 'timezone'), 'UTC')
}

export function saveTimeZone(user: string, zone: string): void {
  write(key(user, 'timezone'), zone)
}

export function loadTheme(): 'light' | 'dark' {
  return read<string>('timesmith:theme', 'light') === 'dark' ? 'dark' : 'light'
}

export function saveTheme(theme: 'light' | 'dark'): void {
  write('timesmith:theme', theme)
}

export function loadHistory(user: string, sketchId: number): string[] {
  const h = read<string[]>(key(user, `sketch:${sketchId}:history`), [])
  return Array.isArray(h) ? h.filter((q) => typeof q === 'string') : []
}

export function saveHistory(user: string, sketchId: number, history: string[]): void {
  write(key(user, `sketch:${sketchId}:history`), history)
}

/** Moves a column from one position to another. */
export function moveColumn(columns: Column[], from: number, to: number): Column[] {
  if (from === to || from < 0 || from >= columns.length || to < 0 || to >= columns.length) return columns
  const next = [...columns]
  const [moved] = next.splice(from, 1)
  next.splice(to, 0, moved)
  return next
}

export function resizeColumn(columns: Column[], index: number, width: number): Column[] {
  return columns.map((c, i) => (i === index ? { ...c, width: Math.max(MIN_COLUMN_WIDTH, Math.round(width)) } : c))
}
