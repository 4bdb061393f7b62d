// The exchanges of the event-detail and side-panel calls, checked on the wire: method, path, body.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contextLinks, forgetContextLinks, unfurl } from './intelligence'
import { addEvent, deleteComment, fieldCounts, saveIndicators, searchHistoryTree, updateComment } from './timesketch'

interface Sent {
  url: string
  method: string
  body: any
}

/** Answers every API call with `answer` (the login page with a CSRF token) and records what was sent. */
function serve(answer: unknown, status = 200): Sent[] {
  const sent: Sent[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      if (String(url).startsWith('/login/')) return new Response('<meta name="csrf-token" content="tok">')
      sent.push({ url: String(url), method: String(init.method), body: init.body ? JSON.parse(String(init.body)) : undefined })
      return new Response(JSON.stringify(answer), { status })
    }),
  )
  return sent
}

afterEach(() => vi.unstubAllGlobals())

const event = { _id: 'e 1', _index: 'idx' }

describe('comments', () => {
  it('edits with a PUT of the annotation object and reads the changed comment', async () => {
    const sent = serve({ objects: [[{ id: 4, comment: 'new' }]], meta: {} })
    expect(await updateComment(2, event, 4, 'new')).toEqual({ id: 4, comment: 'new' })
    expect(sent[0]).toEqual({
      url: '/api/v1/sketches/2/event/annotate/',
      method: 'PUT',
      body: { annotation: { id: 4, comment: 'new' }, annotation_type: 'comment', events: [{ _id: 'e 1', _index: 'idx' }] },
    })
  })

  it('deletes with the query parameters Timesketch reads', async () => {
    const sent = serve(200)
    await deleteComment(2, event, 4)
    const url = new URL(sent[0].url, 'http://x')
    expect(sent[0].method).toBe('DELETE')
    expect(url.pathname).toBe('/api/v1/sketches/2/event/annotate/')
    expect(Object.fromEntries(url.searchParams)).toEqual({ annotation_type: 'comment', annotation_id: '4', event_id: 'e 1', searchindex_id: 'idx' })
  })

  it('carries the refusal of another user\'s comment', async () => {
    serve({ message: 'User is not owner of the comment.' }, 403)
    await expect(deleteComment(2, event, 4)).rejects.toMatchObject({ status: 403, message: 'User is not owner of the comment.' })
  })
})

describe('manual events', () => {
  it('posts the body of §7.4 to event/create/ and reads the timeline', async () => {
    const body = { date_string: '2024-03-01T12:00:00', message: 'm', timestamp_desc: 'd', tag: [], attributes: {} }
    const sent = serve({ objects: [{ id: 9, name: 'Manual events' }], meta: {} })
    expect(await addEvent(2, body)).toEqual({ id: 9, name: 'Manual events' })
    expect(sent[0]).toEqual({ url: '/api/v1/sketches/2/event/create/', method: 'POST', body })
  })
})

describe('side panels', () => {
  it('counts a field\'s values with the field_bucket aggregator', async () => {
    const sent = serve({ meta: {}, objects: [{ field_bucket: { buckets: [{ data_type: 'fs:stat', count: 4 }] } }] })
    expect(await fieldCounts(2, 'data_type', 100)).toEqual([{ value: 'fs:stat', count: 4 }])
    expect(sent[0].url).toBe('/api/v1/sketches/2/aggregation/explore/')
    expect(sent[0].body).toMatchObject({ aggregator_name: 'field_bucket', aggregator_parameters: { field: 'data_type', limit: '100' } })
  })

  it('writes the indicators as the intelligence attribute, JSON text in Timesketch\'s shape', async () => {
    const sent = serve({ action: 'update' })
    const indicators = [{ ioc: '10.1.2.3', type: 'ipv4', tags: ['c2'] }]
    await saveIndicators(2, indicators)
    expect(sent[0].url).toBe('/api/v1/sketches/2/attribute/')
    expect(sent[0].body).toMatchObject({ name: 'intelligence', ontology: 'intelligence' })
    expect(JSON.parse(sent[0].body.values[0])).toEqual({ data: indicators })
  })
})

describe('event detail helpers', () => {
  it('reads the context link configuration once, and again after a failure', async () => {
    forgetContextLinks()
    let sent = serve({ message: 'Unable to read context_links.yaml' }, 400)
    await expect(contextLinks()).rejects.toMatchObject({ status: 400 })
    sent = serve({ md5: [{ type: 'linked_services', short_name: 'VT', context_link: 'https://vt/<ATTR_VALUE>' }] })
    expect(Object.keys(await contextLinks())).toEqual(['md5'])
    await contextLinks()
    expect(sent.map((s) => s.url)).toEqual(['/api/v1/contextlinks/'])
    forgetContextLinks()
  })

  it('posts the URL to unfurl/ and reads nodes and edges, tolerating a bare answer', async () => {
    const sent = serve({ summary: {}, nodes: [{ id: 1, label: 'x' }], edges: [] })
    expect(await unfurl('https://x')).toEqual({ nodes: [{ id: 1, label: 'x' }], edges: [] })
    expect(sent[0]).toEqual({ url: '/api/v1/unfurl/', method: 'POST', body: { url: 'https://x' } })
    serve({})
    expect(await unfurl('https://x')).toEqual({ nodes: [], edges: [] })
  })
})

describe('search history', () => {
  it('reads the tree and the latest node, and nothing from the empty answer', async () => {
    const sent = serve({ objects: [{ id: 1, query_string: '*', query_filter: '{}', children: [] }], meta: { last_node_id: 1 } })
    expect(await searchHistoryTree(2)).toEqual({ root: { id: 1, query_string: '*', query_filter: '{}', children: [] }, lastNodeId: 1 })
    expect(sent[0].url).toBe('/api/v1/sketches/2/searchhistorytree/')
    serve({ objects: [{}], meta: { last_node_id: null } })
    expect(await searchHistoryTree(2)).toEqual({ root: undefined, lastNodeId: undefined })
  })
})
