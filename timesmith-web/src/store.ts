/**
 * Application-wide state: the logged-in user, the user-wide preferences (display time zone, theme,
 * search history; shown at once from localStorage, then taken from the server, changes saved to
 * both) and the message bar. Plain Vue reactivity; there is no need for a store library for this much.
 */
import { reactive } from 'vue'
import type { User } from './api/types'
import { ApiError } from './api/http'
import { getUserPreferences, putUserPreferences } from './api/timesketch'
import {
  debouncedSaver,
  key,
  loadHistory,
  loadTheme,
  loadTimeZone,
  loadWildcard,
  saveWildcard,
  saveHistory,
  saveTheme,
  saveTimeZone,
  validHistory,
  type UserPrefs,
} from './model/prefs'

export interface Notice {
  id: number
  text: string
  kind: 'error' | 'success' | 'info'
}

export const session = reactive({
  user: undefined as User | undefined,
  timeZone: 'UTC',
  theme: loadTheme(),
  history: [] as string[],
  /** Explore searches in wildcard mode (`*part*` inside values), a user preference */
  wildcard: false,
  notices: [] as Notice[],
})

let noticeId = 0

export function notify(text: string, kind: Notice['kind'] = 'info'): void {
  const notice = { id: ++noticeId, text, kind }
  session.notices.push(notice)
  setTimeout(() => dismiss(notice.id), kind === 'error' ? 10_000 : 4000)
}

export function dismiss(id: number): void {
  const index = session.notices.findIndex((n) => n.id === id)
  if (index >= 0) session.notices.splice(index, 1)
}

/** Shows the failure of an action; a 401 is already being handled by the login redirect. */
export function showError(e: unknown, what?: string): void {
  if (e instanceof ApiError && e.status === 401) return
  if (e instanceof DOMException && e.name === 'AbortError') return
  const message = e instanceof Error ? e.message : String(e)
  notify(what ? `${what}: ${message}` : message, 'error')
}

let userPrefs = preferenceSaver('anonymous')

function preferenceSaver(user: string) {
  return debouncedSaver<UserPrefs>(putUserPreferences, (e) => showError(e, 'Could not save your preferences'), {
    pendingKey: key(user, 'unsaved'),
  })
}

export function setUser(user: User): void {
  session.user = user
  userPrefs = preferenceSaver(user.username)
  session.timeZone = loadTimeZone(user.username)
  session.history = loadHistory(user.username)
  session.wildcard = loadWildcard(user.username)
}

/**
 * Takes the user's preferences from the server (after the local copy painted the page), unless the
 * user changed something meanwhile: that change is on its way and newer. Offline, the local copy stays.
 */
export async function loadUserPreferences(): Promise<void> {
  let prefs: UserPrefs
  try {
    prefs = await getUserPreferences()
  } catch (e) {
    showError(e, 'Could not load your preferences; using the ones of this browser')
    return
  }
  if (userPrefs.dirty || !session.user || !prefs) return
  const user = session.user.username
  session.timeZone = prefs.timezone
  saveTimeZone(user, prefs.timezone)
  session.theme = prefs.theme === 'dark' ? 'dark' : 'light'
  saveTheme(session.theme)
  session.history = validHistory(prefs.search_history)
  saveHistory(user, session.history)
  session.wildcard = prefs.wildcard_search === true
  saveWildcard(user, session.wildcard)
}

export function setTimeZone(zone: string): void {
  session.timeZone = zone
  if (session.user) saveTimeZone(session.user.username, zone)
  userPrefs.save({ timezone: zone })
}

export function setWildcard(on: boolean): void {
  session.wildcard = on
  if (session.user) saveWildcard(session.user.username, on)
  userPrefs.save({ wildcard_search: on })
}

export function setTheme(theme: 'light' | 'dark'): void {
  session.theme = theme
  saveTheme(theme)
  userPrefs.save({ theme })
}

export function setHistory(history: string[]): void {
  session.history = validHistory(history)
  if (session.user) saveHistory(session.user.username, session.history)
  userPrefs.save({ search_history: session.history })
}

/** Sends pending preference changes now (the page is being hidden or left). */
export function flushUserPreferences(): Promise<void> {
  return userPrefs.flush()
}

export function username(): string {
  return session.user?.username ?? 'anonymous'
}
