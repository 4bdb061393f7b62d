import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { searchHistoryTree } from '../../api/timesketch'
import { vuetifyGlobal } from '../../testing'
import SearchHistory from './SearchHistory.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  searchHistoryTree: vi.fn(),
}))

afterEach(() => vi.clearAllMocks())

const root = {
  id: 1,
  query_string: '*',
  query_filter: '{}',
  query_result_count: 12000,
  children: [
    { id: 2, query_string: 'user:mallory', query_filter: '{}', query_result_count: 3000, children: [] },
    { id: 3, query_string: 'action:logon', query_filter: '{}', query_result_count: 3000, children: [] },
  ],
}

describe('SearchHistory', () => {
  it('draws the branches, marks the current search and replays a clicked one', async () => {
    vi.mocked(searchHistoryTree).mockResolvedValue({ root, lastNodeId: 3 })
    const wrapper = mount(SearchHistory, { global: vuetifyGlobal(), props: { sketchId: 5, current: 3, ready: true } })
    await flushPromises()
    expect(searchHistoryTree).toHaveBeenCalledWith(5)
    const labels = wrapper.findAll('[data-test=tree-label]')
    expect(labels.map((l) => l.text())).toEqual(['* (12,000)', 'user:mallory (3,000)', 'action:logon (3,000)'])
    expect(labels[2].classes()).toContain('active')
    await labels[1].trigger('click')
    expect(wrapper.emitted('replay')![0][0]).toMatchObject({ id: 2, query_string: 'user:mallory' })
  })

  it('reads the tree again after each search, not before the first results', async () => {
    vi.mocked(searchHistoryTree).mockResolvedValue({})
    const wrapper = mount(SearchHistory, { global: vuetifyGlobal(), props: { sketchId: 5, current: undefined, ready: false } })
    await flushPromises()
    expect(searchHistoryTree).not.toHaveBeenCalled()
    await wrapper.setProps({ ready: true })
    await flushPromises()
    expect(wrapper.text()).toContain('No searches yet')
    await wrapper.setProps({ current: 7 })
    await flushPromises()
    expect(searchHistoryTree).toHaveBeenCalledTimes(2)
  })

  it('says why the history is missing', async () => {
    vi.mocked(searchHistoryTree).mockRejectedValue(new Error('Forbidden'))
    const wrapper = mount(SearchHistory, { global: vuetifyGlobal(), props: { sketchId: 5, ready: true } })
    await flushPromises()
    expect(wrapper.text()).toContain('Forbidden')
  })
})
