import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fieldCounts } from '../../api/timesketch'
import { stubViewport, vuetifyGlobal } from '../../testing'
import ExplorePanels from './ExplorePanels.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  fieldCounts: vi.fn(),
}))

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  localStorage.clear()
  vi.clearAllMocks()
})

const props = {
  sketchId: 4,
  views: [{ id: 7, name: 'Mallory activity', query: 'user:mallory' }],
  indicators: [{ ioc: '10.1.2.3', type: 'ipv4', tags: ['c2'] }],
  query: '*',
  refreshKey: 0,
  ready: true,
}

function mountPanels(open: string[], patch: Partial<typeof props> = {}) {
  localStorage.setItem('timesmith:explore-panels', JSON.stringify(open))
  return mount(ExplorePanels, { global: vuetifyGlobal(), props: { ...props, ...patch } })
}

describe('ExplorePanels', () => {
  it('shows the tags with their counts and filters for one on a click, out of the search with the minus', async () => {
    vi.mocked(fieldCounts).mockResolvedValue([{ value: 'bad', count: 1200 }, { value: 'good', count: 3 }])
    const wrapper = mountPanels(['tags'])
    await flushPromises()
    expect(fieldCounts).toHaveBeenCalledWith(4, 'tag', 500)
    const rows = wrapper.findAll('[data-test=counts-tag] [data-test=count-row]')
    expect(rows.map((r) => r.text())).toEqual(['bad1,200', 'good3'])
    await rows[0].find('[data-test=count-value]').trigger('click')
    await rows[1].find('[data-test=count-exclude]').trigger('click')
    expect(wrapper.emitted('pick')).toEqual([
      ['tag', 'bad', false],
      ['tag', 'good', true],
    ])
  })

  it('loads nothing before the first results, nor for a closed section', async () => {
    vi.mocked(fieldCounts).mockResolvedValue([])
    const wrapper = mountPanels(['data_types'], { ready: false })
    await flushPromises()
    expect(fieldCounts).not.toHaveBeenCalled()
    await wrapper.setProps({ ready: true })
    await flushPromises()
    expect(fieldCounts).toHaveBeenCalledTimes(1)
    expect(fieldCounts).toHaveBeenCalledWith(4, 'data_type', 500)
    expect(wrapper.find('[data-test=counts-empty]').text()).toBe('No event has a data_type')
    await wrapper.setProps({ refreshKey: 1 })
    await flushPromises()
    expect(fieldCounts).toHaveBeenCalledTimes(2)
  })

  it('says why the counts are missing when the server refuses', async () => {
    vi.mocked(fieldCounts).mockRejectedValue(new Error('field is required'))
    const wrapper = mountPanels(['tags'])
    await flushPromises()
    expect(wrapper.find('[data-test=counts-error]').text()).toBe('field is required')
  })

  it('opens a saved search and searches an indicator where it occurs', async () => {
    const wrapper = mountPanels(['saved', 'intelligence'])
    await flushPromises()
    await wrapper.find('[data-test=panel-saved-item]').trigger('click')
    expect(wrapper.emitted('open-view')).toEqual([[7]])
    expect(wrapper.find('[data-test=indicator]').text()).toContain('IPv4 address · c2')
    await wrapper.find('[data-test=indicator-search]').trigger('click')
    expect(wrapper.emitted('query')).toEqual([['"10.1.2.3"']])
    await wrapper.find('[data-test=indicator-remove]').trigger('click')
    expect(wrapper.emitted('remove-indicator')).toEqual([['10.1.2.3']])
    await wrapper.find('[data-test=indicator-add]').trigger('click')
    expect(wrapper.emitted('add-indicator')).toHaveLength(1)
  })

  it('keeps the open sections for the next visit and survives a broken stored value', async () => {
    localStorage.setItem('timesmith:explore-panels', '{broken')
    const wrapper = mount(ExplorePanels, { global: vuetifyGlobal(), props })
    await wrapper.find('[data-test=panel-saved] button').trigger('click')
    await flushPromises()
    expect(JSON.parse(localStorage.getItem('timesmith:explore-panels')!)).toEqual(['saved'])
  })
})
