import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import type { Chip } from '../../api/types'
import { termChip } from '../../model/query'
import { session } from '../../store'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import ChipBar from './ChipBar.vue'
import TimeChipDialog from './TimeChipDialog.vue'

const global = vuetifyGlobal()

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
})

describe('ChipBar', () => {
  const chips: Chip[] = [termChip('user', 'bob'), { ...termChip('action', 'logon'), active: false }]

  it('switches a chip off and on, removes it and inverts it', async () => {
    const wrapper = mount(ChipBar, { global, props: { chips, timeZone: 'UTC' } })
    const shown = wrapper.findAll('[data-test=chip]')
    expect(shown.map((c) => c.text())).toEqual(['user: bob', 'action: logon'])
    expect(shown[1].classes()).toContain('chip-off')
    await shown[0].trigger('click')
    await shown[1].find('.v-chip__close').trigger('click')
    await shown[0].find('.mdi-swap-horizontal').trigger('click')
    const emitted = wrapper.emitted('update:chips')!.map((e) => e[0] as Chip[])
    expect(emitted).toHaveLength(3)
    expect(emitted[0][0].active).toBe(false)
    expect(emitted[1]).toEqual([chips[0]])
    expect(emitted[2][0].operator).toBe('must_not')
  })

  it('adds the starred and commented chips', async () => {
    const wrapper = mount(ChipBar, { global, props: { chips: [], timeZone: 'UTC' } })
    await wrapper.find('[data-test=chip-starred]').trigger('click')
    await wrapper.find('[data-test=chip-commented]').trigger('click')
    expect(wrapper.emitted('update:chips')!.map((e) => (e[0] as Chip[])[0].value)).toEqual(['__ts_star', '__ts_comment'])
  })

  it('shows time chips in the display time zone', () => {
    const range: Chip = { field: '', type: 'datetime_range', operator: 'must', active: true, value: '2024-01-01T00:00:00,2024-01-02T00:00:00' }
    const wrapper = mount(ChipBar, { global, props: { chips: [range], timeZone: 'Europe/Berlin' } })
    expect(wrapper.find('[data-test=chip]').text()).toContain('2024-01-01 01:00:00')
  })
})

describe('TimeChipDialog', () => {
  it('adds an interval chip and closes', async () => {
    const wrapper = mount(TimeChipDialog, { global, props: { modelValue: true }, attachTo: document.body })
    await nextTick()
    inDocument('[data-test=time-mode-interval]')!.click()
    await nextTick()
    const fill = (selector: string, value: string) => {
      const input = inDocument(`${selector} input`) as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    fill('[data-test=time-start]', '2024-03-01T12:00:00')
    fill('[data-test=time-before]', '0')
    fill('[data-test=time-after]', '1')
    await nextTick()
    inDocument('[data-test=time-add]')!.click()
    await nextTick()
    expect(wrapper.emitted('add')?.[0]?.[0]).toMatchObject({ type: 'datetime_interval', value: '2024-03-01T12:00:00 -0m +1m' })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('keeps a wrong time open and says why', async () => {
    const wrapper = mount(TimeChipDialog, { global, props: { modelValue: true }, attachTo: document.body })
    await nextTick()
    inDocument('[data-test=time-add]')!.click()
    await nextTick()
    expect(wrapper.emitted('add')).toBeUndefined()
    expect(session.notices.at(-1)).toMatchObject({ kind: 'error', text: 'Give both times as YYYY-MM-DDTHH:MM:SS (UTC)' })
    wrapper.unmount()
  })
})
