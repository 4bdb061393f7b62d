import { afterEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ApiError } from '../api/http'
import { saveIndicators } from '../api/timesketch'
import type { SketchMeta } from '../api/types'
import { session } from '../store'
import { useIndicators } from './useIndicators'

vi.mock('../api/timesketch', async (original) => ({
  ...(await original<typeof import('../api/timesketch')>()),
  saveIndicators: vi.fn(),
}))

afterEach(() => {
  vi.clearAllMocks()
  session.notices = []
})

function context() {
  const meta = ref<SketchMeta>({ attributes: { intelligence: { value: { data: [{ ioc: 'a', type: 'other', tags: [] }] }, ontology: 'intelligence' } } })
  return { id: 3, meta, reload: vi.fn(async () => undefined) }
}

describe('useIndicators', () => {
  it('writes the whole list with the new indicator and reloads the sketch', async () => {
    vi.mocked(saveIndicators).mockResolvedValue()
    const ctx = context()
    const { indicators, add, remove } = useIndicators(ctx)
    expect(indicators.value.map((i) => i.ioc)).toEqual(['a'])
    expect(await add({ ioc: '10.1.2.3', type: 'ipv4', tags: [] })).toBe(true)
    expect(saveIndicators).toHaveBeenLastCalledWith(3, [{ ioc: 'a', type: 'other', tags: [] }, { ioc: '10.1.2.3', type: 'ipv4', tags: [] }])
    expect(ctx.reload).toHaveBeenCalled()
    expect(session.notices.at(-1)?.text).toBe('Indicator 10.1.2.3 saved')
    await remove('a')
    expect(saveIndicators).toHaveBeenLastCalledWith(3, [])
  })

  it('says so when the server refuses, and keeps the sketch as it was', async () => {
    vi.mocked(saveIndicators).mockRejectedValue(new ApiError(403, 'Forbidden'))
    const ctx = context()
    expect(await useIndicators(ctx).add({ ioc: 'b', type: 'other', tags: [] })).toBe(false)
    expect(ctx.reload).not.toHaveBeenCalled()
    expect(session.notices.at(-1)?.text).toBe('Could not save the threat intelligence: Forbidden')
  })
})
