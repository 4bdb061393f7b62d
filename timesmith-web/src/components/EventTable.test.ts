import { describe, expect, it } from 'vitest'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { createVuetify } from 'vuetify'
import { nextTick } from 'vue'
import EventTable from './EventTable.vue'
import { EventPager, type PageSource } from '../model/paging'
import type { EventHit } from '../api/types'

const T0 = Date.UTC(2024, 0, 1) * 1000

function source(total: number): { source: PageSource; requests: number[] } {
  const requests: number[] = []
  const hit = (i: number): EventHit => ({
    _id: `e${i}`,
    _index: 'idx',
    _source: { timestamp: T0 + i * 1_000_000, message: `event ${i}`, timestamp_desc: 'Written', label: i === 2 ? ['__ts_star'] : [], tag: i === 3 ? ['evil'] : [] },
  })
  return {
    requests,
    source: {
      async byOffset(from, size) {
        requests.push(from)
        return { hits: Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, k) => hit(from + k)), total }
      },
      async byScroll(scrollId, size) {
        const from = scrollId === undefined ? 0 : Number(scrollId)
        requests.push(from)
        const hits = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, k) => hit(from + k))
        return { hits, total, scrollId: String(from + hits.length) }
      },
    },
  }
}

async function mountTable(total: number) {
  const { source: src, requests } = source(total)
  let version = 0
  const pager = new EventPager(src, () => wrapper.setProps({ version: ++version }), { pageSize: 100, window: 1_000_000 })
  const wrapper = mount(EventTable, {
    global: { plugins: [createVuetify()] },
    props: {
      pager,
      version,
      columns: [
        { field: 'datetime', width: 220 },
        { field: 'message', width: 400 },
      ],
      timeZone: 'UTC',
      timelineColor: () => '#ff0000',
      selected: new Set<string>(),
      current: -1,
    },
  })
  await pager.show(0, 30)
  await flushPromises()
  await nextTick()
  return { wrapper, pager, requests }
}

/** The rows are rendered into a shadow root (test-utils' find does not look inside it). */
function rowsRoot(wrapper: VueWrapper): ShadowRoot {
  return wrapper.find('.ev-body').element.shadowRoot!
}
function rowEl(wrapper: VueWrapper, selector: string): HTMLElement | null {
  return rowsRoot(wrapper).querySelector<HTMLElement>(selector)
}

describe('EventTable', () => {
  it('renders only the rows on screen, however many results there are', async () => {
    const { wrapper, pager } = await mountTable(100_000)
    expect(pager.total).toBe(100_000)
    const rows = rowsRoot(wrapper).querySelectorAll('[data-test=event-row]')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0].textContent).toContain('2024-01-01 00:00:00.000000')
    expect(rows[0].textContent).toContain('event 0')
  })

  it('shows stars and tags', async () => {
    const { wrapper } = await mountTable(50)
    expect(rowEl(wrapper, '[data-row="2"] [data-icon=starred]')).not.toBeNull()
    expect(rowEl(wrapper, '[data-row="1"] [data-icon=starred]')).toBeNull()
    expect(rowEl(wrapper, '[data-row="3"] .ev-tag')?.textContent).toBe('evil')
  })

  it('loads the page of rows scrolled to', async () => {
    const { wrapper, requests, pager } = await mountTable(100_000)
    const scroller = wrapper.find('[data-test=event-table]').element as HTMLElement
    scroller.scrollTop = 26 * 50_000
    await wrapper.find('[data-test=event-table]').trigger('scroll')
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    await nextTick()
    expect(requests).toContain(50_000)
    expect(pager.row(50_000)?._id).toBe('e50000')
    expect(rowEl(wrapper, '[data-row="50000"]')?.textContent).toContain('event 50000')
  })

  it('emits open and star from a row', async () => {
    const { wrapper } = await mountTable(50)
    rowEl(wrapper, '[data-row="4"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await nextTick()
    expect(wrapper.emitted('open')?.[0]).toEqual([4])
    rowEl(wrapper, '[data-row="5"] [data-test=star-event]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await nextTick()
    expect((wrapper.emitted('star')?.[0]?.[0] as EventHit)._id).toBe('e5')
    expect(wrapper.emitted('open')).toHaveLength(1)
  })

  it('Alt-click on a value asks for a term chip (Alt+Shift: exclude) instead of opening the event', async () => {
    const { wrapper } = await mountTable(50)
    const click = (selector: string, init: MouseEventInit) => rowEl(wrapper, selector)!.dispatchEvent(new MouseEvent('click', { bubbles: true, ...init }))
    click('[data-row="7"] [data-field=message]', { altKey: true })
    click('[data-row="8"] [data-field=message]', { altKey: true, shiftKey: true })
    await nextTick()
    expect(wrapper.emitted('value-click')).toEqual([
      ['message', 'event 7', false],
      ['message', 'event 8', true],
    ])
    expect(wrapper.emitted('open')).toBeUndefined()
    // the date column has no term: the click opens the event
    click('[data-row="9"] [data-field=datetime]', { altKey: true })
    click('[data-row="9"] [data-field=message]', {})
    await nextTick()
    expect(wrapper.emitted('value-click')).toHaveLength(2)
    expect(wrapper.emitted('open')).toEqual([[9], [9]])
  })

  it('refreshes a row edited in place (updateHit), though row contents are cached across page arrivals', async () => {
    const { wrapper, pager } = await mountTable(50)
    await wrapper.setProps({ version: 1000 })
    pager.updateHit('e1', (h) => (h._source.label = ['__ts_star', 'seen']))
    await flushPromises()
    await nextTick()
    expect(rowEl(wrapper, '[data-row="1"] [data-icon=starred]')).not.toBeNull()
    expect(rowEl(wrapper, '[data-row="1"] [data-field=message]')!.textContent).toContain('seen')
  })

  it('keeps the rows out of the document stylesheets, in a shadow root with their own', async () => {
    const { wrapper } = await mountTable(50)
    expect(wrapper.find('[data-test=event-row]').exists()).toBe(false)
    expect(rowsRoot(wrapper).querySelector('style')?.textContent).toContain('.ev-row')
  })
})
