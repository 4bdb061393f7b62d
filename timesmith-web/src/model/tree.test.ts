import { describe, expect, it } from 'vitest'
import { flattenChains, graphTree, readingsTree, type TreeItem } from './tree'

describe('graphTree', () => {
  it('hangs the nodes below their root in the order of the edges', () => {
    const nodes = [
      { id: 1, label: 'https://a.example.org/p?q=1', hover: 'URL' },
      { id: 2, label: 'Scheme: https' },
      { id: 3, label: 'Host: a.example.org' },
      { id: 4, label: 'example.org' },
    ]
    const edges = [
      { from: 1, to: 2 },
      { from: 1, to: 3 },
      { from: 3, to: 4 },
    ]
    expect(graphTree(nodes, edges)).toEqual([
      {
        id: '1',
        label: 'https://a.example.org/p?q=1',
        hover: 'URL',
        children: [
          { id: '2', label: 'Scheme: https', children: [] },
          { id: '3', label: 'Host: a.example.org', children: [{ id: '4', label: 'example.org', children: [] }] },
        ],
      },
    ])
  })

  it('survives cycles, self edges, unknown nodes and nodes without a label', () => {
    const tree = graphTree([{ id: 'a' }, { id: 'b', label: 'B' }], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
      { from: 'a', to: 'a' },
      { from: 'a', to: 'zz' },
    ])
    // every node is pointed to: no root, nothing drawn rather than looping
    expect(tree).toEqual([])
    expect(graphTree([{ id: 'x' }], [{ from: 'x', to: 'nope' }])).toEqual([{ id: 'x', label: 'x', children: [] }])
    expect(graphTree([], [])).toEqual([])
  })
})

describe('readingsTree', () => {
  it('puts the readings below the value, named in the hover', () => {
    expect(readingsTree('1709294400', [{ label: 'Unix seconds', iso: '2024-03-01T12:00:00.000Z' }])).toEqual([
      { id: 'value', label: '1709294400', children: [{ id: 'r0', label: '2024-03-01 12:00:00.000 UTC', hover: 'Unix seconds', children: [] }] },
    ])
  })
})

describe('flattenChains', () => {
  const item = (id: string, children: TreeItem[] = []): TreeItem => ({ id, label: id, children })

  it('lays chains out flat and indents only branches', () => {
    // a → b → c, c branches into d → e and f
    const tree = [item('a', [item('b', [item('c', [item('d', [item('e')]), item('f')])])])]
    const ids = (items: TreeItem[]): unknown[] => items.map((i) => (i.children.length ? [i.id, ids(i.children)] : i.id))
    expect(ids(flattenChains(tree))).toEqual(['a', 'b', ['c', ['d', 'e', 'f']]])
  })

  it('leaves flat lists and empty trees alone', () => {
    expect(flattenChains([item('a'), item('b')]).map((i) => i.id)).toEqual(['a', 'b'])
    expect(flattenChains([])).toEqual([])
  })
})
