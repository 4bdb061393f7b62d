import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, csrfFromHtml, setLoginRedirect } from './http'
import { jsonField, listOf } from './timesketch'

describe('envelope helpers', () => {
  it('reads nested, flat and empty object lists alike', () => {
    expect(listOf([[{ id: 1 }, { id: 2 }]])).toEqual([{ id: 1 }, { id: 2 }])
    expect(listOf([{ id: 1 }])).toEqual([{ id: 1 }])
    expect(listOf([])).toEqual([])
    expect(listOf(undefined)).toEqual([])
  })

  it('parses JSON-encoded string fields leniently', () => {
    expect(jsonField('["a"]', [])).toEqual(['a'])
    expect(jsonField('', [])).toEqual([])
    expect(jsonField('{broken', {})).toEqual({})
  })
})

describe('csrf token', () => {
  it('prefers the csrf_token input, then the meta tag', () => {
    expect(csrfFromHtml('<meta name="csrf-token" content="m"><input id="csrf_token" value="i">')).toBe('i')
    expect(csrfFromHtml('<html><head><meta name="csrf-token" content="m"></head></html>')).toBe('m')
    expect(csrfFromHtml('<p>nothing</p>')).toBeUndefined()
  })
})

describe('api()', () => {
  afterEach(() => vi.unstubAllGlobals())

  function respond(status: number, body: string, requests: { url: string; init: RequestInit }[] = []) {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        requests.push({ url, init })
        if (String(url).startsWith('/login/')) return new Response('<meta name="csrf-token" content="tok">', { status: 200 })
        return new Response(body, { status })
      }),
    )
    return requests
  }

  it('sends the CSRF token on writes and JSON bodies', async () => {
    const requests = respond(201, '{"objects":[{"id":1}]}')
    const r = await api('/api/v1/sketches/', { body: { name: 'x' } })
    expect(r.objects[0].id).toBe(1)
    const post = requests.find((q) => q.url === '/api/v1/sketches/')!
    expect(post.init.method).toBe('POST')
    expect((post.init.headers as Record<string, string>)['X-CSRFToken']).toBe('tok')
    expect(post.init.body).toBe('{"name":"x"}')
  })

  it('sends the browser to the login page on 401', async () => {
    respond(401, '{"message":"login required"}')
    const redirects: string[] = []
    setLoginRedirect((next) => redirects.push(next))
    await expect(api('/api/v1/users/me/')).rejects.toBeInstanceOf(ApiError)
    expect(redirects).toHaveLength(1)
  })

  it("surfaces the server's message", async () => {
    respond(400, '{"message":"No valid search indices were found"}')
    await expect(api('/api/v1/sketches/1/explore/', { body: {} })).rejects.toThrow('No valid search indices were found')
  })

  it('names non-JSON answers', async () => {
    respond(200, '<html>oops</html>')
    await expect(api('/api/v1/version/')).rejects.toThrow('not JSON')
  })

  it('does not leak HTML error pages into messages', async () => {
    respond(500, '<html><body>Whitelabel Error Page</body></html>')
    await expect(api('/api/v1/version/')).rejects.toThrow('500')
  })
})
