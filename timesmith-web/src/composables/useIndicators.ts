/**
 * The sketch's threat intelligence indicators (its `intelligence` attribute): the list, adding or
 * replacing one, removing one. Every change writes the whole list, as Timesketch does, and reloads
 * the sketch so that every screen sees it.
 */
import { computed } from 'vue'
import { saveIndicators } from '../api/timesketch'
import { indicatorsOf, withIndicator, withoutIndicator, type Indicator } from '../model/panels'
import type { SketchContext } from '../sketchContext'
import { notify, showError } from '../store'

export function useIndicators(ctx: Pick<SketchContext, 'id' | 'meta' | 'reload'>) {
  const indicators = computed(() => indicatorsOf(ctx.meta.value))

  async function write(next: Indicator[], done: string): Promise<boolean> {
    try {
      await saveIndicators(ctx.id, next)
      await ctx.reload()
      notify(done, 'success')
      return true
    } catch (e) {
      showError(e, 'Could not save the threat intelligence')
      return false
    }
  }

  const add = (indicator: Indicator) => write(withIndicator(indicators.value, indicator), `Indicator ${indicator.ioc.trim()} saved`)
  const remove = (ioc: string) => write(withoutIndicator(indicators.value, ioc), `Indicator ${ioc} removed`)

  return { indicators, add, remove }
}
