/**
 * Per-user preferences: columns of the event table (per user and sketch), display time zone, theme
 * and search history. The server keeps them (`/api/v1/users/me/preferences/` and
 * `/api/v1/sketches/{id}/preferences/`) so that they follow the analyst to any browser; the
 * browser's localStorage holds a copy for the instant first paint and for when the server cannot be
 * reached. Local keys carry the username so two analysts sharing a browser profile do not overwrite
 * each other.
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

export const key = (user: string, what: string) => `timesmith:${user}:${what}`

/** Valid columns of a stored or received list; empty when there are none. */
export function validColumns(value: unknown): Column[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((c) => c && typeof c.field === 'string' && c.field !== '')
    .map((c) => ({ field: c.field, width: Math.max(MIN_COLUMN_WIDTH, Number(c.width) || 150) }))
}

export function loadColumns(user: string, sketchId: number): Column[] {
  const stored = validColumns(read<unknown>(key(user, `sketch:${sketchId}:columns`), null))
  return stored.length === 0 ? DEFAULT_COLUMNS.map((c) => ({ ...c })) : stored
}

/** Whether this browser has a column layout of its own for the sketch (kept before the server had one). */
export function hasStoredColumns(user: string, sketchId: number): boolean {
  return validColumns(read<unknown>(key(user, `sketch:${sketchId}:columns`), null)).length > 0
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

/** Explore's wildcard search mode (Timesketch's `explore_wildcard`), off unless the user turned it on. */
export function loadWildcard(user: string): boolean {
  return read<unknown>(key(user, 'wildcard'), false) === true
}

export function saveWildcard(user: string, on: boolean): void {
  write(key(user, 'wildcard'), on)
}

export function loadTheme(): 'light' | 'dark' {
  return read<string>('timesmith:theme', 'light') === 'dark' ? 'dark' : 'light'
}

export function saveTheme(theme: 'light' | 'dark'): void {
  write('timesmith:theme', theme)
}

/** The server's bounds of the search history. */
export const MAX_HISTORY = 50
export const MAX_HISTORY_QUERY = 1024

/** The history as the server accepts it: strings of at most 1024 characters, the newest 50. */
export function validHistory(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.filter((q) => typeof q === 'string' && q.length <= MAX_HISTORY_QUERY).slice(0, MAX_HISTORY)
}

export function loadHistory(user: string): string[] {
  return validHistory(read<unknown>(key(user, 'history'), []))
}

export function saveHistory(user: string, history: string[]): void {
  write(key(user, 'history'), history)
}

export interface UserPrefs {
  timezone: string
  theme: 'light' | 'dark'
  search_history: string[]
  wildcard_search?: boolean
}

export interface SketchPrefs {
  columns: Column[]
}

/** How long a change waits for further changes before it is sent to the server. */
export const SAVE_DELAY_MS = 500

export interface Saver<T> {
  /** Merges a change into the pending one and (re)starts the delay. */
  save(patch: Partial<T>): void
  /** Sends the pending change now (leaving the page or the sketch). */
  flush(): Promise<void>
  /** Whether a change is waiting or being sent: a server value loaded now would be older. */
  readonly dirty: boolean
}

/**
 * Debounced saving of preference changes: changes within the delay are merged (later keys win)
 * and sent as one partial PUT, which the server merges into what it has. With a `pendingKey` the
 * unsent change is also kept in localStorage until the server took it, so a change made just
 * before a reload, or while the server was unreachable, is sent by the next page instead of being
 * overwritten by the server's older value. A failed send is reported and kept for the next one.
 */
export function debouncedSaver<T>(
  send: (patch: Partial<T>) => Promise<unknown>,
  onError: (e: unknown) => void,
  options: { delayMs?: number; pendingKey?: string } = {},
): Saver<T> {
  const { delayMs = SAVE_DELAY_MS, pendingKey } = options
  const stored = pendingKey === undefined ? null : read<Partial<T> | null>(pendingKey, null)
  let pending: Partial<T> | undefined = stored && typeof stored === 'object' ? stored : undefined
  let sending = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  const keep = () => {
    if (pendingKey === undefined) return
    if (pending === undefined) localStorage.removeItem(pendingKey)
    else write(pendingKey, pending)
  }
  const flush = async () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const patch = pending
    if (patch === undefined) return
    pending = undefined
    sending++
    try {
      await send(patch)
      keep()
    } catch (e) {
      pending = { ...patch, ...(pending ?? {}) }
      keep()
      onError(e)
    } finally {
      sending--
    }
  }
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => void flush(), delayMs)
  }
  if (pending !== undefined) schedule()
  return {
    save(patch) {
      pending = { ...(pending ?? {}), ...patch }
      keep()
      schedule()
    },
    flush,
    get dirty() {
      return pending !== undefined || sending > 0
    },
  }
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

export interface ColumnSync {
  /** The table's columns changed: keep them locally and send them after the delay. */
  changed(columns: Column[]): void
  /** Takes the server's layout (unless the user changed one meanwhile); uploads this browser's older one if the server has none. */
  load(current: Column[]): Promise<void>
  flush(): Promise<void>
}

/**
 * The column layout of one sketch kept in step with the server: the local copy paints the table
 * at once, the server's layout replaces it when it arrives, and changes are saved to both
 * (debounced for the server). A layout only this browser knows (kept before the server stored
 * layouts) is uploaded, so nothing the analyst arranged is lost.
 */
export function columnSync(options: {
  user: string
  sketchId: number
  get: () => Promise<SketchPrefs>
  put: (patch: Partial<SketchPrefs>) => Promise<unknown>
  apply: (columns: Column[]) => void
  onError: (e: unknown) => void
  delayMs?: number
}): ColumnSync {
  const { user, sketchId } = options
  const saver = debouncedSaver<SketchPrefs>(options.put, options.onError, {
    delayMs: options.delayMs,
    pendingKey: key(user, `sketch:${sketchId}:unsaved`),
  })
  let synced = ''
  return {
    changed(columns) {
      saveColumns(user, sketchId, columns)
      const text = JSON.stringify(columns)
      if (text === synced) return
      synced = text
      saver.save({ columns })
    },
    async load(current) {
      let prefs: SketchPrefs
      try {
        prefs = await options.get()
      } catch (e) {
        options.onError(e)
        return
      }
      if (saver.dirty) return
      const columns = validColumns(prefs?.columns)
      if (columns.length > 0) {
        synced = JSON.stringify(columns)
        saveColumns(user, sketchId, columns)
        options.apply(columns)
      } else if (hasStoredColumns(user, sketchId)) {
        synced = JSON.stringify(current)
        saver.save({ columns: current })
      }
    },
    flush: () => saver.flush(),
  }
}
