/** Story content: the JSON list of blocks of the wire contract (§6), built and parsed here. */
import type { SavedAggregation, StoryBlock } from '../api/types'

function block(componentName: StoryBlock['componentName'], componentProps: Record<string, any>, content: string): StoryBlock {
  return { componentName, componentProps, content, edit: false, showPanel: false, isActive: false }
}

export function textBlock(markdown: string): StoryBlock {
  return block('', {}, markdown)
}

export function viewBlock(view: { id: number; name: string }): StoryBlock {
  return block('TsViewEventList', { view: { id: view.id, name: view.name } }, '')
}

export function aggregationBlock(agg: SavedAggregation): StoryBlock {
  return block(
    'TsAggregationCompact',
    {
      aggregation: {
        id: agg.id,
        name: agg.name,
        chart_type: agg.chart_type ?? '',
        agg_type: agg.agg_type,
        description: agg.description ?? '',
        created_at: agg.created_at ?? '',
        updated_at: agg.created_at ?? '',
        parameters: typeof agg.parameters === 'string' ? agg.parameters : JSON.stringify(agg.parameters ?? {}),
        user: agg.user ?? {},
      },
    },
    '',
  )
}

/** Parses stored content; unreadable content becomes one text block holding it, so nothing is lost. */
export function parseBlocks(content: string | undefined): StoryBlock[] {
  if (!content || content === '""') return []
  try {
    const parsed = JSON.parse(content)
    if (!Array.isArray(parsed)) return [textBlock(String(content))]
    return parsed
      .filter((b) => b && typeof b === 'object')
      .map((b) => block(b.componentName ?? '', b.componentProps ?? {}, typeof b.content === 'string' ? b.content : ''))
  } catch {
    return [textBlock(content)]
  }
}

export function moveBlock(blocks: StoryBlock[], from: number, to: number): StoryBlock[] {
  if (to < 0 || to >= blocks.length) return blocks
  const next = [...blocks]
  const [b] = next.splice(from, 1)
  next.splice(to, 0, b)
  return next
}
