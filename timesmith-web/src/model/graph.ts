/**
 * Pure helpers of the Graphs screen: the server's graphs (networkx's cytoscape_data, or a saved
 * cytoscape element list) into cytoscape elements and back, what the attribute panel lists for a node
 * or edge, and the Explore query for the events behind one (the event ids the server keeps per edge).
 */
import { formatServerTime } from './time'

export interface ElementData {
  id: string
  label?: string
  type?: string
  source?: string
  target?: string
  events?: Record<string, string[]> | number
  [key: string]: unknown
}

export interface CyElement {
  group: 'nodes' | 'edges'
  data: ElementData
}

/** Networkx's cytoscape_data: what a plugin run returns and a saved graph reads back as. */
export interface NetworkxGraph {
  directed?: boolean
  multigraph?: boolean
  elements: { nodes: { data: ElementData }[]; edges: { data: ElementData }[] }
}

/** The elements of a graph as the server sends it: a JSON string of either shape, or the value itself. */
export function toElements(graphElements: unknown): CyElement[] {
  const value = typeof graphElements === 'string' ? (graphElements ? JSON.parse(graphElements) : []) : graphElements
  if (Array.isArray(value)) {
    return value
      .filter((e) => e && (e.group === 'nodes' || e.group === 'edges') && e.data && typeof e.data === 'object')
      .map((e) => ({ group: e.group, data: e.data }))
  }
  const graph = value as NetworkxGraph | undefined
  if (!graph?.elements) return []
  return [
    ...(graph.elements.nodes ?? []).map((n) => ({ group: 'nodes' as const, data: n.data })),
    ...(graph.elements.edges ?? []).map((e) => ({ group: 'edges' as const, data: e.data })),
  ]
}

/** Attributes shown for a selected node or edge: everything but the ids the drawing uses internally. */
const HIDDEN = new Set(['id', 'value', 'name', 'source', 'target', 'key', 'events'])

/** Attributes that are times (UTC on the wire), shown in the display zone. */
const TIMES = new Set(['first_seen', 'last_seen'])

export function attributeRows(data: ElementData, timeZone = 'UTC'): { name: string; value: string }[] {
  return Object.entries(data)
    .filter(([name, value]) => !HIDDEN.has(name) && value !== undefined && value !== null && value !== '')
    .map(([name, value]) => ({ name, value: TIMES.has(name) ? formatServerTime(String(value), timeZone) : typeof value === 'object' ? JSON.stringify(value) : String(value) }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Event ids the server kept for an edge, over all indices. */
export function eventIds(data: ElementData): string[] {
  const events = data.events
  if (!events || typeof events !== 'object') return []
  return Object.values(events).flatMap((ids) => (Array.isArray(ids) ? ids : []))
}

/** The query string for the events behind the elements (edges carry ids; a node takes its edges' ids). */
export function eventsQuery(elements: ElementData[], limit = 200): string | undefined {
  const ids = [...new Set(elements.flatMap(eventIds))].slice(0, limit)
  if (ids.length === 0) return undefined
  return `_id:(${ids.map((id) => `"${id.replace(/(["\\])/g, '\\$1')}"`).join(' OR ')})`
}

/** Elements as the saved-graph route takes them (each with its group and data). */
export function forSaving(elements: CyElement[]): CyElement[] {
  return elements.map((e) => ({ group: e.group, data: { ...e.data } }))
}

/** Node colours by type, so users, computers, addresses and services tell apart at a glance. */
export const TYPE_COLORS: Record<string, string> = {
  user: '#1e88e5',
  computer: '#43a047',
  ip: '#fb8c00',
  winservice: '#8e24aa',
  file: '#6d4c41',
}

export function nodeColor(type: unknown): string {
  return TYPE_COLORS[String(type)] ?? '#757575'
}
