import { describe, expect, it } from 'vitest'
import { exportUrl, uploadParts } from './timesketch'

describe('exportUrl', () => {
  it('carries the format and the whole explore request', () => {
    const request = { query: 'user:"mallory" AND action:logon', filter: { chips: [], indices: '_all' as const, size: 10000, order: 'asc' as const }, fields: '' }
    const url = new URL(exportUrl(7, request, 'jsonl'), 'http://localhost')
    expect(url.pathname).toBe('/api/v1/sketches/7/explore/export/')
    expect(url.searchParams.get('format')).toBe('jsonl')
    expect(JSON.parse(url.searchParams.get('request')!)).toEqual(request)
  })
})

describe('uploadParts', () => {
  const file = { name: 'big.Plaso', size: 250 }

  it('sends a small file in one part without chunk fields', () => {
    const parts = uploadParts(3, { name: 'small.csv', size: 100 }, 'small', 100)
    expect(parts).toHaveLength(1)
    expect(parts[0]).toMatchObject({ start: 0, end: 100 })
    expect(parts[0].fields).toEqual({ name: 'small', sketch_id: '3', data_label: 'csv', provider: 'Web upload', total_file_size: '100' })
  })

  it('splits a large file into chunks with the contract fields', () => {
    const parts = uploadParts(3, file, 'big', 100, 'abc123')
    expect(parts.map((p) => [p.start, p.end])).toEqual([
      [0, 100],
      [100, 200],
      [200, 250],
    ])
    expect(parts.map((p) => p.fields.chunk_index)).toEqual(['0', '1', '2'])
    expect(parts.map((p) => p.fields.chunk_byte_offset)).toEqual(['0', '100', '200'])
    for (const p of parts) {
      expect(p.fields).toMatchObject({ chunk_total_chunks: '3', chunk_index_name: 'abc123', total_file_size: '250', data_label: 'plaso', sketch_id: '3' })
    }
  })

  it('gives every file its own chunk key', () => {
    const a = uploadParts(3, file, 'big', 100)[0].fields.chunk_index_name
    const b = uploadParts(3, file, 'big', 100)[0].fields.chunk_index_name
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(a).not.toBe(b)
  })
})
