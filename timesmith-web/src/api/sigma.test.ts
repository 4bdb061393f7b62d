import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { hitsQuery, hitTag, importSigmaZip, listSigmaRules, logsourceText, parseSigmaRule, setSigmaRuleLive, updateSigmaRule } from './sigma'

/** Records the requests and answers each with the next of `answers` (a number: that error status). */
function stubFetch(...answers: unknown[]) {
  const calls: { url: string; method: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
      calls.push({ url, method: init.method ?? 'GET', body })
      const answer = answers.shift()
      if (typeof answer === 'number') return new Response(JSON.stringify({ message: 'Rule r: cannot convert fieldref' }), { status: answer })
      return new Response(JSON.stringify(answer), { status: 200 })
    }),
  )
  return calls
}

const rule = { rule_uuid: 'u1', title: 'Mimikatz "sekurlsa"', level: 'high', tags: ['attack.t1003'], logsource: { product: 'windows', service: 'security' } }

beforeAll(() => document.head.insertAdjacentHTML('beforeend', '<meta name="csrf-token" content="tok">'))
afterEach(() => vi.unstubAllGlobals())

describe('Sigma rule calls', () => {
  it('searches by title, tag, log source and live use, leaving out what is empty', async () => {
    const calls = stubFetch({ objects: [rule], meta: {} }, { objects: [], meta: {} })
    expect((await listSigmaRules({ tag: ' attack.t1003 ', live: true, title: '' })).map((r) => r.rule_uuid)).toEqual(['u1'])
    expect(calls[0]).toMatchObject({ url: '/api/v1/sigmarules/?tag=attack.t1003&live=true', method: 'GET' })
    await listSigmaRules()
    expect(calls[1].url).toBe('/api/v1/sigmarules/')
  })

  it('converts YAML without storing it, and rejects with the converter reason', async () => {
    const calls = stubFetch({ objects: [{ title: 't', search_query: 'EventID:4625', rule_uuid: '' }], meta: {} }, 400)
    expect((await parseSigmaRule('title: t')).search_query).toBe('EventID:4625')
    expect(calls[0]).toMatchObject({ url: '/api/v1/sigmarules/text/', method: 'POST', body: { content: 'title: t' } })
    await expect(parseSigmaRule('bad')).rejects.toThrow('cannot convert fieldref')
  })

  it('updates with PUT, switches live use, and posts a zip as it is', async () => {
    const calls = stubFetch({ objects: [rule], meta: {} }, { objects: [rule], meta: {} }, { objects: [{ files: 3, installed: 2, skipped: 1, skipped_files: [] }], meta: {} })
    await updateSigmaRule('u/1', 'title: x')
    expect(calls[0]).toMatchObject({ url: '/api/v1/sigmarules/u%2F1/', method: 'PUT', body: { rule_yaml: 'title: x' } })
    await setSigmaRuleLive('u1', true)
    expect(calls[1]).toMatchObject({ url: '/api/v1/sigmarules/u1/live/', method: 'POST', body: { enabled: true } })
    const zip = new Blob(['PK'])
    expect((await importSigmaZip(zip)).installed).toBe(2)
    expect(calls[2]).toMatchObject({ url: '/api/v1/sigmarules/import/', method: 'POST', body: zip })
  })

  it('names the hits as the live rules and the analyzer tag them', () => {
    expect(hitTag(rule)).toBe('sigma_Mimikatz "sekurlsa"')
    expect(hitsQuery(rule)).toBe('tag:"sigma_Mimikatz \\"sekurlsa\\""')
    expect(hitTag({ title: ' ', rule_uuid: 'u9' })).toBe('sigma_u9')
    expect(logsourceText(rule.logsource)).toBe('windows / security')
    expect(logsourceText(undefined)).toBe('')
  })
})
