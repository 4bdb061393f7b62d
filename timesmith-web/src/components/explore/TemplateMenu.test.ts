import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createSearchTemplate, deleteSearchTemplate, listSearchTemplates, parseSearchTemplate, type SearchTemplate } from '../../api/searchtemplates'
import { session } from '../../store'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import SearchBar from './SearchBar.vue'

vi.mock('../../api/searchtemplates', async (original) => ({
  ...(await original<typeof import('../../api/searchtemplates')>()),
  listSearchTemplates: vi.fn(),
  parseSearchTemplate: vi.fn(),
  createSearchTemplate: vi.fn(),
  deleteSearchTemplate: vi.fn(),
}))

const global = vuetifyGlobal()
const props = { modelValue: 'user:{{ who }} AND action:logon', fields: [], history: [], searching: false, views: [] }

function template(id: number, name: string, query: string, over: Partial<SearchTemplate> = {}): SearchTemplate {
  return {
    id,
    name,
    description: '',
    short_name: '',
    user: { id: null, username: null },
    query_string: query,
    query_filter: '{}',
    query_dsl: '',
    template_uuid: `u${id}`,
    template_json: '',
    created_at: '',
    updated_at: '',
    ...over,
  }
}

const TEMPLATES = [
  template(1, 'Logon events', 'action:logon', { description: 'Which accounts logged on (library)' }),
  template(2, 'Window of a user', 'user:{{ user }} AND hours:{{ hours }}', {
    user: { id: 7, username: 'alice' },
    description: 'Mine',
    template_json: JSON.stringify({ parameters: [{ name: 'user', description: 'The account', default: 'mallory' }, { name: 'hours', type: 'number' }] }),
  }),
]

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
  session.user = undefined
  vi.clearAllMocks()
})

const items = () => [...document.querySelectorAll<HTMLElement>('[data-test=template-item]')]

async function openMenu(wrapper: ReturnType<typeof mount>) {
  await wrapper.find('[data-test=templates]').trigger('click')
  await flushPromises()
  await nextTick()
}

function type(selector: string, text: string) {
  const input = inDocument(selector) as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
}

describe('TemplateMenu in the search bar', () => {
  it('lists the templates with a preview and filters them', async () => {
    vi.mocked(listSearchTemplates).mockResolvedValue(TEMPLATES)
    session.user = { id: 7, username: 'alice', admin: false }
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    await openMenu(wrapper)
    expect(listSearchTemplates).toHaveBeenCalledTimes(1)
    expect(items().map((i) => i.querySelector('.v-list-item-title')?.textContent)).toEqual(['Logon events', 'Window of a user'])
    expect(items()[1].querySelector('[data-test=template-query]')?.textContent).toBe('user:{{ user }} AND hours:{{ hours }}')
    // only the user's own template can be deleted
    expect(items()[0].querySelector('[data-test=template-delete]')).toBeNull()
    expect(items()[1].querySelector('[data-test=template-delete]')).not.toBeNull()
    type('[data-test=template-filter] input', 'library')
    await nextTick()
    expect(items().map((i) => i.querySelector('.v-list-item-title')?.textContent)).toEqual(['Logon events'])
    type('[data-test=template-filter] input', 'nothing like it')
    await nextTick()
    expect(items()).toHaveLength(0)
    expect(inDocument('[data-test=template-none]')?.textContent).toContain('No template matches')
    wrapper.unmount()
  })

  it('fills in the parameters, parses and searches the query', async () => {
    vi.mocked(listSearchTemplates).mockResolvedValue(TEMPLATES)
    vi.mocked(parseSearchTemplate).mockResolvedValue('user:bob AND hours:12')
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    await openMenu(wrapper)
    items()[1].click()
    await flushPromises()
    await nextTick()
    expect(inDocument('[data-test=template-dialog]')?.textContent).toContain('Window of a user')
    const user = inDocument('[data-test=template-param][data-param=user] input') as HTMLInputElement
    expect(user.value).toBe('mallory')
    const hours = inDocument('[data-test=template-param][data-param=hours] input') as HTMLInputElement
    expect(hours.type).toBe('number')
    const apply = inDocument('[data-test=template-apply]') as HTMLButtonElement
    expect(apply.disabled).toBe(true)
    type('[data-test=template-param][data-param=user] input', 'bob')
    type('[data-test=template-param][data-param=hours] input', '12')
    await nextTick()
    expect(apply.disabled).toBe(false)
    apply.click()
    await flushPromises()
    expect(parseSearchTemplate).toHaveBeenCalledWith(2, { user: 'bob', hours: 12 })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual(['user:bob AND hours:12'])
    expect(wrapper.emitted('search')).toHaveLength(1)
    wrapper.unmount()
  })

  it('shows a refused parse and does not search', async () => {
    vi.mocked(listSearchTemplates).mockResolvedValue(TEMPLATES)
    vi.mocked(parseSearchTemplate).mockRejectedValue(new Error('Search template syntax error'))
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    await openMenu(wrapper)
    items()[0].click()
    await flushPromises()
    expect(inDocument('[data-test=template-dialog]')?.textContent).toContain('no parameters')
    ;(inDocument('[data-test=template-apply]') as HTMLButtonElement).click()
    await flushPromises()
    expect(parseSearchTemplate).toHaveBeenCalledWith(1, {})
    expect(session.notices.at(-1)?.text).toBe('Could not fill in the template "Logon events": Search template syntax error')
    expect(wrapper.emitted('search')).toBeUndefined()
    wrapper.unmount()
  })

  it('deletes a template after a second click', async () => {
    vi.mocked(listSearchTemplates).mockResolvedValue(TEMPLATES)
    vi.mocked(deleteSearchTemplate).mockResolvedValue()
    session.user = { id: 1, username: 'admin', admin: true }
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    await openMenu(wrapper)
    items()[0].querySelector<HTMLElement>('[data-test=template-delete]')!.click()
    await nextTick()
    expect(deleteSearchTemplate).not.toHaveBeenCalled()
    items()[0].querySelector<HTMLElement>('[data-test=template-delete-confirm]')!.click()
    await flushPromises()
    expect(deleteSearchTemplate).toHaveBeenCalledWith(1)
    expect(items().map((i) => i.querySelector('.v-list-item-title')?.textContent)).toEqual(['Window of a user'])
    expect(session.notices.at(-1)?.text).toBe('Deleted template "Logon events"')
    expect(wrapper.emitted('search')).toBeUndefined()
    wrapper.unmount()
  })

  it('saves the current query as a template', async () => {
    vi.mocked(listSearchTemplates).mockResolvedValue([])
    vi.mocked(createSearchTemplate).mockResolvedValue(template(5, 'Logons of', props.modelValue))
    const wrapper = mount(SearchBar, { global, props, attachTo: document.body })
    await openMenu(wrapper)
    expect(inDocument('[data-test=template-none]')?.textContent).toContain('No search templates yet')
    inDocument('[data-test=template-save]')!.click()
    await flushPromises()
    await nextTick()
    expect(inDocument('[data-test=save-template-query]')?.textContent).toBe(props.modelValue)
    expect(inDocument('[data-test=save-template-params]')?.textContent).toContain('Parameters: who')
    const save = inDocument('[data-test=save-template-confirm]') as HTMLButtonElement
    expect(save.disabled).toBe(true)
    type('[data-test=save-template-name] input', ' Logons of ')
    type('[data-test=save-template-description] textarea', 'one account')
    await nextTick()
    save.click()
    await flushPromises()
    expect(createSearchTemplate).toHaveBeenCalledWith({ name: 'Logons of', description: 'one account', query: props.modelValue })
    expect(session.notices.at(-1)?.text).toBe('Saved template "Logons of"')
    wrapper.unmount()
  })
})
