import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS, loadColumns, loadHistory, loadTimeZone, moveColumn, resizeColumn, saveColumns, saveHistory, saveTimeZone } from './prefs'

describe('preferences', () => {
  beforeEach(() => localStorage.clear())

  it('columns are kept per user and sketch', () => {
    saveColumns('alice', 1, [{ field: 'message', width: 500 }])
    expect(loadColumns('alice', 1)).toEqual([{ field: 'message', width: 500 }])
    expect(loadColumns('alice', 2)).toEqual(DEFAULT_COLUMNS)
    expect(loadColumns('bob', 1)).toEqual(DEFAULT_COLUMNS)
  })

  it('broken stored columns fall back to the defaults or are repaired', () => {
    localStorage.setItem('timesmith:alice:sketch:1:columns', '{nope')
    expect(loadColumns('alice', 1)).toEqual(DEFAULT_COLUMNS)
    localStorage.setItem('timesmith:alice:sketch:1:columns', JSON.stringify([{ field: 'x', width: 'wide' }, { nofield: 1 }]))
    expect(loadColumns('alice', 1)).toEqual([{ field: 'x', width: 150 }])
  })

  it('moves and resizes columns with a minimum width', () => {
    const cols = [{ field: 'a', width: 100 }, { field: 'b', width: 100 }, { field: 'c', width: 100 }]
    expect(moveColumn(cols, 0, 2).map((c) => c.field)).toEqual(['b', 'c', 'a'])
    expect(moveColumn(cols, 0, 9)).toBe(cols)
    expect(resizeColumn(cols, 1, 10)[1].width).toBe(60)
  })

  it('time zone defaults to UTC per user', () => {
    expect(loadTimeZone('alice')).toBe('UTC')
    saveTimeZone('alice', 'Europe/Berlin')
    expect(loadTimeZone('alice')).toBe('Europe/Berlin')
    expect(loadTimeZone('bob')).toBe('UTC')
  })

  it('history per user and sketch', () => {
    saveHistory('alice', 3, ['a', 'b'])
    expect(loadHistory('alice', 3)).toEqual(['a', 'b'])
    expect(loadHistory('alice', 4)).toEqual([])
  })
})
