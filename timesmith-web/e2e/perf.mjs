// The web UI's figures against a running server, in Debian's Chromium: time to first results of a
// `*` query and frames dropped while scrolling 10,000 rows of the event table.
//
//   node e2e/perf.mjs --url http://127.0.0.1:5000 --user admin --password secret --sketch 3
//   node e2e/perf.mjs --url ... --user ... --password ... --events 100000   (creates the sketch first)
//
// --events N generates N CSV events, uploads them into a new sketch through the upload API (in
// chunks of --chunk-mb, the importer's chunk protocol) and waits until the timeline is ready.
// TIMESMITH_URL, TIMESMITH_USER and TIMESMITH_PASSWORD work in place of the first three options.
// --latency-ms N adds N ms to every request of the browser (Chromium's network emulation): a
// remote server, or the answer times of a much larger sketch, on a small local one. --trace
// traces one more scroll (DevTools timeline) and prints the main thread's time by trace event.
// `scripts/web-perf N` does all of it against a fresh local server in one command.
import { createWriteStream, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import { launch } from './browser.mjs'
import { login, pageLoadToFirstRows, scrollRows, searchToFirstRows, traceMainThread } from './measure.mjs'

const USAGE = 'usage: perf.mjs --url URL --user USER --password PASSWORD (--sketch ID | --events N) [--rows 10000] [--runs 3] [--chunk-mb 100] [--latency-ms 0] [--trace]'

function options(argv) {
  const o = {
    url: process.env.TIMESMITH_URL,
    user: process.env.TIMESMITH_USER,
    password: process.env.TIMESMITH_PASSWORD,
    rows: 10_000,
    runs: 3,
    chunkMb: 100,
    latencyMs: 0,
  }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--trace') {
      o.trace = true
      continue
    }
    const [flag, inline] = argv[i].split('=', 2)
    const value = inline ?? argv[++i]
    const name = { '--url': 'url', '--user': 'user', '--password': 'password', '--sketch': 'sketch', '--events': 'events', '--rows': 'rows', '--runs': 'runs', '--chunk-mb': 'chunkMb', '--latency-ms': 'latencyMs' }[flag]
    if (!name || value === undefined) throw new Error(`unknown or incomplete option ${argv[i]}\n${USAGE}`)
    o[name] = ['url', 'user', 'password'].includes(name) ? value : Number(value)
  }
  if (!o.url || !o.user || !o.password || (!o.sketch === !o.events)) throw new Error(USAGE)
  if (!Number.isInteger(o.latencyMs) || o.latencyMs < 0) throw new Error(`--latency-ms must be a whole number\n${USAGE}`)
  for (const n of ['rows', 'runs', 'chunkMb', ...(o.sketch ? ['sketch'] : ['events'])]) {
    if (!Number.isInteger(o[n]) || o[n] <= 0) throw new Error(`--${n} must be a positive integer\n${USAGE}`)
  }
  o.url = o.url.replace(/\/$/, '')
  return o
}

/** N events spread over 30 days: a few users, actions and hosts, like the e2e demo data. */
async function writeCsv(path, events) {
  const out = createWriteStream(path)
  const users = ['alice', 'bob', 'carol', 'mallory', 'trent']
  const actions = ['logon', 'logoff', 'file_read', 'process_start', 'dns_query']
  const start = Date.UTC(2024, 0, 1)
  const span = 30 * 86_400_000
  if (!out.write('datetime,timestamp_desc,message,user,action,host,src_ip\n')) await once(out, 'drain')
  for (let i = 0; i < events; i++) {
    const t = new Date(start + Math.floor((i * span) / events)).toISOString()
    const user = users[i % users.length]
    const action = actions[(i >> 3) % actions.length]
    const line = `${t},Event Recorded,${user} ${action} on host-${i % 97} (${i}),${user},${action},host-${i % 97},10.${i % 7}.${i % 200}.${i % 250}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

/** The CSRF token of the browser's session, as the login page publishes it (contract §1.1). */
async function csrfToken(request, base) {
  const html = await (await request.get(`${base}/login/?local_auth=1`)).text()
  const m = html.match(/id="csrf_token"[^>]*value="([^"]+)"/) ?? html.match(/name="csrf-token"[^>]*content="([^"]+)"/)
  if (!m) throw new Error('no CSRF token on the login page')
  return m[1]
}

async function apiJson(response, what) {
  if (!response.ok()) throw new Error(`${what}: ${response.status()} ${(await response.text()).slice(0, 300)}`)
  return response.json()
}

/** Creates a sketch, uploads the CSV in chunks and waits until its timeline is ready. */
async function createSketchWithEvents(context, o) {
  const request = context.request
  const headers = { 'X-CSRFToken': await csrfToken(request, o.url), Referer: `${o.url}/` }
  const sketch = (await apiJson(await request.post(`${o.url}/api/v1/sketches/`, { headers, data: { name: `Figures ${o.events} events`, description: 'perf.mjs' } }), 'create sketch')).objects[0]
  mkdirSync('target', { recursive: true })
  const path = `target/perf-${o.events}.csv`
  let t = Date.now()
  await writeCsv(path, o.events)
  const size = statSync(path).size
  console.log(`generated ${o.events} events (${(size / 1e6).toFixed(1)} MB) in ${Date.now() - t} ms; sketch ${sketch.id}`)
  t = Date.now()
  const chunkSize = o.chunkMb * 1024 * 1024
  const chunks = Math.ceil(size / chunkSize)
  const key = randomUUID().replaceAll('-', '')
  const fd = openSync(path, 'r')
  let timeline
  try {
    for (let index = 0; index < chunks; index++) {
      const buffer = Buffer.alloc(Math.min(chunkSize, size - index * chunkSize))
      readSync(fd, buffer, 0, buffer.length, index * chunkSize)
      const multipart = {
        name: `perf-${o.events}`,
        sketch_id: String(sketch.id),
        data_label: 'csv',
        provider: 'perf.mjs',
        total_file_size: String(size),
        chunk_total_chunks: String(chunks),
        chunk_index_name: key,
        chunk_index: String(index),
        chunk_byte_offset: String(index * chunkSize),
        file: { name: `perf-${o.events}.csv`, mimeType: 'text/csv', buffer },
      }
      const body = await apiJson(await request.post(`${o.url}/api/v1/upload/`, { headers, multipart, timeout: 600_000 }), `upload chunk ${index}`)
      if (body.objects?.length) timeline = body.objects[0]
    }
  } finally {
    closeSync(fd)
  }
  console.log(`uploaded in ${chunks} chunk(s) in ${Date.now() - t} ms`)
  t = Date.now()
  for (;;) {
    const tl = (await apiJson(await request.get(`${o.url}/api/v1/sketches/${sketch.id}/timelines/${timeline.id}/`), 'timeline')).objects[0]
    const status = tl.status?.[0]?.status
    if (status === 'ready') break
    if (status === 'fail' || status === 'failed') throw new Error(`import failed: ${JSON.stringify(tl.datasources?.at(-1) ?? tl)}`)
    await new Promise((r) => setTimeout(r, 2000))
  }
  console.log(`indexed in ${Date.now() - t} ms`)
  return sketch.id
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const o = options(process.argv.slice(2))
const { context, close } = await launch()
context.setDefaultTimeout(120_000)
try {
  const page = context.pages()[0] ?? (await context.newPage())
  await login(page, o.url, o.user, o.password)
  const sketchId = o.sketch ?? (await createSketchWithEvents(context, o))
  if (o.latencyMs > 0) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: o.latencyMs, downloadThroughput: -1, uploadThroughput: -1 })
    console.log(`every request of the browser takes ${o.latencyMs} ms longer`)
  }
  const exploreUrl = `${o.url}/#/sketch/${sketchId}/explore`
  const loads = []
  const searches = []
  const scrolls = []
  for (let run = 1; run <= o.runs; run++) {
    const load = await pageLoadToFirstRows(page, exploreUrl)
    await page.waitForSelector('[data-test=total]:has-text("events")')
    const total = Number((await page.textContent('[data-test=total]')).replace(/[^0-9]/g, ''))
    const search = await searchToFirstRows(page)
    await page.waitForSelector('[data-test=event-row] >> nth=5')
    const scroll = await scrollRows(page, Math.min(o.rows, Math.max(0, total - 50)))
    loads.push(load.firstRowsMs)
    searches.push(search)
    scrolls.push(scroll)
    console.log(
      `run ${run}: ${total.toLocaleString('en-US')} events; page load to first rows ${Math.round(load.firstRowsMs)} ms ` +
        `(document ${Math.round(load.domContentLoadedMs)} ms, first explore request ${Math.round(load.firstExploreRequestMs?.duration ?? NaN)} ms); ` +
        `new * search to first rows ${Math.round(search)} ms; scroll: ${JSON.stringify(scroll)}`,
    )
  }
  if (o.trace) {
    await page.evaluate(() => {
      document.querySelector('[data-test=event-table]').scrollTop = 0
    })
    await page.waitForTimeout(500)
    const { result, byEvent } = await traceMainThread(page, () => scrollRows(page, Math.min(o.rows, 10_000)))
    console.log(`traced scroll: ${result.dropped} frames dropped, p95 frame ${result.p95} ms; main thread self time by trace event (ms): ${JSON.stringify(byEvent)}`)
  }
  const best = scrolls.reduce((a, b) => (a.dropped <= b.dropped ? a : b))
  console.log(`\nfigures (median of ${o.runs} runs, sketch ${sketchId}${o.latencyMs ? `, ${o.latencyMs} ms added to every request` : ''}):`)
  console.log(`  time to first results, page load of a * search: ${Math.round(median(loads))} ms`)
  console.log(`  time to first results, new * search on the page: ${Math.round(median(searches))} ms`)
  console.log(`  frames dropped scrolling ${best.lastRow >= o.rows ? o.rows.toLocaleString('en-US') : best.lastRow} rows in ${best.frames} frames: median ${median(scrolls.map((s) => s.dropped))}, best ${best.dropped} (p95 frame ${median(scrolls.map((s) => s.p95))} ms, frames showing a loading row: median ${median(scrolls.map((s) => s.blankFrames))})`)
  console.log(`  first scroll (pages the server had not cached): ${scrolls[0].dropped} frames dropped, p95 frame ${scrolls[0].p95} ms, ${scrolls[0].blankFrames} of ${scrolls[0].frames} frames showing a loading row`)
} finally {
  await close()
}
