/**
 * Loading that keeps only the latest answer: each run bumps a counter, and an answer (or failure)
 * that arrives after a newer run started is dropped, so a slow old request never overwrites what a
 * newer one showed. Panels and dialogs that load on open and reload on change share it.
 */
import { ref } from 'vue'

export function useLatest() {
  const loading = ref(false)
  const error = ref('')
  let runs = 0

  /** Starts a run: `work` loads, `apply` takes its answer if no newer run started meanwhile. */
  async function run<T>(work: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const current = ++runs
    loading.value = true
    error.value = ''
    try {
      const value = await work()
      if (current === runs) apply(value)
    } catch (e) {
      if (current === runs) error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (current === runs) loading.value = false
    }
  }

  /** Drops whatever is in flight (a dialog closed or reset without loading). */
  function cancel() {
    runs++
    loading.value = false
    error.value = ''
  }

  return { loading, error, run, cancel }
}
