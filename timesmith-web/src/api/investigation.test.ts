import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  exploreLabelLink,
  factLabel,
  linkFacts,
  llmFeatureEnabled,
  logAnalyzerEnabled,
  questionPriority,
  reviewConclusion,
  starredEventsReport,
  synthesizeQuestion,
  type Question,
} from './investigation'

afterEach(() => vi.unstubAllGlobals())

describe('investigation api helpers', () => {
  it('reads the priority from the question labels', () => {
    const q = { labels: [{ name: 'other' }, { name: '__ts_priority_high' }] } as Question
    expect(questionPriority(q)).toBe('high')
    expect(questionPriority({ labels: [] } as unknown as Question)).toBeUndefined()
  })

  it('links to Explore with the fact label as a chip', () => {
    const link = exploreLabelLink(7, factLabel(12))
    expect(link.startsWith('/sketch/7/explore?')).toBe(true)
    const params = new URLSearchParams(link.split('?')[1])
    expect(params.get('q')).toBe('*')
    expect(JSON.parse(params.get('f')!).chips).toEqual([
      { field: '', type: 'label', operator: 'must', active: true, value: '__ts_fact_12' },
    ])
  })

  it('leaves out events that already rest on the conclusion, since the server toggles the label', async () => {
    const bodies: any[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(String(init.body)))
        return new Response('{"objects": [], "meta": {}}', { status: 201 })
      }),
    )
    document.head.insertAdjacentHTML('beforeend', '<meta name="csrf-token" content="t">')
    const linked = await linkFacts(3, 5, [
      { _id: 'a', _index: 'i', labels: ['__ts_fact_5'] },
      { _id: 'b', _index: 'i', labels: ['__ts_star'] },
    ])
    expect(linked).toBe(1)
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toMatchObject({ annotation: '__ts_fact', annotation_type: 'label', conclusion_id: 5, remove: false })
    expect(bodies[0].events).toEqual([{ _id: 'b', _index: 'i' }])
  })

  it('reads whether the log analyzer is on, and reviews an automated conclusion by its status alone', async () => {
    const calls: { url: string; method: string; body: unknown }[] = []
    const answers = ['{"LLM_FEATURES_AVAILABLE": {"default": true, "log_analyzer": true}}', '{"DFIQ_ENABLED": true}', '{"objects": [], "meta": {}}']
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined })
        return new Response(answers.shift(), { status: 200 })
      }),
    )
    expect(await logAnalyzerEnabled()).toBe(true)
    expect(await logAnalyzerEnabled()).toBe(false)
    await reviewConclusion(7, 3, 9, 'verified')
    expect(calls[2]).toEqual({ url: '/api/v1/sketches/7/questions/3/conclusions/9/', method: 'PUT', body: { status: 'verified' } })
  })

  it('asks for a synthesis of a question and a starred events report through the LLM route', async () => {
    const calls: { url: string; body: unknown }[] = []
    const answers = [
      '{"LLM_FEATURES_AVAILABLE": {"default": true, "llm_synthesize": true}}',
      '{"response": "They agree."}',
      '{"summary": "r", "summary_event_count": 2, "summary_unique_event_count": 1, "story_id": 8}',
    ]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined })
        return new Response(answers.shift(), { status: 200 })
      }),
    )
    expect(await llmFeatureEnabled('llm_synthesize')).toBe(true)
    expect(await synthesizeQuestion(7, 3)).toBe('They agree.')
    expect(calls[1]).toEqual({ url: '/api/v1/sketches/7/llm/', body: { feature: 'llm_synthesize', question_id: 3 } })
    const report = await starredEventsReport(7, '*', { indices: '_all', chips: [] })
    expect(report.story_id).toBe(8)
    expect(calls[2].body).toEqual({ feature: 'llm_starred_events_report', query: '*', filter: { indices: '_all', chips: [] } })
  })
})
