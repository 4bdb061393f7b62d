/**
 * Field-name completion in the query field: typing a field name offers the sketch's fields;
 * arrows move through them, Tab or Enter takes one, Escape closes the list (and leaves the field).
 * Enter without a list searches.
 */
import { nextTick, ref } from 'vue'
import { applyCompletion, completeField, type Completion } from '../model/query'
import { moveIndex } from '../model/explore'

export interface CompletionOptions {
  /** the query text */
  text: () => string
  setText: (text: string) => void
  fields: () => string[]
  input: () => HTMLInputElement | undefined
  search: () => void
}

export function useCompletion(options: CompletionOptions) {
  const completion = ref<Completion | undefined>()
  const index = ref(0)

  /** The text changed (to `text`): offers the fields that complete the word at the cursor. */
  function onInput(text: string) {
    const cursor = options.input()?.selectionStart ?? text.length
    completion.value = completeField(text, cursor, options.fields())
    index.value = 0
  }
  function close() {
    completion.value = undefined
  }
  function choose(field: string) {
    if (!completion.value) return
    const r = applyCompletion(options.text(), completion.value, field)
    options.setText(r.query)
    completion.value = undefined
    nextTick(() => {
      const el = options.input()
      el?.focus()
      el?.setSelectionRange(r.cursor, r.cursor)
    })
  }
  function onKey(e: KeyboardEvent) {
    const c = completion.value
    if (c && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      index.value = moveIndex(index.value, c.fields.length, e.key === 'ArrowDown')
    } else if (c && (e.key === 'Tab' || (e.key === 'Enter' && index.value >= 0 && !e.ctrlKey))) {
      if (e.key === 'Enter' && !c.fields[index.value]) return
      e.preventDefault()
      choose(c.fields[index.value])
    } else if (e.key === 'Enter') {
      options.search()
    } else if (e.key === 'Escape') {
      completion.value = undefined
      options.input()?.blur()
    }
  }
  /** Leaving the field closes the list, a moment later so that a click on an entry still counts. */
  function onBlur() {
    setTimeout(() => (completion.value = undefined), 150)
  }

  return { completion, index, onInput, onKey, onBlur, choose, close }
}
