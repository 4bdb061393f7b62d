import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { EventHit } from '../api/types'
import { exploreKey, type ExploreKeyActions } from './useExploreKeys'

const hit = (i: number): EventHit => ({ _id: `e${i}`, _index: 'idx', _source: {} })

/** Actions that record what they were asked to do; rows 0–`loaded - 1` of `total` are loaded. */
function actions(total: number | undefined, loaded: number, current = -1) {
  const calls: string[] = []
  const a: ExploreKeyActions = {
    pager: { total, row: (i) => (i >= 0 && i < loaded ? hit(i) : undefined) },
    current: ref(current),
    open: (i) => {
      calls.push(`open ${i}`)
      if (i < loaded) a.current.value = i
    },
    star: (h) => calls.push(`star ${h._id}`),
    toggleSelect: (h) => calls.push(`select ${h._id}`),
    focusQuery: () => calls.push('focus'),
    comment: (h) => calls.push(`comment ${h._id}`),
    closeDetail: () => calls.push('close'),
  }
  return { a, calls }
}

function press(key: string, a: ExploreKeyActions, init: KeyboardEventInit = {}, target?: HTMLElement): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, cancelable: true, ...init })
  if (target) Object.defineProperty(e, 'target', { value: target })
  exploreKey(e, a)
  return e
}

describe('explore keys', () => {
  it('j and k move through the events and open them, within the results', () => {
    const { a, calls } = actions(3, 3)
    press('j', a)
    press('j', a)
    press('j', a)
    press('j', a)
    expect(a.current.value).toBe(2)
    press('k', a)
    expect(calls).toEqual(['open 0', 'open 1', 'open 2', 'open 2', 'open 1'])
    expect(a.current.value).toBe(1)
  })

  it('j moves a cursor that is on no loaded row even if the next row is not loaded either', () => {
    const none = actions(100, 0, -1)
    press('j', none.a)
    expect(none.calls).toEqual(['open 0'])
    expect(none.a.current.value).toBe(0)
    // from a loaded row, the cursor waits for the next row to be loaded
    const loaded = actions(100, 5, 4)
    press('j', loaded.a)
    expect(loaded.calls).toEqual(['open 5'])
    expect(loaded.a.current.value).toBe(4)
  })

  it('does nothing to move without results', () => {
    const { a, calls } = actions(undefined, 0)
    press('j', a)
    press('k', a)
    expect(calls).toEqual([])
  })

  it('s, x and c act on the current event; Escape closes the detail; / searches', () => {
    const { a, calls } = actions(10, 10, 4)
    press('s', a)
    press('x', a)
    const c = press('c', a)
    press('Escape', a)
    const slash = press('/', a)
    expect(calls).toEqual(['star e4', 'select e4', 'comment e4', 'close', 'focus'])
    expect(c.defaultPrevented).toBe(true)
    expect(slash.defaultPrevented).toBe(true)
  })

  it('s, x and c do nothing without a current event (and c leaves the key alone)', () => {
    const { a, calls } = actions(10, 10, -1)
    press('s', a)
    press('x', a)
    expect(press('c', a).defaultPrevented).toBe(false)
    expect(calls).toEqual([])
  })

  it('leaves keys typed into a field or with a modifier alone', () => {
    const { a, calls } = actions(10, 10, 1)
    press('j', a, {}, document.createElement('input'))
    press('s', a, {}, document.createElement('textarea'))
    press('j', a, { ctrlKey: true })
    press('s', a, { metaKey: true })
    press('x', a, { altKey: true })
    expect(calls).toEqual([])
    expect(a.current.value).toBe(1)
  })

  it('leaves the keys of an open dialog or menu to it: its Escape closes it, not the detail', () => {
    const { a, calls } = actions(10, 10, 1)
    const overlay = document.createElement('div')
    overlay.className = 'v-overlay'
    const button = document.createElement('button')
    overlay.appendChild(button)
    press('Escape', a, {}, button)
    overlay.className = 'v-overlay v-overlay--active'
    document.body.appendChild(overlay)
    press('Escape', a)
    press('j', a)
    expect(calls).toEqual([])
    overlay.remove()
    press('Escape', a)
    expect(calls).toEqual(['close'])
  })
})
