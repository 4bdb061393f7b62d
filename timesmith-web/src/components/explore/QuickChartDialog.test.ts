import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { runDslAggregation } from '../../api/timesketch'
import { emptyQuery, labelChip, termChip } from '../../model/query'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import QuickChartDialog from './QuickChartDialog.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  runDslAggregation: vi.fn(),
}))
vi.mock('vega-embed', () => ({ default: vi.fn(async () => ({ finalize: () => undefined })) }))

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  vi.clearAllMocks()
})

const state = { ...emptyQuery(), query: 'action:logon', chips: [termChip('host', 'h1'), labelChip('__ts_star')] }

async function openChart(mode: 'field' | 'heatmap', field = '') {
  const wrapper = mount(QuickChartDialog, {
    global: vuetifyGlobal(),
    props: { sketchId: 3, state, mode, field, fields: ['user', 'host'], timeZone: 'UTC', modelValue: false },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  await nextTick()
  return wrapper
}

describe('QuickChartDialog', () => {
  it('counts a field\'s values over the search and filters for a value', async () => {
    vi.mocked(runDslAggregation).mockResolvedValue({ objects: [{ values: { buckets: [{ key: 'mallory', doc_count: 750 }, { key: 'bob', doc_count: 2 }] } }] })
    const wrapper = await openChart('field', 'user')
    expect(runDslAggregation).toHaveBeenCalledWith(3, {
      query: { query_string: { query: '(action:logon) AND host:"h1"', default_operator: 'AND' } },
      aggs: { values: { terms: { field: 'user', size: 20 } } },
    })
    expect(inDocument('[data-test=quick-chart-table]')?.textContent).toContain('mallory750')
    expect(inDocument('[data-test=quick-chart-skipped]')?.textContent).toBe('Not applied: Starred.')
    ;(document.querySelectorAll<HTMLElement>('[data-test=quick-chart-out]')[1]).click()
    expect(wrapper.emitted('filter')).toEqual([['user', 'bob', true]])
    wrapper.unmount()
  })

  it('draws the week heatmap from the hourly counts', async () => {
    vi.mocked(runDslAggregation).mockResolvedValue({ objects: [{ hours: { buckets: [{ key: Date.UTC(2024, 2, 4, 9), doc_count: 4 }] } }] })
    const wrapper = await openChart('heatmap')
    expect((vi.mocked(runDslAggregation).mock.calls[0][1] as any).aggs).toEqual({ hours: { date_histogram: { field: 'datetime', fixed_interval: '1h' } } })
    expect(inDocument('[data-test=quick-chart]')?.textContent).toContain('Events by day of week and hour')
    expect(inDocument('[data-test=vega-chart]')).not.toBeNull()
    expect(inDocument('[data-test=quick-chart-empty]')).toBeNull()
    wrapper.unmount()
  })

  it('shows the server\'s refusal and an empty answer as such', async () => {
    vi.mocked(runDslAggregation).mockRejectedValue(new Error('values: no field given'))
    let wrapper = await openChart('field', 'user')
    expect(inDocument('[data-test=quick-chart-error]')?.textContent).toBe('values: no field given')
    wrapper.unmount()
    vi.mocked(runDslAggregation).mockResolvedValue({ objects: [{}] })
    wrapper = await openChart('heatmap')
    expect(inDocument('[data-test=quick-chart-empty]')).not.toBeNull()
    wrapper.unmount()
  })
})
