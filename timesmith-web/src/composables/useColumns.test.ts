import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { getSketchPreferences, putSketchPreferences } from '../api/timesketch'
import { DEFAULT_COLUMNS, loadColumns } from '../model/prefs'
import { withSetup } from '../testing'
import { useColumns } from './useColumns'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  getSketchPreferences: vi.fn(),
  putSketchPreferences: vi.fn(async () => ({})),
}))

function setup() {
  let added = 0
  const { result, wrapper } = withSetup(() => useColumns({ user: 'ann', sketchId: 5, onFieldsAdded: () => added++ }))
  return { c: result, wrapper, added: () => added }
}

describe('useColumns', () => {
  beforeEach(() => localStorage.clear())
  afterEach(() => vi.clearAllMocks())

  it('starts with the default layout and takes the server one, searching again for a new field', async () => {
    vi.mocked(getSketchPreferences).mockResolvedValue({ columns: [{ field: 'datetime', width: 200 }, { field: 'src_ip', width: 120 }] })
    const { c, added } = setup()
    expect(c.columns.value).toEqual(DEFAULT_COLUMNS)
    await flushPromises()
    expect(c.columns.value.map((x) => x.field)).toEqual(['datetime', 'src_ip'])
    expect(added()).toBe(1)
  })

  it('does not search again when the server layout has no new field', async () => {
    vi.mocked(getSketchPreferences).mockResolvedValue({ columns: [DEFAULT_COLUMNS[0]] })
    const { added } = setup()
    await flushPromises()
    expect(added()).toBe(0)
  })

  it('the picker adds a column (searching again) or removes one, kept in this browser and sent when the screen is left', async () => {
    vi.mocked(getSketchPreferences).mockResolvedValue({ columns: [] })
    const { c, wrapper, added } = setup()
    await flushPromises()
    c.toggleColumn('user')
    expect(c.columns.value.at(-1)).toEqual({ field: 'user', width: 180 })
    expect(added()).toBe(1)
    c.toggleColumn('message')
    expect(c.columns.value.some((x) => x.field === 'message')).toBe(false)
    expect(added()).toBe(1)
    await flushPromises()
    expect(loadColumns('ann', 5)).toEqual(c.columns.value)
    wrapper.unmount()
    await flushPromises()
    expect(putSketchPreferences).toHaveBeenLastCalledWith(5, { columns: c.columns.value })
  })
})
