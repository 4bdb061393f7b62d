/**
 * The event view's helpers on the server: the context link configuration (`contextlinks/`, read
 * once per page load: it changes only with the server's configuration) and unfurl (`unfurl/`).
 */
import { api } from './http'
import type { ContextLinkConfig } from '../model/eventDetail'
import type { GraphEdge, GraphNode } from '../model/tree'

let linkConfig: Promise<ContextLinkConfig> | undefined

/** The context links by lower-case field name; a failed read is tried again next time. */
export function contextLinks(): Promise<ContextLinkConfig> {
  if (!linkConfig) {
    linkConfig = api<ContextLinkConfig>('/api/v1/contextlinks/').then(
      (r) => (r && typeof r === 'object' && !Array.isArray(r) ? r : {}),
      (e) => {
        linkConfig = undefined
        throw e
      },
    )
  }
  return linkConfig
}

/** Forgets the cached configuration (tests). */
export function forgetContextLinks(): void {
  linkConfig = undefined
}

/** A URL taken apart by the server, as a graph. */
export async function unfurl(url: string): Promise<{ nodes: GraphNode[]; edges: GraphEdge[] }> {
  const r = await api<{ nodes?: GraphNode[]; edges?: GraphEdge[] }>('/api/v1/unfurl/', { body: { url } })
  return { nodes: Array.isArray(r?.nodes) ? r.nodes : [], edges: Array.isArray(r?.edges) ? r.edges : [] }
}
