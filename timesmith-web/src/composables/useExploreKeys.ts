/**
 * The explore screen's keyboard: `/` search, `j`/`k` next and previous event, `s` star, `x` select,
 * `c` comment, Escape close the detail. Keys typed into a field or with Ctrl, Meta or Alt are left
 * alone, and so are keys while a dialog or menu is open (its Escape closes it, not the detail).
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import type { EventHit } from '../api/types'

export interface ExploreKeyActions {
  /** the loaded rows and their number */
  pager: { total: number | undefined; row(index: number): EventHit | undefined }
  /** the row the keys act on (-1: none yet) */
  current: Ref<number>
  open(index: number): void
  star(hit: EventHit): void
  toggleSelect(hit: EventHit): void
  focusQuery(): void
  /** opens the event and puts the cursor into its comment field */
  comment(hit: EventHit): void
  closeDetail(): void
}

function isTyping(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)
}

/** A key meant for an open dialog or menu (Vuetify's overlays), which handles it itself. */
function inOverlay(e: KeyboardEvent) {
  const t = e.target as HTMLElement | null
  return !!t?.closest?.('.v-overlay') || document.querySelector('.v-overlay--active') !== null
}

/** Acts on one key press. */
export function exploreKey(e: KeyboardEvent, a: ExploreKeyActions): void {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e) || inOverlay(e)) return
  const { pager, current } = a
  const total = pager.total ?? 0
  if (e.key === '/') {
    e.preventDefault()
    a.focusQuery()
  } else if (e.key === 'j' && total > 0) {
    a.open(Math.min(total - 1, current.value + 1))
    // the cursor on no loaded row (none yet, or one the pager let go) still moves; the table loads the row
    if (!pager.row(current.value)) current.value = Math.min(total - 1, current.value + 1)
  } else if (e.key === 'k' && total > 0) {
    a.open(Math.max(0, current.value - 1))
  } else if (e.key === 's') {
    const hit = pager.row(current.value)
    if (hit) a.star(hit)
  } else if (e.key === 'x') {
    const hit = pager.row(current.value)
    if (hit) a.toggleSelect(hit)
  } else if (e.key === 'c') {
    const hit = pager.row(current.value)
    if (hit) {
      e.preventDefault()
      a.comment(hit)
    }
  } else if (e.key === 'Escape') {
    a.closeDetail()
  }
}

/** Listens to the window's keys while the component is mounted. */
export function useExploreKeys(actions: ExploreKeyActions) {
  const onKey = (e: KeyboardEvent) => exploreKey(e, actions)
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
