import { describe, expect, it } from 'vitest'
import { indicatorQuery, indicatorsOf, indicatorType, valueCounts, withIndicator, withoutIndicator } from './panels'

describe('valueCounts', () => {
  it('reads the field_bucket rows, most frequent first, ties by value', () => {
    const response = { meta: {}, objects: [{ field_bucket: { buckets: [{ tag: 'b', count: 2 }, { tag: 'a', count: 2 }, { tag: 'c', count: 9 }] } }] }
    expect(valueCounts(response, 'tag')).toEqual([
      { value: 'c', count: 9 },
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
    ])
  })

  it('skips rows without the field or a count, and broken answers', () => {
    const response = { meta: {}, objects: [{ field_bucket: { buckets: [{ tag: '', count: 1 }, { other: 'x', count: 1 }, { tag: 'x', count: 'many' }, { tag: 7, count: '3' }] } }] }
    expect(valueCounts(response as any, 'tag')).toEqual([{ value: '7', count: 3 }])
    expect(valueCounts(undefined, 'tag')).toEqual([])
    expect(valueCounts({ meta: {}, objects: [null as any, { x: {} }] }, 'tag')).toEqual([])
  })
})

describe('indicators', () => {
  it('guesses the type of a value as Timesketch does', () => {
    expect(indicatorType('10.1.2.3')).toBe('ipv4')
    expect(indicatorType('www.example.org')).toBe('hostname')
    expect(indicatorType('/usr/bin/evil')).toBe('fs_path')
    expect(indicatorType('d41d8cd98f00b204e9800998ecf8427e')).toBe('hash_md5')
    expect(indicatorType('a'.repeat(40))).toBe('hash_sha1')
    expect(indicatorType('a'.repeat(64))).toBe('hash_sha256')
    expect(indicatorType('300.1.2.3')).toBe('other')
    expect(indicatorType('mallory')).toBe('other')
  })

  it('reads the sketch attribute in Timesketch\'s shape and ignores anything else', () => {
    const meta = {
      attributes: {
        intelligence: {
          ontology: 'intelligence',
          value: { data: [{ ioc: '10.1.2.3', type: 'ipv4', tags: ['c2', { name: 'apt' }], externalURI: 'https://ti/1' }, { ioc: 5 }, null, { ioc: 'x' }] },
        },
      },
    }
    expect(indicatorsOf(meta)).toEqual([
      { ioc: '10.1.2.3', type: 'ipv4', tags: ['c2', 'apt'], externalURI: 'https://ti/1' },
      { ioc: 'x', type: 'other', tags: [] },
    ])
    expect(indicatorsOf({})).toEqual([])
    expect(indicatorsOf({ attributes: { intelligence: { value: 'not json' } } })).toEqual([])
    expect(indicatorsOf({ attributes: { intelligence: { value: { data: 'x' } } } })).toEqual([])
  })

  it('adds, replaces and removes by value', () => {
    const a = { ioc: 'a', type: 'other', tags: [] }
    const list = withIndicator([a], { ioc: ' b ', type: 'other', tags: ['t'] })
    expect(list.map((i) => i.ioc)).toEqual(['a', 'b'])
    expect(withIndicator(list, { ioc: 'a', type: 'hostname', tags: ['x'] })).toEqual([{ ioc: 'a', type: 'hostname', tags: ['x'] }, list[1]])
    expect(withoutIndicator(list, 'a')).toEqual([list[1]])
  })

  it('searches an indicator as a phrase with quotes and backslashes escaped', () => {
    expect(indicatorQuery('10.1.2.3')).toBe('"10.1.2.3"')
    expect(indicatorQuery('C:\\Windows\\"x"')).toBe('"C:\\\\Windows\\\\\\"x\\""')
  })
})
