/**
 * The one way the UI talks to the server: JSON over /api/v1/ with the session cookie and the
 * X-CSRFToken header. A 401 sends the browser to the server-rendered login page; every other
 * failure becomes an ApiError carrying the server's `message`, which callers show to the user.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Where the login page lives (the contract's server-rendered page). */
export const LOGIN_PATH = '/login/'

let csrfToken: string | undefined
let loginRedirect: (next: string) => void = (next) => {
  window.location.assign(`${LOGIN_PATH}?next=${encodeURIComponent(next)}`)
}

/** Tests replace the browser navigation done on 401. */
export function setLoginRedirect(redirect: (next: string) => void): void {
  loginRedirect = redirect
}

/** Extracts a CSRF token from an HTML page the way the contract publishes it (§1.1). */
export function csrfFromHtml(html: string): string | undefined {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const input = doc.getElementById('csrf_token')
  const fromInput = input?.getAttribute('value')
  if (fromInput) return fromInput
  const meta = doc.querySelector('meta[name="csrf-token"]')?.getAttribute('content')
  return meta || undefined
}

function csrfFromCookie(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === 'XSRF-TOKEN' || name === 'csrf_token') return decodeURIComponent(rest.join('='))
  }
  return undefined
}

async function loadCsrfToken(): Promise<string | undefined> {
  const meta = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content')
  if (meta && !meta.includes('{{')) return meta
  const cookie = csrfFromCookie()
  if (cookie) return cookie
  // The login page carries the token of this session (it stays valid after login).
  const response = await fetch(`${LOGIN_PATH}?local_auth=1`, { credentials: 'same-origin' })
  return csrfFromHtml(await response.text())
}

async function token(refresh = false): Promise<string | undefined> {
  if (refresh || csrfToken === undefined) csrfToken = await loadCsrfToken()
  return csrfToken
}

function currentLocation(): string {
  return window.location.pathname + window.location.search + window.location.hash
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text()
  try {
    const body = JSON.parse(text)
    if (body && typeof body.message === 'string') return body.message
  } catch {
    // not JSON: fall through to the raw text
  }
  const trimmed = text.trim()
  if (trimmed && !trimmed.startsWith('<')) return trimmed.slice(0, 300)
  return `${response.status} ${response.statusText || 'request failed'}`
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT'
  body?: unknown
  /** multipart or other raw bodies, sent as they are */
  raw?: BodyInit
  signal?: AbortSignal
}

/** Sends one request and returns the raw Response after the 401/CSRF/error handling. */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? (options.body === undefined && options.raw === undefined ? 'GET' : 'POST')
  const attempt = async (refresh: boolean): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (method !== 'GET') {
      const t = await token(refresh)
      if (t) headers['X-CSRFToken'] = t
    }
    let body: BodyInit | undefined = options.raw
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    return fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  }
  let response = await attempt(false)
  if (response.status === 403 && method !== 'GET') {
    // A stale CSRF token (for example after a re-login in another tab): fetch a fresh one once.
    const message = await response.clone().text()
    if (/csrf/i.test(message)) response = await attempt(true)
  }
  if (response.status === 401) {
    loginRedirect(currentLocation())
    throw new ApiError(401, 'Not logged in')
  }
  if (!response.ok) throw new ApiError(response.status, await messageOf(response))
  return response
}

/** Sends a request and parses the JSON answer. */
export async function api<T = any>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options)
  const text = await response.text()
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError(response.status, `The server answered ${path} with something that is not JSON`)
  }
}

/**
 * Uploads multipart form data with progress reporting (fetch cannot report upload progress).
 * Resolves with the parsed JSON answer.
 */
export async function upload<T = any>(
  path: string,
  form: FormData,
  onProgress: (sentBytes: number, totalBytes: number) => void,
): Promise<T> {
  const t = await token()
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    if (t) xhr.setRequestHeader('X-CSRFToken', t)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, 'Network error during upload'))
    xhr.onload = () => {
      if (xhr.status === 401) {
        loginRedirect(currentLocation())
        reject(new ApiError(401, 'Not logged in'))
        return
      }
      let body: any
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        body = undefined
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiError(xhr.status, body?.message ?? `${xhr.status} ${xhr.statusText}`))
      } else {
        resolve(body as T)
      }
    }
    xhr.send(form)
  })
}
