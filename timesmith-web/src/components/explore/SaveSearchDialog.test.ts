import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { saveView } from '../../api/timesketch'
import { emptyQuery, termChip } from '../../model/query'
import { SKETCH } from '../../sketchContext'
import { session } from '../../store'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import SaveSearchDialog from './SaveSearchDialog.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  saveView: vi.fn(),
}))

const global = vuetifyGlobal()

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
  vi.clearAllMocks()
})

describe('SaveSearchDialog', () => {
  it('saves the search with the columns and reloads the sketch', async () => {
    vi.mocked(saveView).mockResolvedValue({ id: 1, name: 'Mallory', query_string: '', query_filter: '' })
    const reload = vi.fn(async () => undefined)
    const state = { ...emptyQuery(), query: 'user:mallory', chips: [termChip('user', 'mallory')] }
    const wrapper = mount(SaveSearchDialog, {
      global: { ...global, provide: { [SKETCH as symbol]: { id: 4, reload } } },
      props: { modelValue: true, state, columns: [{ field: 'src_ip', width: 100 }] },
      attachTo: document.body,
    })
    await nextTick()
    expect(inDocument('.v-overlay')?.textContent).toContain('user:mallory + 1 chips')
    const save = inDocument('[data-test=save-confirm]') as HTMLButtonElement
    expect(save.disabled).toBe(true)
    const name = inDocument('[data-test=save-name] input') as HTMLInputElement
    name.value = ' Mallory '
    name.dispatchEvent(new Event('input'))
    await nextTick()
    save.click()
    await flushPromises()
    expect(saveView).toHaveBeenCalledWith(4, {
      name: 'Mallory',
      description: '',
      query: 'user:mallory',
      filter: expect.objectContaining({ chips: state.chips, size: 40, fields: [{ field: 'src_ip' }] }),
    })
    expect(reload).toHaveBeenCalled()
    expect(session.notices.at(-1)?.text).toBe('Saved search "Mallory"')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})
