import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { llmFeatureEnabled, starredEventsReport } from '../../api/investigation'
import { emptyQuery, labelChip } from '../../model/query'
import { stubViewport, vuetifyGlobal } from '../../testing'
import StarredReportButton from './StarredReportButton.vue'

vi.mock('../../api/investigation', async (original) => ({
  ...(await original<typeof import('../../api/investigation')>()),
  llmFeatureEnabled: vi.fn(),
  starredEventsReport: vi.fn(),
}))

const global = { ...vuetifyGlobal(), stubs: { 'router-link': { props: ['to'], template: '<a :href="to"><slot /></a>' } } }

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => vi.clearAllMocks())

describe('StarredReportButton', () => {
  it('asks for a report on the starred search and links to the story it was saved as', async () => {
    vi.mocked(llmFeatureEnabled).mockResolvedValue(true)
    vi.mocked(starredEventsReport).mockResolvedValue({ summary: 'r', summary_event_count: 4, summary_unique_event_count: 3, story_id: 11 })
    const state = { ...emptyQuery(), chips: [labelChip('__ts_star')] }
    const wrapper = mount(StarredReportButton, { global, props: { sketchId: 2, state } })
    await flushPromises()
    await wrapper.get('[data-test=starred-report]').trigger('click')
    await flushPromises()
    expect(starredEventsReport).toHaveBeenCalledWith(2, '*', expect.objectContaining({ chips: state.chips, indices: '_all' }))
    expect(wrapper.get('[data-test=starred-report-story]').attributes('href')).toBe('/sketch/2/stories/11')
    expect(wrapper.text()).toContain('Report on 3 events saved')
  })

  it('says so when nothing is starred and is hidden without the starred chip or the feature', async () => {
    vi.mocked(llmFeatureEnabled).mockResolvedValue(true)
    vi.mocked(starredEventsReport).mockResolvedValue({ summary: 'No events to report on', summary_event_count: 0, summary_unique_event_count: 0, story_id: null })
    const starredState = { ...emptyQuery(), chips: [labelChip('__ts_star')] }
    const wrapper = mount(StarredReportButton, { global, props: { sketchId: 2, state: starredState } })
    await flushPromises()
    await wrapper.get('[data-test=starred-report]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-test=starred-report-result]').text()).toBe('No events to report on')
    expect(wrapper.find('[data-test=starred-report-story]').exists()).toBe(false)

    const plain = mount(StarredReportButton, { global, props: { sketchId: 2, state: emptyQuery() } })
    await flushPromises()
    expect(plain.find('[data-test=starred-report]').exists()).toBe(false)
    vi.mocked(llmFeatureEnabled).mockResolvedValue(false)
    const off = mount(StarredReportButton, { global, props: { sketchId: 2, state: starredState } })
    await flushPromises()
    expect(off.find('[data-test=starred-report]').exists()).toBe(false)
  })
})
