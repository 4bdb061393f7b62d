import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { vuetifyGlobal } from '../../testing'
import SearchBar from './SearchBar.vue'

const global = vuetifyGlobal()

afterEach(() => {
  document.body.innerHTML = ''
})

describe('SearchBar', () => {
  const props = { modelValue: '', fields: ['message', 'user', 'username'], history: ['old'], searching: false, views: [] }

  it('offers field names while typing and takes one with Tab', async () => {
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    const input = wrapper.find('[data-test=query-input] input')
    await input.setValue('us')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['us'])
    await wrapper.setProps({ modelValue: 'us' })
    expect(wrapper.findAll('[data-test=completion] .v-list-item').map((i) => i.text())).toEqual(['user', 'username'])
    await input.trigger('keydown', { key: 'Tab' })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['user:'])
    expect(wrapper.find('[data-test=completion]').exists()).toBe(false)
    expect(wrapper.emitted('search')).toBeUndefined()
    wrapper.unmount()
  })

  it('Enter and the button search; the save button asks for the dialog', async () => {
    const wrapper = mount(SearchBar, { global, props: { ...props, modelValue: 'user:bob' } })
    await wrapper.find('[data-test=query-input] input').trigger('keydown', { key: 'Enter' })
    await wrapper.find('[data-test=search]').trigger('click')
    await wrapper.find('[data-test=save-search]').trigger('click')
    expect(wrapper.emitted('search')).toHaveLength(2)
    expect(wrapper.emitted('save')).toHaveLength(1)
  })

  it('focus() puts the cursor into the query field', () => {
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    wrapper.vm.focus()
    expect(document.activeElement).toBe(wrapper.find('[data-test=query-input] input').element)
    wrapper.unmount()
  })

  it('the wildcard toggle shows the mode and asks to flip it', async () => {
    const wrapper = mount(SearchBar, { global, props: { ...props, wildcard: false } })
    const toggle = wrapper.find('[data-test=wildcard-toggle]')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')
    expect(wrapper.emitted('update:wildcard')).toEqual([[true]])
    await wrapper.setProps({ wildcard: true })
    expect(wrapper.find('[data-test=wildcard-toggle]').attributes('aria-pressed')).toBe('true')
    await wrapper.find('[data-test=wildcard-toggle]').trigger('click')
    expect(wrapper.emitted('update:wildcard')?.at(-1)).toEqual([false])
  })
})
