import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Timeline } from '../../api/types'
import { session } from '../../store'
import { vuetifyGlobal } from '../../testing'
import TimelineBar from './TimelineBar.vue'

const global = vuetifyGlobal()

afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
})

describe('TimelineBar', () => {
  const timeline = (id: number, status = 'ready'): Timeline => ({ id, name: `t${id}`, color: 'FF0000', status: [{ status }], searchindex: { id, index_name: `i${id}` } })
  const timelines = [timeline(1), timeline(2, 'processing')]

  it('shows each timeline with its count and status, switched-off ones crossed out', () => {
    const wrapper = mount(TimelineBar, { global, props: { sketchId: 1, timelines, timelineIds: [2], counts: { '1': 5, '2': 1234 } } })
    const chips = wrapper.findAll('[data-test=timeline-toggle]')
    expect(chips[0].classes()).toContain('chip-off')
    expect(chips[1].text()).toContain('1,234')
    expect(chips[1].text()).toContain('(processing)')
    expect(chips[0].text()).not.toContain('5')
  })

  it('toggles a timeline, and refuses to switch off the last one', async () => {
    const wrapper = mount(TimelineBar, { global, props: { sketchId: 1, timelines, timelineIds: undefined, counts: undefined } })
    await wrapper.findAll('[data-test=timeline-toggle]')[0].trigger('click')
    await wrapper.setProps({ timelineIds: [2] })
    await wrapper.findAll('[data-test=timeline-toggle]')[1].trigger('click')
    expect(wrapper.emitted('update:timelineIds')).toEqual([[[2]], [[2]]])
    expect(session.notices.at(-1)?.text).toBe('Select at least one timeline')
  })

  it('points to the overview when there are no timelines', () => {
    const wrapper = mount(TimelineBar, { global, props: { sketchId: 1, timelines: [], timelineIds: undefined, counts: undefined } })
    expect(wrapper.text()).toContain('No timelines yet.')
  })
})
