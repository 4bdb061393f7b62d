import { describe, expect, it } from 'vitest'
import { historyTree, nodeLabel } from './history'

const chip = { field: 'user', type: 'term', operator: 'must', active: true, value: 'mallory' }

describe('historyTree', () => {
  it('draws the branches with the query, chips and result count of each search', () => {
    const root = {
      id: 1,
      query_string: '*',
      query_filter: '{"chips":[]}',
      query_result_count: 12000,
      created_at: '2024-03-01T10:00:00.123456',
      children: [
        { id: 2, query_string: 'action:logon', query_filter: JSON.stringify({ chips: [chip] }), query_result_count: 750, children: [] },
        { id: 3, query_string: 'host-3', query_filter: '{}', query_result_count: 1, children: [] },
      ],
    }
    const { items, nodes } = historyTree(root)
    expect(items).toEqual([
      {
        id: '1',
        label: '* (12,000)',
        hover: '2024-03-01 10:00:00',
        children: [
          { id: '2', label: 'action:logon + 1 chip (750)', hover: 'user: mallory', children: [] },
          { id: '3', label: 'host-3 (1)', hover: '', children: [] },
        ],
      },
    ])
    expect(nodes.get('3')?.query_string).toBe('host-3')
  })

  it('is empty without history and skips broken nodes', () => {
    expect(historyTree({}).items).toEqual([])
    expect(historyTree(undefined).items).toEqual([])
    const root = { id: 1, query_string: 'a', query_filter: '{broken', children: [{ id: 'x' } as any, { id: 1, query_string: 'loop', query_filter: '' }] }
    expect(historyTree(root).items).toEqual([{ id: '1', label: 'a', hover: '', children: [] }])
  })

  it('labels a search with several chips', () => {
    expect(nodeLabel({ id: 1, query_string: '', query_filter: { chips: [chip, chip] } })).toBe('* + 2 chips')
  })
})
