// Measurements shared by the end-to-end run (run.mjs) and the figures script (perf.mjs): logging
// in, time to first results, and frames dropped while scrolling the event table.

/** Logs in through the server-rendered login page and waits for the UI's header. */
export async function login(page, base, user, password) {
  await page.goto(`${base}/login/`)
  await page.fill('input[name=username]', user)
  await page.fill('input[name=password]', password)
  const submit = page.locator('form button[type=submit], form input[type=submit]')
  await Promise.all([
    page.waitForNavigation(),
    (await submit.count()) ? submit.first().click() : page.evaluate(() => document.querySelector('form').submit()),
  ])
  await page.goto(`${base}/`)
  await page.waitForSelector('[data-test=user-menu]')
}

/**
 * Time from pressing Enter on a `*` query to the first rows on screen: the UI marks
 * `timesmith:search-start` and `timesmith:first-results` with the User Timing API. The explore
 * page must be open.
 */
export async function searchToFirstRows(page) {
  const input = page.locator('[data-test=query-input] input')
  await input.fill('*')
  await page.evaluate(() => performance.clearMarks())
  await input.press('Enter')
  await page.waitForFunction(() => performance.getEntriesByName('timesmith:first-results').length > 0)
  return page.evaluate(() => {
    const s = performance.getEntriesByName('timesmith:search-start').at(-1)
    const f = performance.getEntriesByName('timesmith:first-results').at(-1)
    return f.startTime - s.startTime
  })
}

/**
 * A cold page load of a `*` search: navigation start to the first rows on screen, with the
 * navigation timing of the document and the resource timing of the first explore request.
 */
export async function pageLoadToFirstRows(page, exploreUrl) {
  await page.goto('about:blank')
  await page.goto(`${exploreUrl}?q=*`)
  await page.waitForFunction(() => performance.getEntriesByName('timesmith:first-results').length > 0, undefined, { timeout: 300_000 })
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0]
    const explore = performance.getEntriesByType('resource').find((r) => r.name.includes('/explore/'))
    return {
      firstRowsMs: performance.getEntriesByName('timesmith:first-results')[0].startTime,
      domContentLoadedMs: nav?.domContentLoadedEventEnd,
      firstExploreRequestMs: explore && { start: explore.startTime, duration: explore.duration, bytes: explore.transferSize },
    }
  })
}

/**
 * Scrolls the event table through `rows` rows in `frames` animation frames (600 = ten seconds at
 * 60 Hz, i.e. a fast fling) and counts the frames the page could not produce in time: a gap of k
 * frame budgets between two animation frames means k - 1 dropped frames. Chromium's own
 * Performance.getMetrics (via CDP) give the main thread's CPU time (`cpuMs`, the figure that holds
 * on a busy machine) and break its busy time down into script, style and layout.
 * `blankFrames` counts frames that showed a row whose page was still loading.
 */
export async function scrollRows(page, rows = 10_000, frames = 600) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  const before = await metrics()
  const m = await page.evaluate(
    async ({ rows, frames }) => {
      const el = document.querySelector('[data-test=event-table]')
      // the rows live in a shadow root inside the table, away from the document's stylesheets
      const rowsRoot = el.querySelector('.ev-body')?.shadowRoot ?? el
      // Very long lists scale the scrollbar (the browser caps an element's height): pixels per row
      // come from the scrollable range over the rows it covers.
      const rowHeight = rowsRoot.querySelector('[data-row]')?.getBoundingClientRect().height || 26
      const total = Number(document.querySelector('[data-test=total]').textContent.replace(/[^0-9]/g, ''))
      const onScreen = Math.floor(el.clientHeight / rowHeight) - 1
      const pixelsPerRow = total * rowHeight > el.scrollHeight ? (el.scrollHeight - el.clientHeight) / Math.max(1, total - onScreen) : rowHeight
      const pixels = rows * pixelsPerRow
      const deltas = []
      let blankFrames = 0
      await new Promise((r) => requestAnimationFrame(r))
      let last = performance.now()
      for (let i = 1; i <= frames; i++) {
        el.scrollTop = (pixels * i) / frames
        await new Promise((r) => requestAnimationFrame(r))
        const now = performance.now()
        deltas.push(now - last)
        last = now
        if (rowsRoot.querySelector('.ev-loading')) blankFrames++
      }
      const budget = 1000 / 60
      const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / budget) - 1), 0)
      const sorted = [...deltas].sort((a, b) => a - b)
      return {
        frames,
        dropped,
        blankFrames,
        p50: Math.round(sorted[Math.floor(frames / 2)] * 10) / 10,
        p95: Math.round(sorted[Math.floor(frames * 0.95)] * 10) / 10,
        max: Math.round(sorted[frames - 1] * 10) / 10,
        lastRow: Math.max(...[...rowsRoot.querySelectorAll('[data-row]')].map((r) => Number(r.getAttribute('data-row')))),
      }
    },
    { rows, frames },
  )
  const after = await metrics()
  const ms = (name) => Math.round((after[name] - before[name]) * 1000)
  await cdp.detach()
  return { ...m, mainThread: { cpuMs: ms('ThreadTime'), taskMs: ms('TaskDuration'), scriptMs: ms('ScriptDuration'), styleMs: ms('RecalcStyleDuration'), layoutMs: ms('LayoutDuration') } }
}

/**
 * Runs `body` under a Chromium trace (CDP Tracing, the DevTools timeline categories) and sums the
 * renderer main thread's time by event: where the frames of a scroll go (script, style, layout,
 * pre-paint, paint, layerize, commit …). Durations are self times in ms, nested events subtracted.
 */
export async function traceMainThread(page, body) {
  const cdp = await page.context().newCDPSession(page)
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve))
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu'] },
  })
  const result = await body()
  await cdp.send('Tracing.end')
  await done
  await cdp.detach()
  // the renderer's main thread: the one that ran the page's animation frame callbacks
  const counts = new Map()
  for (const e of events) if (e.name === 'FireAnimationFrame') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1)
  const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const complete = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur)
  const self = new Map()
  const stack = []
  for (const e of complete) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop()
    const parent = stack.at(-1)
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur)
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur)
    stack.push(e)
  }
  const byEvent = Object.fromEntries(
    [...self.entries()].filter(([, us]) => us >= 5000).sort((a, b) => b[1] - a[1]).map(([name, us]) => [name, Math.round(us / 1000)]),
  )
  return { result, byEvent }
}
