import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import ColumnPicker from './ColumnPicker.vue'

const global = vuetifyGlobal()

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
})

describe('ColumnPicker', () => {
  it('lists the fields matching the filter, ticks the columns and asks to toggle one', async () => {
    const wrapper = mount(ColumnPicker, { global, props: { fields: ['message', 'src_ip', 'user'], columns: [{ field: 'message', width: 100 }] }, attachTo: document.body })
    await wrapper.find('[data-test=columns]').trigger('click')
    await flushPromises()
    expect(inDocument('[data-test=column-message] .mdi-checkbox-marked')).not.toBeNull()
    expect(inDocument('[data-test=column-user] .mdi-checkbox-blank-outline')).not.toBeNull()
    const filter = document.querySelector<HTMLInputElement>('.v-overlay input')!
    filter.value = 'SRC'
    filter.dispatchEvent(new Event('input'))
    await nextTick()
    expect(inDocument('[data-test=column-user]')).toBeNull()
    inDocument('[data-test=column-src_ip]')!.click()
    expect(wrapper.emitted('toggle')).toEqual([['src_ip']])
    wrapper.unmount()
  })
})
