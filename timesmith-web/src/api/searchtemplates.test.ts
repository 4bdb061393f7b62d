import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  createSearchTemplate,
  deleteSearchTemplate,
  filledOut,
  initialValues,
  listSearchTemplates,
  mayDeleteTemplate,
  parseBody,
  parseSearchTemplate,
  placeholders,
  queryPreview,
  templateParameters,
} from './searchtemplates'

const template = (over: Record<string, unknown> = {}) => ({
  id: 3,
  name: 'Logons of a user',
  description: '',
  short_name: '',
  user: { id: 1, username: 'alice' },
  query_string: 'user:{{ user }} AND action:logon',
  query_filter: '{}',
  query_dsl: '',
  template_uuid: 'u',
  template_json: '',
  created_at: '',
  updated_at: '',
  ...over,
})

/** Records the requests and answers each with the next of `answers`. */
function stubFetch(...answers: unknown[]) {
  const calls: { url: string; method: string; body: unknown; csrf: string | undefined }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const headers = (init.headers ?? {}) as Record<string, string>
      calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined, csrf: headers['X-CSRFToken'] })
      const answer = answers.shift()
      return new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), { status: 200 })
    }),
  )
  return calls
}

beforeAll(() => document.head.insertAdjacentHTML('beforeend', '<meta name="csrf-token" content="tok">'))
afterEach(() => vi.unstubAllGlobals())

describe('search template calls', () => {
  it('lists the templates of the nested list', async () => {
    const calls = stubFetch({ objects: [[template(), template({ id: 4 })]], meta: { collection: [] } })
    expect((await listSearchTemplates()).map((t) => t.id)).toEqual([3, 4])
    expect(calls[0]).toMatchObject({ url: '/api/v1/searchtemplates/', method: 'GET' })
    stubFetch({ objects: [], meta: {} })
    expect(await listSearchTemplates()).toEqual([])
  })

  it('creates a template from a query string with the CSRF header', async () => {
    const calls = stubFetch({ objects: [template({ id: 9, name: 'Mine' })], meta: {} })
    const created = await createSearchTemplate({ name: 'Mine', description: 'd', query: 'user:{{ user }}' })
    expect(created.id).toBe(9)
    expect(calls[0]).toEqual({
      url: '/api/v1/searchtemplates/',
      method: 'POST',
      body: { name: 'Mine', description: 'd', query_string: 'user:{{ user }}' },
      csrf: 'tok',
    })
  })

  it('parses with the parameters and answers the query string', async () => {
    const calls = stubFetch({ objects: [{ query_string: 'user:mallory AND action:logon' }], meta: {} })
    expect(await parseSearchTemplate(3, { user: 'mallory' })).toBe('user:mallory AND action:logon')
    expect(calls[0]).toMatchObject({ url: '/api/v1/searchtemplates/3/parse/', method: 'POST', body: { user: 'mallory' } })
  })

  it('refuses a parse answer without a query string', async () => {
    stubFetch({ objects: [], meta: {} })
    await expect(parseSearchTemplate(3, {})).rejects.toThrow('did not answer a query string')
  })

  it('deletes with DELETE (the server answers the body 200)', async () => {
    const calls = stubFetch('200')
    await deleteSearchTemplate(5)
    expect(calls[0]).toMatchObject({ url: '/api/v1/searchtemplates/5/', method: 'DELETE' })
  })
})

describe('template parameters', () => {
  it('takes every placeholder once, in order', () => {
    expect(placeholders('a:{{x}} OR b:{{ y }} OR c:{{x}} OR d:{{ not valid }}')).toEqual(['x', 'y'])
  })

  it('reads the declared parameters with their types and defaults, then the other placeholders', () => {
    const spec = {
      parameters: [
        { name: 'user', description: 'The account', type: 'text', default: 'root' },
        { name: 'hours', description: 'Window', type: 'integer', default: '24' },
        { name: 'strict', description: 'Exact match', type: 'bool', default: 'true' },
        { name: 'user', description: 'duplicate' },
        { description: 'no name' },
      ],
    }
    const params = templateParameters(template({ query_string: 'user:{{ user }} AND host:{{host}}', template_json: JSON.stringify(spec) }))
    expect(params).toEqual([
      { name: 'user', description: 'The account', type: 'text', default: 'root' },
      { name: 'hours', description: 'Window', type: 'number', default: 24 },
      { name: 'strict', description: 'Exact match', type: 'boolean', default: true },
      { name: 'host', description: '', type: 'text', default: undefined },
    ])
    expect(initialValues(params)).toEqual({ user: 'root', hours: 24, strict: true, host: '' })
  })

  it('copes with a template_json that is empty, not JSON or a library step', () => {
    expect(templateParameters(template({ template_json: '' })).map((p) => p.name)).toEqual(['user'])
    expect(templateParameters(template({ template_json: '{oops' })).map((p) => p.name)).toEqual(['user'])
    expect(templateParameters(template({ query_string: 'action:logon', template_json: '{"step": {"type": "opensearch-query"}}' }))).toEqual([])
  })

  it('sends numbers and booleans typed, and asks for every text and number', () => {
    const params = templateParameters(
      template({
        query_string: '{{ user }}',
        template_json: JSON.stringify({ parameters: [{ name: 'n', type: 'number' }, { name: 'b', type: 'boolean' }] }),
      }),
    )
    const values = { n: '7', b: true, user: 'mallory' }
    expect(parseBody(params, values)).toEqual({ n: 7, b: true, user: 'mallory' })
    expect(parseBody(params, { n: 'x', b: false, user: '' })).toEqual({ n: 'x', b: false, user: '' })
    expect(filledOut(params, values)).toBe(true)
    expect(filledOut(params, { ...values, user: '  ' })).toBe(false)
    expect(filledOut(params, { ...values, n: '' })).toBe(false)
  })
})

describe('mayDeleteTemplate', () => {
  it('lets the creator and administrators delete, a library template only administrators', () => {
    const mine = template({ user: { id: 1, username: 'alice' } })
    const library = template({ user: { id: null, username: null } })
    expect(mayDeleteTemplate(mine, { id: 1, admin: false })).toBe(true)
    expect(mayDeleteTemplate(mine, { id: 2, admin: false })).toBe(false)
    expect(mayDeleteTemplate(library, { id: 1, admin: false })).toBe(false)
    expect(mayDeleteTemplate(library, { id: 2, admin: true })).toBe(true)
    expect(mayDeleteTemplate(mine, undefined)).toBe(false)
  })
})

describe('queryPreview', () => {
  it('puts the query on one line and shortens it', () => {
    expect(queryPreview('a:1\n  AND b:2')).toBe('a:1 AND b:2')
    expect(queryPreview('x'.repeat(100), 10)).toBe('xxxxxxxxx…')
  })
})
