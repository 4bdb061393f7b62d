/**
 * The search history tree (Timesketch's `searchhistorytree/`): every search of the user in the
 * sketch, each below the one it followed, so that going back to an older search and on from there
 * makes a branch. Drawn with TreeView; a node replays its query, chips and timelines.
 */
import { fromSaved } from './query'
import type { TreeItem } from './tree'

export interface HistoryNode {
  id: number
  query_string: string
  query_filter: string | Record<string, unknown>
  query_result_count?: number
  created_at?: string
  children?: HistoryNode[]
}

/** What a node searched, in a few words: the query, its chips, how many results it had. */
export function nodeLabel(node: HistoryNode): string {
  const state = fromSaved(node.query_string ?? '', node.query_filter ?? '')
  const chips = state.chips.length ? ` + ${state.chips.length} chip${state.chips.length > 1 ? 's' : ''}` : ''
  const count = typeof node.query_result_count === 'number' ? ` (${node.query_result_count.toLocaleString('en-US')})` : ''
  return `${state.query}${chips}${count}`
}

function chipHover(node: HistoryNode): string {
  const state = fromSaved(node.query_string ?? '', node.query_filter ?? '')
  const chips = state.chips.map((c) => `${c.operator === 'must_not' ? 'NOT ' : ''}${c.field ? `${c.field}: ` : ''}${c.value}`)
  return [node.created_at?.replace('T', ' ').slice(0, 19) ?? '', ...chips].filter(Boolean).join('\n')
}

/** The tree as TreeView items and an index of the nodes by item id (broken nodes are left out). */
export function historyTree(root: HistoryNode | Record<string, never> | undefined): { items: TreeItem[]; nodes: Map<string, HistoryNode> } {
  const nodes = new Map<string, HistoryNode>()
  const build = (node: HistoryNode, depth: number): TreeItem | undefined => {
    if (!node || typeof node.id !== 'number' || nodes.has(String(node.id)) || depth > 200) return undefined
    nodes.set(String(node.id), node)
    const children = (Array.isArray(node.children) ? node.children : []).map((c) => build(c, depth + 1)).filter((c): c is TreeItem => !!c)
    return { id: String(node.id), label: nodeLabel(node), hover: chipHover(node), children }
  }
  const item = root && 'id' in root ? build(root as HistoryNode, 0) : undefined
  return { items: item ? [item] : [], nodes }
}
