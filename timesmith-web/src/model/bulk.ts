/**
 * Annotating every result of a query: the results are streamed through the explore scroll in
 * pages and sent to the annotation endpoints in batches, with progress and cancellation. Stars
 * toggle on the server, so events that already carry the star are left out rather than unstarred.
 */
import type { EventHit } from '../api/types'
import { STAR_LABEL } from './query'

export type BulkAction = { kind: 'label'; label: string } | { kind: 'tag'; tag: string }

export interface BulkProgress {
  done: number
  total: number
}

/** The events of a page that the action still has to change. */
export function needsAction(hits: EventHit[], action: BulkAction): EventHit[] {
  return hits.filter((h) => {
    if (action.kind === 'tag') return !(Array.isArray(h._source.tag) && h._source.tag.includes(action.tag))
    const labels = Array.isArray(h._source.label) ? h._source.label : []
    return !(action.label === STAR_LABEL && labels.includes(STAR_LABEL)) && !labels.includes(action.label)
  })
}

/**
 * Runs the action over all pages `pages` yields. `apply` receives each batch (at most batchSize
 * events). Resolves with the number of events changed.
 */
export async function runBulk(
  pages: AsyncIterable<{ hits: EventHit[]; total: number }>,
  action: BulkAction,
  apply: (events: EventHit[]) => Promise<void>,
  onProgress: (p: BulkProgress) => void,
  signal: AbortSignal,
  batchSize = 500,
): Promise<number> {
  let done = 0
  let changed = 0
  for await (const page of pages) {
    if (signal.aborted) break
    const todo = needsAction(page.hits, action)
    for (let i = 0; i < todo.length; i += batchSize) {
      if (signal.aborted) break
      const batch = todo.slice(i, i + batchSize)
      await apply(batch)
      changed += batch.length
    }
    done += page.hits.length
    onProgress({ done, total: page.total })
  }
  return changed
}
