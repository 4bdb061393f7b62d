/**
 * Application-wide state: the logged-in user, the display time zone and the message bar. Plain
 * Vue reactivity; there is no need for a store library for this much.
 */
import { reactive } from 'vue'
import type { User } from './api/types'
import { ApiError } from './api/http'
import { loadTimeZone, saveTimeZone } from './model/prefs'

export interface Notice {
  id: number
  text: string
  kind: 'error' | 'success' | 'info'
}

export const session = reactive({
  user: undefined as User | undefined,
  timeZone: 'UTC',
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

export function setUser(user: User): void {
  session.user = user
  session.timeZone = loadTimeZone(user.username)
}

export function setTimeZone(zone: string): void {
  session.timeZone = zone
  if (session.user) saveTimeZone(session.user.username, zone)
}

export function username(): string {
  return session.user?.username ?? 'anonymous'
}
