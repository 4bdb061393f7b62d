/** The graph routes: plugins, plugin runs and the sketch's saved graphs. */
import { api } from './http'
import { toElements, type CyElement } from '../model/graph'

const V1 = '/api/v1'

export interface GraphPluginInfo {
  name: string
  display_name: string
  description: string
}

export interface GraphRun {
  elements: CyElement[]
  numNodes: number
  numEdges: number
  eventsRead: number
  capped: boolean
  message: string
}

export interface SavedGraphInfo {
  id: number
  name: string
  description: string
  num_nodes: number
  num_edges: number
  created_at: string
  user?: { username?: string }
  graph_elements: string
  graph_config: string
}

export async function listGraphPlugins(): Promise<GraphPluginInfo[]> {
  return (await api<GraphPluginInfo[]>(`${V1}/graphs/`)) ?? []
}

export async function runGraphPlugin(sketchId: number, plugin: string, timelineIds: number[]): Promise<GraphRun> {
  const body: Record<string, unknown> = { plugin, config: null, refresh: true }
  if (timelineIds.length) body.timeline_ids = timelineIds
  const r = await api(`${V1}/sketches/${sketchId}/graph/`, { body })
  const model = r.objects[0]
  return {
    elements: toElements(model.graph_elements),
    numNodes: model.num_nodes,
    numEdges: model.num_edges,
    eventsRead: r.meta?.events_read ?? 0,
    capped: Boolean(r.meta?.capped),
    message: r.meta?.message ?? '',
  }
}

export async function listSavedGraphs(sketchId: number): Promise<SavedGraphInfo[]> {
  const r = await api(`${V1}/sketches/${sketchId}/graphs/`)
  return r.objects?.[0] ?? []
}

export async function getSavedGraph(sketchId: number, graphId: number): Promise<SavedGraphInfo> {
  const r = await api(`${V1}/sketches/${sketchId}/graphs/${graphId}/?format=cytoscape`)
  return r.objects[0]
}

export async function saveGraph(
  sketchId: number,
  name: string,
  elements: CyElement[],
  config: Record<string, unknown>,
): Promise<SavedGraphInfo> {
  const r = await api(`${V1}/sketches/${sketchId}/graphs/`, {
    body: { name, description: '', elements, graph_config: config },
  })
  return r.objects[0]
}

export async function deleteSavedGraph(sketchId: number, graphId: number): Promise<void> {
  await api(`${V1}/sketches/${sketchId}/graphs/${graphId}/`, { method: 'DELETE' })
}
