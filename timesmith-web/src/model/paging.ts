/**
 * Paging behind the event table: the table asks for rows by index, the pager loads the pages that
 * cover them. Reading on from where the explore scroll cursor stands (the common case: scrolling
 * down) continues the cursor, which is the cheapest request for the server; a jump elsewhere inside
 * the server's result window is fetched directly by offset; deeper jumps stream the cursor forward,
 * so reaching row 500,000 passes through the pages before it. Only a bounded number of pages is
 * kept (the ones nearest to what is on screen), so memory does not grow with the number of results.
 */
import type { EventHit } from '../api/types'

export interface PageResult {
  hits: EventHit[]
  total: number
}

export interface PageSource {
  /** `size` hits starting at `from`; only called with from + size <= window */
  byOffset(from: number, size: number): Promise<PageResult>
  /** the first page of a new scroll (scrollId undefined) or the next one */
  byScroll(scrollId: string | undefined, size: number): Promise<PageResult & { scrollId?: string }>
}

export interface PagerOptions {
  pageSize?: number
  /** the largest from + size the server accepts (OpenSearch's max_result_window) */
  window?: number
  /** pages kept in memory */
  maxPages?: number
  /** requests by offset in flight at once */
  parallel?: number
  /** pages ahead of the scroll cursor that are still read through it rather than by offset */
  scrollAhead?: number
}

export class EventPager {
  readonly pageSize: number
  readonly window: number
  readonly maxPages: number
  readonly parallel: number
  readonly scrollAhead: number

  total: number | undefined = undefined
  /** the last error, shown by the table */
  error: string | undefined = undefined

  private pages = new Map<number, EventHit[]>()
  private loading = new Set<number>()
  private wantedFirst = 0
  private wantedLast = -1
  private generation = 0
  private scroll: { nextPage: number; scrollId: string | undefined; running: boolean } = {
    nextPage: 0,
    scrollId: undefined,
    running: false,
  }
  private inFlight = 0

  constructor(
    private readonly source: PageSource,
    private readonly onChange: () => void,
    options: PagerOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200
    this.window = options.window ?? 10_000
    this.maxPages = Math.max(4, options.maxPages ?? 60)
    this.parallel = options.parallel ?? 3
    this.scrollAhead = options.scrollAhead ?? 4
  }

  /** Forgets everything (a new query). */
  reset(): void {
    this.generation++
    this.pages.clear()
    this.loading.clear()
    this.total = undefined
    this.error = undefined
    this.scroll = { nextPage: 0, scrollId: undefined, running: false }
    this.inFlight = 0
    this.wantedFirst = 0
    this.wantedLast = -1
  }

  /** The hit at a row, or undefined while its page is not loaded. */
  row(index: number): EventHit | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize))
    return page?.[index % this.pageSize]
  }

  pageOf(index: number): number {
    return Math.floor(index / this.pageSize)
  }

  /** Pages currently held (for tests and the memory bound). */
  loadedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b)
  }

  /** Whether a page is reachable by offset. */
  private inWindow(page: number): boolean {
    return (page + 1) * this.pageSize <= this.window
  }

  private lastPage(): number {
    return this.total === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.ceil(this.total / this.pageSize) - 1)
  }

  /**
   * Says which rows are on screen; loads the pages covering them plus one page around, and drops
   * the pages farthest away when more than maxPages are held. Resolves when the requests it
   * started are done.
   */
  async show(firstRow: number, lastRow: number): Promise<void> {
    const firstPage = Math.max(0, this.pageOf(Math.max(0, firstRow)) - 1)
    const lastPage = Math.min(this.lastPage(), this.pageOf(Math.max(firstRow, lastRow)) + 1)
    this.wantedFirst = firstPage
    this.wantedLast = lastPage
    this.evict()
    const work: Promise<void>[] = []
    let needScroll = false
    for (let page = firstPage; page <= lastPage; page++) {
      if (this.pages.has(page) || this.loading.has(page)) continue
      if (this.viaScroll(page)) needScroll = true
      else work.push(this.loadByOffset(page))
    }
    if (needScroll) work.push(this.runScroll())
    await Promise.all(work)
  }

  /** Whether a page is read through the scroll cursor (next to it, or beyond the window). */
  private viaScroll(page: number): boolean {
    const ahead = page - this.scroll.nextPage
    return !this.inWindow(page) || (ahead >= 0 && ahead < this.scrollAhead)
  }

  private isWanted(page: number): boolean {
    return page >= this.wantedFirst && page <= this.wantedLast
  }

  private async loadByOffset(page: number): Promise<void> {
    const generation = this.generation
    while (this.inFlight >= this.parallel) {
      await new Promise((r) => setTimeout(r, 5))
      if (generation !== this.generation) return
    }
    // The viewport may have moved on while this request waited for a slot.
    if (!this.isWanted(page) || this.pages.has(page) || this.loading.has(page)) return
    this.loading.add(page)
    this.inFlight++
    try {
      const result = await this.source.byOffset(page * this.pageSize, this.pageSize)
      if (generation !== this.generation) return
      this.total = result.total
      this.pages.set(page, result.hits)
      this.error = undefined
      this.evict()
      this.onChange()
    } catch (e) {
      if (generation !== this.generation) return
      this.error = e instanceof Error ? e.message : String(e)
      this.onChange()
    } finally {
      if (generation === this.generation) {
        this.loading.delete(page)
        this.inFlight--
      }
    }
  }

  /**
   * Drives the forward-only scroll cursor until every wanted deep page is loaded. A wanted page
   * behind the cursor that was dropped from memory restarts the scroll from the beginning.
   */
  private async runScroll(): Promise<void> {
    if (this.scroll.running) return
    const generation = this.generation
    this.scroll.running = true
    try {
      for (;;) {
        const missing = this.scrollTargets()
        if (missing.length === 0) return
        if (missing[0] < this.scroll.nextPage) this.scroll = { nextPage: 0, scrollId: undefined, running: true }
        const page = this.scroll.nextPage
        if (page > 0 && this.scroll.scrollId === undefined) return // the server ended the scroll
        this.loading.add(page)
        let result: PageResult & { scrollId?: string }
        try {
          result = await this.source.byScroll(this.scroll.scrollId, this.pageSize)
        } finally {
          if (generation === this.generation) this.loading.delete(page)
        }
        if (generation !== this.generation) return
        this.total = result.total
        this.error = undefined
        this.scroll.scrollId = result.scrollId || undefined
        this.scroll.nextPage = page + 1
        if (!this.pages.has(page) && (this.isWanted(page) || this.pages.size < this.maxPages)) {
          this.pages.set(page, result.hits)
          this.evict()
          this.onChange()
        }
        if (result.hits.length === 0) return
      }
    } catch (e) {
      if (generation === this.generation) {
        this.error = e instanceof Error ? e.message : String(e)
        this.onChange()
      }
    } finally {
      if (generation === this.generation) this.scroll.running = false
    }
  }

  /** Wanted pages the cursor has to deliver: beyond the window, or just ahead of it. */
  private scrollTargets(): number[] {
    const missing: number[] = []
    const last = Math.min(this.wantedLast, this.lastPage())
    for (let page = this.wantedFirst; page <= last; page++) {
      if (!this.pages.has(page) && this.viaScroll(page)) missing.push(page)
    }
    return missing
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return
    const center = (this.wantedFirst + this.wantedLast) / 2
    const byDistance = [...this.pages.keys()]
      .filter((p) => !this.isWanted(p))
      .sort((a, b) => Math.abs(b - center) - Math.abs(a - center))
    for (const page of byDistance) {
      if (this.pages.size <= this.maxPages) break
      this.pages.delete(page)
    }
  }

  /** Updates one loaded hit in place (after starring, tagging …). */
  updateHit(id: string, update: (hit: EventHit) => void): void {
    for (const page of this.pages.values()) {
      for (const hit of page) if (hit._id === id) update(hit)
    }
    this.onChange()
  }
}

/**
 * Maps a scroll position to rows when the full list would be taller than the browser allows: the
 * scrollable height is capped and the scroll position is scaled to the row range.
 */
export interface ScrollGeometry {
  /** height of the scrollable content in px */
  contentHeight: number
  /** the virtual (unscaled) pixel offset of the top of the viewport */
  virtualTop(scrollTop: number): number
  /** the scrollTop that puts a row at the top of the viewport */
  scrollTopFor(row: number): number
  firstRow(scrollTop: number): number
}

export function scrollGeometry(
  total: number,
  rowHeight: number,
  viewportHeight: number,
  maxContentHeight = 10_000_000,
): ScrollGeometry {
  const fullHeight = total * rowHeight
  if (fullHeight <= maxContentHeight) {
    return {
      contentHeight: fullHeight,
      virtualTop: (s) => s,
      scrollTopFor: (row) => row * rowHeight,
      firstRow: (s) => Math.max(0, Math.floor(s / rowHeight)),
    }
  }
  const ratio = (fullHeight - viewportHeight) / Math.max(1, maxContentHeight - viewportHeight)
  return {
    contentHeight: maxContentHeight,
    virtualTop: (s) => s * ratio,
    scrollTopFor: (row) => (row * rowHeight) / ratio,
    firstRow: (s) => Math.max(0, Math.floor((s * ratio) / rowHeight)),
  }
}
