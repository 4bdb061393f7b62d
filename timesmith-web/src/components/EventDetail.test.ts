import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { contextLinks, unfurl } from '../api/intelligence'
import { getEvent } from '../api/timesketch'
import { session } from '../store'
import { inDocument, stubViewport, vuetifyGlobal } from '../testing'
import EventDetail from './EventDetail.vue'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  getEvent: vi.fn(),
}))
vi.mock('../api/intelligence', () => ({ contextLinks: vi.fn(), unfurl: vi.fn() }))

const XML = '<Event><System><EventID>4624</EventID></System></Event>'
const source = {
  message: 'logon',
  timestamp: 1709294400000000,
  md5: 'd41d8cd98f00b204e9800998ecf8427e',
  url: 'https://www.example.org/a?b=c',
  xml_string: XML,
  filetime: '133537680000000000',
}
const hit = { _id: 'e1', _index: 'idx', _source: source }

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
  vi.clearAllMocks()
})

async function mountDetail() {
  vi.mocked(getEvent).mockResolvedValue({ source, comments: [] })
  const wrapper = mount(EventDetail, {
    global: vuetifyGlobal(),
    props: { sketchId: 2, hit, timeZone: 'UTC', timelineName: 'demo', timelineColor: '#f00' },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

async function menuOf(wrapper: ReturnType<typeof mount>, field: string) {
  await wrapper.find(`[data-test=field-menu-${field}]`).trigger('click')
  await flushPromises()
  return [...document.querySelectorAll<HTMLElement>('.v-overlay--active .v-list-item')]
}

describe('EventDetail field menus', () => {
  it('follows a configured context link only after the warning', async () => {
    vi.mocked(contextLinks).mockResolvedValue({
      md5: [{ type: 'linked_services', short_name: 'VirusTotal', context_link: 'https://vt.example/search/<ATTR_VALUE>', validation_regex: '/^[0-9a-f]{32}$/i', redirect_warning: true }],
    })
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const wrapper = await mountDetail()
    const items = await menuOf(wrapper, 'md5')
    expect(items.map((i) => i.textContent)).toEqual(['VirusTotal', 'Aggregate this field', 'Add as a threat intelligence indicator'])
    items[0].click()
    await flushPromises()
    expect(inDocument('[data-test=leave-url]')?.textContent).toBe('https://vt.example/search/d41d8cd98f00b204e9800998ecf8427e')
    expect(open).not.toHaveBeenCalled()
    inDocument('[data-test=leave-confirm]')!.click()
    expect(open).toHaveBeenCalledWith('https://vt.example/search/d41d8cd98f00b204e9800998ecf8427e', '_blank', 'noopener,noreferrer')
    wrapper.unmount()
  })

  it('unfurls a URL into the server\'s tree', async () => {
    vi.mocked(contextLinks).mockResolvedValue({ url: [{ type: 'hardcoded_modules', short_name: 'Unfurl URL', module: 'unfurl_graph' }] })
    vi.mocked(unfurl).mockResolvedValue({
      nodes: [
        { id: 1, label: 'https://www.example.org/a?b=c' },
        { id: 2, label: 'Host: www.example.org' },
        { id: 3, label: 'b: c' },
      ],
      edges: [
        { from: 1, to: 2 },
        { from: 1, to: 3 },
      ],
    })
    const wrapper = await mountDetail()
    const items = await menuOf(wrapper, 'url')
    expect(items.map((i) => i.textContent)).toEqual(['Unfurl URL', 'Aggregate this field', 'Add as a threat intelligence indicator'])
    items[0].click()
    await flushPromises()
    expect(unfurl).toHaveBeenCalledWith('https://www.example.org/a?b=c')
    expect([...document.querySelectorAll('[data-test=unfurl-dialog] [data-test=tree-label]')].map((e) => e.textContent)).toEqual([
      'https://www.example.org/a?b=c',
      'Host: www.example.org',
      'b: c',
    ])
    wrapper.unmount()
  })

  it('reads a number as times, pretty-prints XML, and works without the link configuration', async () => {
    vi.mocked(contextLinks).mockRejectedValue(new Error('Unable to read context_links.yaml'))
    const wrapper = await mountDetail()
    let items = await menuOf(wrapper, 'filetime')
    expect(items[0].textContent).toBe('Read as a time')
    items[0].click()
    await flushPromises()
    expect([...document.querySelectorAll('[data-test=unfurl-dialog] [data-test=tree-label]')].map((e) => e.textContent)).toContain('2024-03-01 12:00:00.000 UTC')
    expect(unfurl).not.toHaveBeenCalled()
    items = await menuOf(wrapper, 'xml_string')
    expect(items.map((i) => i.textContent)).toEqual(['Pretty-print XML', 'Aggregate this field', 'Add as a threat intelligence indicator'])
    items[0].click()
    await flushPromises()
    expect(inDocument('[data-test=xml-pretty]')?.textContent).toBe('<Event>\n  <System>\n    <EventID>4624</EventID>\n  </System>\n</Event>')
    wrapper.unmount()
  })

  it('hands a value up as a new indicator and copies the whole event as JSON', async () => {
    vi.mocked(contextLinks).mockResolvedValue({})
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = await mountDetail()
    const items = await menuOf(wrapper, 'md5')
    items.at(-1)!.click()
    expect(wrapper.emitted('indicator')).toEqual([['d41d8cd98f00b204e9800998ecf8427e']])
    await wrapper.find('[data-test=copy-event]').trigger('click')
    await flushPromises()
    expect(JSON.parse(writeText.mock.calls[0][0])).toEqual({ _id: 'e1', _index: 'idx', ...source })
    expect(session.notices.at(-1)?.text).toBe('Event copied as JSON')
    wrapper.unmount()
  })

  it('opens the quick chart of a field', async () => {
    vi.mocked(contextLinks).mockResolvedValue({})
    const wrapper = await mountDetail()
    ;(await menuOf(wrapper, 'md5')).at(-2)!.click()
    expect(wrapper.emitted('aggregate')).toEqual([['md5']])
    wrapper.unmount()
  })
})
