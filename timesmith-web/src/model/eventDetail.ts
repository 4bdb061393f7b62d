/**
 * The event detail panel's small rules, kept out of the component so that they can be tested
 * alone: comment times, the event as JSON for the clipboard, EVTX XML made readable, and the
 * context links configured for a field.
 */
import type { Comment } from '../api/types'
import { formatServerTime } from './time'

/** When a comment was written, and when it was last changed if that was later. */
export function formatCommentTime(comment: Comment, timeZone: string): string {
  const created = formatServerTime(comment.created_at, timeZone)
  if (!comment.updated_at || comment.updated_at === comment.created_at) return created
  return `${created} (edited ${formatServerTime(comment.updated_at, timeZone)})`
}
