/**
 * Paging behind the event table: the table asks for rows by index, the pager loads the pages that
 * cover them. Reading on from where the explore scroll cursor stands (the common case: scrolling
 * down) continues the cursor, which is the cheapest request for the server; a jump elsewhere inside
 * the server's result window is fetched directly by offset; deeper jumps stream the cursor forward,
 * so reaching row 500,000 passes through the pages before it. While the user scrolls, the pages
 * ahead in the scroll's direction are requested before they come into view (prefetchPlan: how far
 * ahead follows the scroll speed and the time a page takes to arrive); a bounded number of offset
 * requests is in flight, waiting ones go out most urgent first, and requests for pages the user has
 * scrolled past are dropped or aborted. Only a bounded number of pages is kept (the ones nearest to
 * what is on screen), so memory does not grow with the number of results.
 */
import type { EventHit } from '../api/types'

export interface PageResult {
  hits: EventHit[]
  total: number
}

export interface PageSource {
  /**
   * `size` hits starting at `from`; only called with from + size <= window. The signal aborts a
   * request whose page the user has scrolled past.
   */
  byOffset(from: number, size: number, signal?: AbortSignal): Promise<PageResult>
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
  /** pages fetched ahead of the screen at most, however fast the scroll */
  maxAhead?: number
  /**
   * Seconds of scrolling at the current speed to fetch ahead. Unset: twice the measured time an
   * offset request takes (at least half a second), so pages arrive before the screen reaches them.
   */
  leadSeconds?: number
}

/** Which pages to request while the screen shows some rows and moves at some speed. */
export interface PrefetchInput {
  firstRow: number
  lastRow: number
  /** scroll speed, positive downwards */
  rowsPerSecond: number
  pageSize: number
  /** the last page of the results (or a large number while the total is unknown) */
  lastPage: number
  leadSeconds: number
  maxAhead: number
}

export interface PrefetchPlan {
  /** pages to have, most urgent first: those on screen, then ahead in the scroll's direction */
  order: number[]
  /** pages still worth a request; requests for pages outside [keepFirst, keepLast] are dropped */
  keepFirst: number
  keepLast: number
}

/** Below this speed (rows per second) the table counts as standing still. */
const STILL = 2

/**
 * The prefetch policy. Standing still, one page on either side of the screen is loaded. Moving,
 * the pages the scroll will reach within `leadSeconds` (at least one, at most `maxAhead`) are
 * loaded ahead in its direction and none behind; the page just behind the screen stays worth its
 * request (a small scroll back), anything farther behind does not.
 */
export function prefetchPlan(input: PrefetchInput): PrefetchPlan {
  const { pageSize, lastPage } = input
  const first = Math.min(lastPage, Math.floor(Math.max(0, input.firstRow) / pageSize))
  const last = Math.min(lastPage, Math.floor(Math.max(input.firstRow, input.lastRow, 0) / pageSize))
  const speed = Math.abs(input.rowsPerSecond)
  const direction = speed < STILL ? 0 : Math.sign(input.rowsPerSecond)
  const order: number[] = []
  const add = (page: number) => {
    if (page >= 0 && page <= lastPage && !order.includes(page)) order.push(page)
  }
  if (direction === 0) {
    for (let p = first; p <= last; p++) add(p)
    add(last + 1)
    add(first - 1)
    return { order, keepFirst: Math.max(0, first - 1), keepLast: Math.min(lastPage, last + 1) }
  }
  const ahead = Math.max(1, Math.min(input.maxAhead, Math.ceil((speed * input.leadSeconds) / pageSize)))
  if (direction > 0) {
    for (let p = first; p <= last; p++) add(p)
    for (let p = last + 1; p <= last + ahead; p++) add(p)
    return { order, keepFirst: Math.max(0, first - 1), keepLast: Math.min(lastPage, last + ahead) }
  }
  for (let p = last; p >= first; p--) add(p)
  for (let p = first - 1; p >= first - ahead; p--) add(p)
  return { order, keepFirst: Math.max(0, first - ahead), keepLast: Math.min(lastPage, last + 1) }
}

/**
 * Scroll speed in rows per second from the rows at the top of the screen over time, smoothed over
 * roughly the last 100 ms; after a pause the speed starts afresh.
 */
export class ScrollVelocity {
  private lastRow: number | undefined
  private lastTime = 0
  rowsPerSecond = 0

  sample(row: number, timeMs: number): number {
    if (this.lastRow !== undefined) {
      const dt = timeMs - this.lastTime
      if (dt <= 0) {
        this.lastRow = row
        return this.rowsPerSecond
      }
      const instant = ((row - this.lastRow) * 1000) / dt
      const weight = dt >= 250 ? 1 : Math.min(1, dt / 100)
      this.rowsPerSecond += weight * (instant - this.rowsPerSecond)
    }
    this.lastRow = row
    this.lastTime = timeMs
    return this.rowsPerSecond
  }
}

export class EventPager {
  readonly pageSize: number
  readonly window: number
  readonly maxPages: number
  readonly parallel: number
  readonly scrollAhead: number
  readonly maxAhead: number

  total: number | undefined = undefined
  /** the last error, shown by the table */
  error: string | undefined = undefined
  /** in-place edits of loaded hits so far (updateHit) */
  edits = 0

  private pages = new Map<number, EventHit[]>()
  private loading = new Set<number>()
  private wantedFirst = 0
  private wantedLast = -1
  /** urgency of the wanted pages: lower goes out first */
  private rank = new Map<number, number>()
  private generation = 0
  private scroll: { nextPage: number; scrollId: string | undefined; running: boolean } = {
    nextPage: 0,
    scrollId: undefined,
    running: false,
  }
  private inFlight = 0
  /** whether the screen is scrolling (as of the last show) */
  private moving = false
  /** offset requests in flight, by page, to abort when the user scrolls past their page */
  private requests = new Map<number, AbortController>()
  /** offset requests waiting for a slot; resolved with whether to go ahead */
  private waiting: { page: number; go: (go: boolean) => void }[] = []
  /** seconds a request takes, smoothed (the first pages of a search come through the cursor) */
  private latency = 0.3
  private readonly leadSeconds: number | undefined

  constructor(
    private readonly source: PageSource,
    private readonly onChange: () => void,
    options: PagerOptions = {},
  ) {
    // A page costs the server about the same whatever its size (a sorted search visits every
    // match): large pages let a fast scroll through a large sketch outrun the requests.
    this.pageSize = options.pageSize ?? 500
    this.window = options.window ?? 10_000
    this.maxPages = Math.max(4, options.maxPages ?? 30)
    // the pages on screen and ahead of it must fit in memory together
    this.maxAhead = Math.max(1, Math.min(options.maxAhead ?? 8, this.maxPages - 3))
    this.parallel = options.parallel ?? 3
    this.scrollAhead = options.scrollAhead ?? 4
    this.leadSeconds = options.leadSeconds
  }

  /** Forgets everything (a new query). */
  reset(): void {
    this.generation++
    for (const w of this.waiting) w.go(false)
    for (const r of this.requests.values()) r.abort()
    this.waiting = []
    this.requests.clear()
    this.pages.clear()
    this.loading.clear()
    this.rank.clear()
    this.total = undefined
    this.error = undefined
    this.scroll = { nextPage: 0, scrollId: undefined, running: false }
    this.inFlight = 0
    this.moving = false
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

  /** Offset requests in flight (for tests: the bound). */
  requestsInFlight(): number {
    return this.inFlight
  }

  /** Whether a page is reachable by offset. */
  private inWindow(page: number): boolean {
    return (page + 1) * this.pageSize <= this.window
  }

  private lastPage(): number {
    return this.total === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.ceil(this.total / this.pageSize) - 1)
  }

  /**
   * Says which rows are on screen and how fast the screen moves (rows per second, positive
   * downwards); loads the pages of the prefetch plan, drops waiting and aborts running requests
   * for pages no longer in it, and drops the pages farthest away when more than maxPages are held.
   * Resolves when the requests it started are done.
   */
  async show(firstRow: number, lastRow: number, rowsPerSecond = 0): Promise<void> {
    const plan = prefetchPlan({
      firstRow,
      lastRow,
      rowsPerSecond,
      pageSize: this.pageSize,
      lastPage: this.lastPage(),
      leadSeconds: this.leadSeconds ?? Math.max(0.5, 2 * this.latency),
      maxAhead: this.maxAhead,
    })
    this.wantedFirst = plan.keepFirst
    this.wantedLast = plan.keepLast
    this.moving = Math.abs(rowsPerSecond) >= STILL
    this.rank = new Map(plan.order.map((page, i) => [page, i]))
    for (const [page, request] of this.requests) if (!this.isWanted(page)) request.abort()
    this.evict()
    const work: Promise<void>[] = []
    let needScroll = false
    for (const page of plan.order) {
      if (this.pages.has(page) || this.loading.has(page) || this.waiting.some((w) => w.page === page)) continue
      if (this.viaScroll(page)) needScroll = true
      else work.push(this.loadByOffset(page))
    }
    this.grantSlots()
    if (needScroll) work.push(this.runScroll())
    await Promise.all(work)
  }

  /**
   * Whether a page is read through the scroll cursor: beyond the window, or just ahead of the
   * cursor (the cheapest request). While the user scrolls only the cursor's very next page is;
   * the pages after it go out by offset in parallel, since the cursor delivers one page at a time.
   */
  private viaScroll(page: number): boolean {
    const ahead = page - this.scroll.nextPage
    return !this.inWindow(page) || (ahead >= 0 && ahead < (this.moving ? Math.min(1, this.scrollAhead) : this.scrollAhead))
  }

  private isWanted(page: number): boolean {
    return page >= this.wantedFirst && page <= this.wantedLast
  }

  /**
   * Hands free request slots to the waiting pages, most urgent first; waiting pages that are no
   * longer wanted (or arrived otherwise) are dropped without a request.
   */
  private grantSlots(): void {
    this.waiting = this.waiting.filter((w) => {
      const keep = this.rank.has(w.page) && !this.pages.has(w.page)
      if (!keep) w.go(false)
      return keep
    })
    this.waiting.sort((a, b) => this.rank.get(a.page)! - this.rank.get(b.page)!)
    while (this.inFlight < this.parallel && this.waiting.length > 0) {
      this.inFlight++
      this.waiting.shift()!.go(true)
    }
  }

  private async loadByOffset(page: number): Promise<void> {
    const generation = this.generation
    if (this.inFlight < this.parallel) {
      this.inFlight++
    } else {
      const go = await new Promise<boolean>((resolve) => this.waiting.push({ page, go: resolve }))
      if (!go || generation !== this.generation) return
    }
    // The slot is taken; the viewport may have moved on or the page arrived while waiting.
    if (!this.isWanted(page) || this.pages.has(page) || this.loading.has(page)) {
      this.inFlight--
      this.grantSlots()
      return
    }
    const controller = new AbortController()
    this.loading.add(page)
    this.requests.set(page, controller)
    const started = performance.now()
    try {
      const result = await this.source.byOffset(page * this.pageSize, this.pageSize, controller.signal)
      if (generation !== this.generation) return
      this.measured(started)
      this.total = result.total
      this.pages.set(page, result.hits)
      this.error = undefined
      this.evict()
      this.onChange()
    } catch (e) {
      if (generation !== this.generation || controller.signal.aborted) return
      this.error = e instanceof Error ? e.message : String(e)
      this.onChange()
    } finally {
      if (generation === this.generation) {
        this.loading.delete(page)
        this.requests.delete(page)
        this.inFlight--
        this.grantSlots()
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
        const started = performance.now()
        try {
          result = await this.source.byScroll(this.scroll.scrollId, this.pageSize)
        } finally {
          if (generation === this.generation) this.loading.delete(page)
        }
        if (generation !== this.generation) return
        this.measured(started)
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

  /** Folds the time of a request that started at `started` into the smoothed latency. */
  private measured(started: number): void {
    this.latency = 0.7 * this.latency + 0.3 * ((performance.now() - started) / 1000)
  }

  /** Planned pages the cursor has to deliver, in row order: beyond the window, or just ahead of it. */
  private scrollTargets(): number[] {
    return [...this.rank.keys()]
      .filter((page) => !this.pages.has(page) && !this.loading.has(page) && this.viaScroll(page))
      .sort((a, b) => a - b)
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

  /**
   * Updates one loaded hit in place (after starring, tagging …). Every in-place change goes
   * through here: `edits` counts them, so views caching what a hit shows know to refresh.
   */
  updateHit(id: string, update: (hit: EventHit) => void): void {
    for (const page of this.pages.values()) {
      for (const hit of page) if (hit._id === id) update(hit)
    }
    this.edits++
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
