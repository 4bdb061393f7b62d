import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { ApiError } from '../../api/http'
import { addEvent } from '../../api/timesketch'
import { session } from '../../store'
import { inDocument, stubViewport, vuetifyGlobal } from '../../testing'
import AddEventDialog from './AddEventDialog.vue'

vi.mock('../../api/timesketch', async (original) => ({
  ...(await original<typeof import('../../api/timesketch')>()),
  addEvent: vi.fn(),
}))

beforeAll(stubViewport)
afterAll(() => vi.unstubAllGlobals())
afterEach(() => {
  document.body.innerHTML = ''
  session.notices = []
  vi.clearAllMocks()
})

function type(selector: string, text: string) {
  const input = inDocument(`${selector} input, ${selector} textarea`) as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input'))
}

async function openDialog() {
  const wrapper = mount(AddEventDialog, { global: vuetifyGlobal(), props: { sketchId: 5, modelValue: false, at: Date.UTC(2024, 2, 1, 12) * 1000 }, attachTo: document.body })
  await wrapper.setProps({ modelValue: true })
  await nextTick()
  return wrapper
}

describe('AddEventDialog', () => {
  it('starts at the given time and adds the event to the manual timeline', async () => {
    vi.mocked(addEvent).mockResolvedValue({ id: 9, name: 'Manual events', color: 'AAAAAA', status: [], searchindex: { id: 3, index_name: 'x' } })
    const wrapper = await openDialog()
    expect((inDocument('[data-test=add-event-time] input') as HTMLInputElement).value).toBe('2024-03-01T12:00:00')
    type('[data-test=add-event-message]', 'Mallory called the help desk')
    type('[data-test=add-event-desc]', 'Phone call')
    inDocument('[data-test=add-event-attr]')!.click()
    await nextTick()
    type('[data-test=add-event-attr-name]', 'caller')
    type('[data-test=add-event-attr-value]', 'mallory')
    await nextTick()
    inDocument('[data-test=add-event-save]')!.click()
    await flushPromises()
    expect(addEvent).toHaveBeenCalledWith(5, {
      date_string: '2024-03-01T12:00:00',
      message: 'Mallory called the help desk',
      timestamp_desc: 'Phone call',
      tag: [],
      attributes: { caller: 'mallory' },
    })
    expect(wrapper.emitted('added')![0][0]).toMatchObject({ id: 9 })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    expect(session.notices.at(-1)?.text).toBe('Event added to the timeline "Manual events"')
    wrapper.unmount()
  })

  it('says what is missing and sends nothing', async () => {
    const wrapper = await openDialog()
    type('[data-test=add-event-message]', 'no description')
    await nextTick()
    inDocument('[data-test=add-event-save]')!.click()
    await flushPromises()
    expect(inDocument('[data-test=add-event-error]')?.textContent).toBe('The event needs a timestamp description')
    expect(addEvent).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('keeps the dialog open when the server refuses', async () => {
    vi.mocked(addEvent).mockRejectedValue(new ApiError(400, 'Unable to parse date_string'))
    const wrapper = await openDialog()
    type('[data-test=add-event-message]', 'm')
    type('[data-test=add-event-desc]', 'd')
    await nextTick()
    inDocument('[data-test=add-event-save]')!.click()
    await flushPromises()
    expect(wrapper.emitted('added')).toBeUndefined()
    expect(session.notices.at(-1)?.text).toBe('Could not add the event: Unable to parse date_string')
    wrapper.unmount()
  })
})
