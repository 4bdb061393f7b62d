import { describe, expect, it } from 'vitest'
import { useLatest } from './useLatest'

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useLatest', () => {
  it('keeps only the latest answer, whatever order they arrive in', async () => {
    const { loading, error, run } = useLatest()
    const seen: string[] = []
    const old = deferred<string>()
    const fresh = deferred<string>()
    const first = run(() => old.promise, (v) => seen.push(v))
    const second = run(() => fresh.promise, (v) => seen.push(v))
    expect(loading.value).toBe(true)
    fresh.resolve('new')
    await second
    expect(loading.value).toBe(false)
    old.reject(new Error('late failure'))
    await first
    expect(seen).toEqual(['new'])
    expect(error.value).toBe('')
  })

  it('reports a failure of the latest run, and cancel drops what is in flight', async () => {
    const { loading, error, run, cancel } = useLatest()
    await run(() => Promise.reject(new Error('Forbidden')), () => undefined)
    expect(error.value).toBe('Forbidden')
    const pending = deferred<number>()
    const seen: number[] = []
    const r = run(() => pending.promise, (v) => seen.push(v))
    cancel()
    expect(loading.value).toBe(false)
    pending.resolve(1)
    await r
    expect(seen).toEqual([])
  })
})
