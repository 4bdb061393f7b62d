import { describe, expect, it } from 'vitest'
import { attributeRows, eventIds, eventsQuery, forSaving, nodeColor, toElements } from './graph'

const networkx = {
  data: [],
  directed: true,
  multigraph: true,
  elements: {
    nodes: [
      { data: { id: 'u', value: 'u', name: 'u', label: 'alice', type: 'user', events: 3 } },
      { data: { id: 'c', value: 'c', name: 'c', label: 'WS01', type: 'computer', events: 3 } },
    ],
    edges: [
      {
        data: {
          id: 'e',
          source: 'u',
          target: 'c',
          key: 0,
          label: 'Network (3)',
          kind: 'Network',
          count: 3,
          first_seen: '2023-11-14T22:13:20.000000',
          events: { idx1: ['a', 'b'], idx2: ['c'] },
        },
      },
    ],
  },
}

describe('graph model', () => {
  it('reads networkx cytoscape_data given as a JSON string', () => {
    const elements = toElements(JSON.stringify(networkx))
    expect(elements.map((e) => e.group)).toEqual(['nodes', 'nodes', 'edges'])
    expect(elements[2].data.source).toBe('u')
  })

  it('reads a saved cytoscape element list and drops malformed entries', () => {
    const saved = [{ group: 'nodes', data: { id: 'x' } }, { group: 'blobs', data: {} }, { group: 'edges' }, null]
    expect(toElements(JSON.stringify(saved))).toEqual([{ group: 'nodes', data: { id: 'x' } }])
    expect(toElements('')).toEqual([])
    expect(toElements(undefined)).toEqual([])
  })

  it('lists the attributes an analyst reads, without internal ids', () => {
    const rows = attributeRows(networkx.elements.edges[0].data)
    expect(rows.map((r) => r.name)).toEqual(['count', 'first_seen', 'kind', 'label'])
    expect(rows.find((r) => r.name === 'count')?.value).toBe('3')
    expect(rows.find((r) => r.name === 'first_seen')?.value).toBe('2023-11-14 22:13:20')
    const berlin = attributeRows(networkx.elements.edges[0].data, 'Europe/Berlin')
    expect(berlin.find((r) => r.name === 'first_seen')?.value).toBe('2023-11-14 23:13:20')
  })

  it('builds an Explore query of the event ids behind edges, quoted and de-duplicated', () => {
    const edge = networkx.elements.edges[0].data
    expect(eventIds(edge)).toEqual(['a', 'b', 'c'])
    expect(eventsQuery([edge, edge])).toBe('_id:("a" OR "b" OR "c")')
    expect(eventsQuery([edge], 2)).toBe('_id:("a" OR "b")')
    expect(eventsQuery([{ id: 'n', events: 3 }])).toBeUndefined()
    expect(eventsQuery([{ id: 'q', events: { i: ['x"y'] } }])).toBe('_id:("x\\"y")')
  })

  it('keeps group and data when saving, as the saved-graph route requires', () => {
    const saved = forSaving(toElements(networkx))
    expect(saved.every((e) => (e.group === 'nodes' || e.group === 'edges') && typeof e.data === 'object')).toBe(true)
    expect(nodeColor('user')).not.toBe(nodeColor('something else'))
  })
})
