/**
 * The event table's columns of one sketch: shown at once from this browser's copy, replaced by the
 * server's layout when it arrives, and saved to both (the server's copy when the page is hidden or
 * left at the latest).
 */
import { onBeforeUnmount, onMounted, ref, watch } from 'vue'
import { getSketchPreferences, putSketchPreferences } from '../api/timesketch'
import { toggleColumnIn } from '../model/explore'
import { columnSync, loadColumns, type Column } from '../model/prefs'
import { showError } from '../store'

export interface ColumnsOptions {
  user: string
  sketchId: number
  /** a column was added whose values the loaded rows may lack: search again */
  onFieldsAdded: () => void
}

export function useColumns(options: ColumnsOptions) {
  const { user, sketchId } = options
  const columns = ref<Column[]>(loadColumns(user, sketchId))
  const prefs = columnSync({
    user,
    sketchId,
    get: () => getSketchPreferences(sketchId),
    put: (patch) => putSketchPreferences(sketchId, patch),
    apply: (c) => {
      // The first page may already be loaded without the values of a column the server's layout adds.
      const shown = new Set(columns.value.map((x) => x.field))
      columns.value = c
      if (c.some((x) => !shown.has(x.field))) options.onFieldsAdded()
    },
    onError: (e) => showError(e, 'Could not load or save the column layout'),
  })
  watch(columns, (c) => prefs.changed(c), { deep: true })

  function onVisibility() {
    if (document.visibilityState === 'hidden') void prefs.flush()
  }

  /** Shows or hides the column of `field` (the column picker). */
  function toggleColumn(field: string) {
    const next = toggleColumnIn(columns.value, field)
    columns.value = next.columns
    if (next.added) options.onFieldsAdded()
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    void prefs.load(columns.value)
  })
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    void prefs.flush()
  })

  return { columns, toggleColumn }
}
