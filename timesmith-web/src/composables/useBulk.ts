/**
 * Annotating many events at once (star, label or tag): the ticked events, or every result of the
 * search. For all results the server does the work as a background task, polled here; a server
 * without that task support (400) gets the events streamed through the scroll and annotated in
 * batches from the browser instead.
 */
import { onBeforeUnmount, ref } from 'vue'
import type { EventHit } from '../api/types'
import { annotate, annotateByQuery, explore, tagEvents, taskState } from '../api/timesketch'
import { ApiError } from '../api/http'
import { runBulk, type BulkAction } from '../model/bulk'
import { bulkActionOf, totalOf } from '../model/explore'
import { effectiveQuery, toFilter, type QueryState } from '../model/query'
import { notify, showError } from '../store'

export type BulkScope = 'selected' | 'all'
export type BulkKind = 'star' | 'label' | 'tag'

export interface BulkOptions {
  sketchId: number
  /** the search whose results "all" means */
  state: QueryState
  /** the number of results of that search */
  total: () => number
  selected: Map<string, EventHit>
  /** the annotation is done: reload the rows on screen */
  onDone: () => void
  /** how often the server's task is polled */
  pollMs?: number
}

export function useBulk(options: BulkOptions) {
  const { sketchId, state, selected } = options
  const dialog = ref(false)
  const scope = ref<BulkScope>('all')
  const kind = ref<BulkKind>('star')
  const value = ref('')
  const progress = ref<{ done: number; total: number; running?: boolean } | undefined>()
  let abort: AbortController | undefined

  /** Opens the dialog on the ticked events if there are any, else on all results. */
  function open() {
    scope.value = selected.size ? 'selected' : 'all'
    dialog.value = true
  }

  async function* allResults(): AsyncIterable<{ hits: EventHit[]; total: number }> {
    let scrollId: string | undefined
    let total = 0
    let first = true
    for (;;) {
      const r = await explore(sketchId, {
        query: effectiveQuery(state),
        filter: toFilter(state, { size: 1000 }),
        fields: 'timesketch_label,tag,datetime',
        enable_scroll: true,
        scroll_id: scrollId,
      })
      if (first) total = totalOf(r.meta, r.objects.length)
      first = false
      if (r.objects.length === 0) return
      yield { hits: r.objects, total }
      scrollId = r.meta.scroll_id
      if (!scrollId) return
    }
  }
  async function* selectedResults(): AsyncIterable<{ hits: EventHit[]; total: number }> {
    yield { hits: [...selected.values()], total: selected.size }
  }

  /** All results by a task on the server; false when the server cannot (then the browser does it). */
  async function runOnServer(action: BulkAction): Promise<boolean> {
    let taskId: string
    try {
      taskId = await annotateByQuery(sketchId, { query: effectiveQuery(state), filter: toFilter(state) }, action)
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) return false
      throw e
    }
    progress.value = { done: 0, total: options.total(), running: true }
    for (;;) {
      if (abort?.signal.aborted) return true
      await new Promise((r) => setTimeout(r, options.pollMs ?? 1000))
      const task = await taskState(taskId)
      if (task.state === 'SUCCESS') {
        const count = typeof task.result === 'number' ? task.result : options.total()
        notify(`${count.toLocaleString()} events ${action.kind === 'tag' ? 'tagged' : 'labelled'}`, 'success')
        return true
      }
      if (task.state === 'FAILURE' || task.state === 'REVOKED') throw new Error(task.error || String(task.result || 'the task failed'))
    }
  }

  async function run() {
    const action = bulkActionOf(kind.value, value.value)
    if (!action) return
    abort = new AbortController()
    progress.value = { done: 0, total: scope.value === 'all' ? options.total() : selected.size }
    try {
      const onServer = scope.value === 'all' && (await runOnServer(action))
      if (!onServer) {
        const changed = await runBulk(
          scope.value === 'all' ? allResults() : selectedResults(),
          action,
          async (events) => {
            if (action.kind === 'tag') await tagEvents(sketchId, events, [action.tag])
            else await annotate(sketchId, events, 'label', action.label)
          },
          (p) => (progress.value = p),
          abort.signal,
        )
        notify(`${changed.toLocaleString()} events ${action.kind === 'tag' ? 'tagged' : 'labelled'}`, 'success')
      }
      dialog.value = false
      options.onDone()
    } catch (e) {
      showError(e, 'Bulk annotation stopped')
    } finally {
      progress.value = undefined
      abort = undefined
    }
  }

  function stop() {
    abort?.abort()
  }
  onBeforeUnmount(stop)

  return { dialog, scope, kind, value, progress, open, run, stop }
}
