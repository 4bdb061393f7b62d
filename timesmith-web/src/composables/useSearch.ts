/**
 * The explore screen's search: the query state (query text, chips, timelines, order), the pager
 * that loads the results page by page, the search history, and the search in the address (so a
 * reload or a shared link shows the same results). Saved searches are opened and exports started
 * from here too, since both are the current search.
 */
import { computed, markRaw, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { ExploreMeta } from '../api/types'
import { explore, exportUrl, getView, type ExploreRequest, type ExportFormat } from '../api/timesketch'
import { EventPager, type PageSource } from '../model/paging'
import { effectiveQuery, emptyQuery, fromSaved, pushHistory, toFilter, type QueryState } from '../model/query'
import { requestedFields, totalOf, urlFilter } from '../model/explore'
import type { Column } from '../model/prefs'
import { notify, session, setHistory, setWildcard, showError } from '../store'

export interface SearchOptions {
  sketchId: number
  /** the table's columns: their fields are requested with the results */
  columns: Ref<Column[]>
  /** called as a new search starts, once the old results are gone (clear the selection, scroll to the top, …) */
  onReset?: () => void
}

export function useSearch(options: SearchOptions) {
  const { sketchId, columns } = options
  const route = useRoute()
  const router = useRouter()

  const state = reactive<QueryState>(emptyQuery())
  const queryText = ref('*')
  const history = computed(() => session.history)
  /** bumps whenever the pager's content changes (the pager itself is not reactive) */
  const version = ref(0)
  const meta = shallowRef<ExploreMeta>({})
  const searching = ref(false)
  /**
   * The search history node of the results shown (the server's `meta.search_node`): the next
   * search is recorded below it, so searching on from a replayed older node starts a branch.
   */
  const historyNode = ref<number>()
  /** Wildcard mode: the user's preference, or the address's `w` when a link says so. */
  const wildcard = ref(session.wildcard)
  /** true from a search's start until its first page was asked for: only that request is recorded in the history */
  let recordNext = false

  /** The history fields of a request: the first page of a new search names its parent, every other request is not recorded. */
  function historyFields(from: number | undefined): Partial<ExploreRequest> {
    if (recordNext && !from) {
      recordNext = false
      return historyNode.value === undefined ? {} : { parent: historyNode.value }
    }
    return { incognito: true }
  }
  function noteHistory(m: ExploreMeta) {
    const id = m.search_node?.id
    if (typeof id === 'number') historyNode.value = id
  }

  function request(extra: Partial<ExploreRequest> & { from?: number; size: number }): ExploreRequest {
    const { from, size, ...rest } = extra
    return { query: effectiveQuery(state), filter: toFilter(state, { from, size }), fields: requestedFields(columns.value), ...rest }
  }

  let firstResultsAt: number | undefined
  const source: PageSource = {
    async byOffset(from, size, signal) {
      const r = await explore(sketchId, request({ from, size, enable_scroll: false, ...historyFields(from) }), signal, wildcard.value)
      if (from === 0) {
        meta.value = r.meta
        noteHistory(r.meta)
      }
      return { hits: r.objects, total: totalOf(r.meta, r.objects.length) }
    },
    async byScroll(scrollId, size) {
      const r = await explore(
        sketchId,
        request({ size, enable_scroll: true, scroll_id: scrollId, ...historyFields(scrollId === undefined ? 0 : 1) }),
        undefined,
        wildcard.value,
      )
      // The first page of a scroll carries the counts and the histogram; continuations do not.
      if (scrollId === undefined) {
        meta.value = r.meta
        noteHistory(r.meta)
      }
      return { hits: r.objects, total: totalOf(r.meta, pager.total ?? 0), scrollId: r.meta.scroll_id }
    },
  }

  const pager = markRaw(
    new EventPager(source, () => {
      version.value++
      if (firstResultsAt === undefined && pager.row(0)) {
        firstResultsAt = performance.now()
        performance.mark('timesmith:first-results')
      }
    }),
  )

  /**
   * Runs the query of the search bar and the chips. `refetch`: the same search again for more
   * fields (a column was added), so the table keeps its cursor and selection.
   */
  async function search(pushToHistory = true, refetch = false) {
    state.query = queryText.value.trim() || '*'
    if (pushToHistory) {
      setHistory(pushHistory(session.history, state.query))
    }
    rememberInUrl()
    recordNext = true
    pager.reset()
    meta.value = {}
    version.value++
    if (!refetch) options.onReset?.()
    firstResultsAt = undefined
    performance.mark('timesmith:search-start')
    searching.value = true
    try {
      await pager.show(0, 60)
      if (pager.error) showError(new Error(pager.error), 'Search failed')
    } finally {
      searching.value = false
    }
  }

  /** Keeps the search in the address, so a reload or a shared link shows the same results. */
  function rememberInUrl() {
    const f = urlFilter(state)
    const w = wildcard.value ? '1' : undefined
    if (route.query.q === state.query && route.query.f === f && route.query.w === w) return
    router.replace({ query: { q: state.query, f, ...(w ? { w } : {}) } })
  }

  /** Turns wildcard mode on or off (kept as the user's preference) and searches again. */
  function setWildcardMode(on: boolean) {
    if (wildcard.value === on) return
    wildcard.value = on
    setWildcard(on)
    search(false)
  }
  // the server's copy of the preference arrives after the first paint, and another tab may change it
  watch(
    () => session.wildcard,
    (on) => {
      if (on === wildcard.value) return
      wildcard.value = on
      search(false)
    },
  )

  /** New chips, searched at once. */
  function setChips(chips: QueryState['chips']) {
    state.chips = chips
    search(false)
  }

  /** Searches a query of the history again. */
  function useHistory(q: string) {
    queryText.value = q
    search()
  }

  function restore(restored: QueryState) {
    Object.assign(state, restored)
    queryText.value = restored.query
  }

  /** Searches a node of the search history tree again; the searches after it branch off it. */
  function replay(node: { id: number; query_string: string; query_filter: string | Record<string, unknown> }) {
    restore(fromSaved(node.query_string, node.query_filter))
    historyNode.value = node.id
    search()
  }

  async function openView(id: number) {
    try {
      const view = await getView(sketchId, id)
      restore(fromSaved(view.query_string, view.query_filter))
      notify(`Opened saved search "${view.name}"`, 'info')
      search()
    } catch (e) {
      showError(e, 'Could not open the saved search')
    }
  }

  /** The first search of the screen: the saved search (`?view=`) or the search (`?q=&f=`) of the address. */
  function start() {
    const viewId = Number(route.query.view)
    if (Number.isInteger(viewId) && viewId > 0) openView(viewId)
    else {
      if (route.query.w === '1' || route.query.w === '0') wildcard.value = route.query.w === '1'
      if (typeof route.query.q === 'string') {
        restore(fromSaved(route.query.q, typeof route.query.f === 'string' ? route.query.f : ''))
      }
      search(false)
    }
  }

  /** Saves every result of the search (all fields) through a download link the server streams. */
  function exportAll(format: ExportFormat) {
    const a = document.createElement('a')
    a.href = exportUrl(sketchId, { ...request({ size: 10000 }), fields: '' }, format)
    a.download = `sketch-${sketchId}-results.${format}`
    a.click()
    notify(`Exporting ${(pager.total ?? 0).toLocaleString()} events as ${format === 'jsonl' ? 'JSON Lines' : 'CSV'}`, 'info')
  }

  /** The number of results, for controls inside slots (the pager itself is not reactive). */
  const resultCount = computed(() => {
    void version.value
    return pager.total ?? 0
  })
  const totalText = computed(() => {
    void version.value
    const t = pager.total
    if (t === undefined) return searching.value ? 'Searching…' : ''
    return `${t.toLocaleString()} events`
  })

  return { state, queryText, history, historyNode, wildcard, setWildcardMode, version, meta, searching, pager, request, search, setChips, useHistory, replay, openView, start, exportAll, resultCount, totalText }
}
