import { describe, expect, it } from 'vitest'
import { exportUrl } from './timesketch'

describe('exportUrl', () => {
  it('carries the format and the whole explore request', () => {
    const request = { query: 'user:"mallory" AND action:logon', filter: { chips: [], indices: '_all' as const, size: 10000, order: 'asc' as const }, fields: '' }
    const url = new URL(exportUrl(7, request, 'jsonl'), 'http://localhost')
    expect(url.pathname).toBe('/api/v1/sketches/7/explore/export/')
    expect(url.searchParams.get('format')).toBe('jsonl')
    expect(JSON.parse(url.searchParams.get('request')!)).toEqual(request)
  })
})
