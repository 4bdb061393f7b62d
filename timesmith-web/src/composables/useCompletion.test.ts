import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { useCompletion } from './useCompletion'

const FIELDS = ['data_type', 'message', 'src_ip', 'timestamp', 'user', 'username']

/** A completion on a real input element, whose text the completion edits. */
function setup(text = '') {
  const input = document.createElement('input')
  document.body.appendChild(input)
  const searched: string[] = []
  const c = useCompletion({
    text: () => input.value,
    setText: (t) => (input.value = t),
    fields: () => FIELDS,
    input: () => input,
    search: () => searched.push(input.value),
  })
  const type = (t: string) => {
    input.value = t
    input.setSelectionRange(t.length, t.length)
    c.onInput(t)
  }
  const key = (k: string, init: KeyboardEventInit = {}) => {
    const e = new KeyboardEvent('keydown', { key: k, cancelable: true, ...init })
    c.onKey(e)
    return e
  }
  if (text) type(text)
  return { c, input, searched, type, key }
}

describe('query completion', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('offers the fields that complete the word at the cursor', () => {
    const { c } = setup('us')
    expect(c.completion.value?.fields).toEqual(['user', 'username'])
    expect(c.index.value).toBe(0)
  })

  it('arrows move through the list, wrapping around, and Enter takes the entry', async () => {
    const { c, input, key, searched } = setup('bob AND us')
    expect(key('ArrowDown').defaultPrevented).toBe(true)
    expect(c.index.value).toBe(1)
    key('ArrowDown')
    expect(c.index.value).toBe(0)
    key('ArrowUp')
    expect(c.index.value).toBe(1)
    expect(key('Enter').defaultPrevented).toBe(true)
    expect(input.value).toBe('bob AND username:')
    expect(c.completion.value).toBeUndefined()
    expect(searched).toEqual([])
    await nextTick()
    expect(document.activeElement).toBe(input)
    expect(input.selectionStart).toBe('bob AND username:'.length)
  })

  it('Tab takes the highlighted field; Enter without a list searches', () => {
    const { input, key, searched, type } = setup('mess')
    key('Tab')
    expect(input.value).toBe('message:')
    type('message:logon')
    key('Enter')
    expect(searched).toEqual(['message:logon'])
  })

  it('Ctrl+Enter searches even with the list open', () => {
    const { key, searched } = setup('us')
    expect(key('Enter', { ctrlKey: true }).defaultPrevented).toBe(false)
    expect(searched).toEqual(['us'])
  })

  it('Escape closes the list and leaves the field', () => {
    const { c, input, key } = setup('us')
    input.focus()
    key('Escape')
    expect(c.completion.value).toBeUndefined()
    expect(document.activeElement).not.toBe(input)
  })

  it('offers nothing for a value', () => {
    const { c } = setup('user:bo')
    expect(c.completion.value).toBeUndefined()
  })

  it('closes the list a moment after the field is left', () => {
    vi.useFakeTimers()
    const { c } = setup('us')
    c.onBlur()
    expect(c.completion.value).toBeDefined()
    vi.advanceTimersByTime(150)
    expect(c.completion.value).toBeUndefined()
  })
})
