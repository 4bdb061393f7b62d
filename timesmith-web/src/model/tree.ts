/**
 * Trees the UI draws with TreeView: an unfurled URL (the server's nodes and edges) and a number
 * read as times. Each item has a label, an optional hover text and children.
 */
import type { TimeReading } from './eventDetail'

export interface TreeItem {
  id: string
  label: string
  hover?: string
  children: TreeItem[]
}

export interface GraphNode {
  id: number | string
  label?: string
  hover?: string
}

export interface GraphEdge {
  from: number | string
  to: number | string
}

/**
 * The graph as trees from its roots (nodes nothing points to), children in the order of the edges.
 * A node reached twice or a cycle is shown once; edges to unknown nodes are ignored.
 */
export function graphTree(nodes: GraphNode[], edges: GraphEdge[]): TreeItem[] {
  const byId = new Map(nodes.filter((n) => n && n.id !== undefined).map((n) => [String(n.id), n]))
  const children = new Map<string, string[]>()
  const pointedTo = new Set<string>()
  for (const e of edges) {
    const from = String(e?.from)
    const to = String(e?.to)
    if (!byId.has(from) || !byId.has(to) || from === to) continue
    pointedTo.add(to)
    children.set(from, [...(children.get(from) ?? []), to])
  }
  const seen = new Set<string>()
  const build = (id: string): TreeItem => {
    seen.add(id)
    const node = byId.get(id)!
    const kids = (children.get(id) ?? []).filter((c) => !seen.has(c)).map(build)
    return { id, label: String(node.label ?? id), ...(node.hover ? { hover: String(node.hover) } : {}), children: kids }
  }
  return [...byId.keys()].filter((id) => !pointedTo.has(id)).map(build)
}

/** A number and the times it can be, as a tree of one root. */
export function readingsTree(value: string, readings: TimeReading[]): TreeItem[] {
  return [{ id: 'value', label: value, children: readings.map((r, i) => ({ id: `r${i}`, label: `${r.iso.replace('T', ' ').replace('Z', ' UTC')}`, hover: r.label, children: [] })) }]
}

/**
 * The items with every chain (an item with exactly one child) laid out flat: the child follows its
 * parent at the same depth, so only real branches indent. A long linear search history then stays
 * a readable list in a narrow panel instead of a staircase.
 */
export function flattenChains(items: TreeItem[]): TreeItem[] {
  const chain = (item: TreeItem): TreeItem[] => {
    const out: TreeItem[] = []
    let node: TreeItem | undefined = item
    while (node) {
      if (node.children.length === 1) {
        out.push({ ...node, children: [] })
        node = node.children[0]
      } else {
        out.push({ ...node, children: flattenChains(node.children) })
        node = undefined
      }
    }
    return out
  }
  return items.flatMap(chain)
}
