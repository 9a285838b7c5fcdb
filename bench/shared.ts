// What bench/http.ts (the load generator), bench/server.ts (one target) and
// bench/profile-http.ts agree on.
export const TARGETS = ['bare', 'one-query', 'app'] as const
export type Target = (typeof TARGETS)[number]

export const isTarget = (v: unknown): v is Target =>
  typeof v === 'string' && (TARGETS as readonly string[]).includes(v)

export const BARE_BODY = 'Hello, world\n'

export interface Ready {
  type: 'ready'
  target: Target
  port: number
  engine: 'pglite' | 'postgres' | null
  pid: number
}

/**
 * Signs in as the demo parent, as a browser would: GET /signin for the CSRF cookie and token,
 * then POST /signin/demo (like test/helpers.ts Client.signInAs). Returns the cookie header.
 */
export async function signInAsParent(base: string): Promise<string> {
  const jar = new Map<string, string>()
  let csrf = ''
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(base + path, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const value = pair.slice(eq + 1).trim()
      if (value) jar.set(pair.slice(0, eq).trim(), value)
      else jar.delete(pair.slice(0, eq).trim())
    }
    const text = await res.text()
    csrf = text.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? csrf
    return { status: res.status, text }
  }
  const form = await request('/signin')
  if (form.status !== 200 || !csrf)
    throw new Error(`GET /signin: ${form.status}, CSRF token ${csrf ? 'found' : 'missing'}`)
  const res = await request('/signin/demo', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, persona: 'parent' }),
  })
  if (res.status !== 303 || !jar.has('kw_session')) {
    throw new Error(
      `demo sign-in as parent failed: ${res.status}, kw_session ${jar.has('kw_session') ? 'set' : 'missing'}`,
    )
  }
  // kw_session identifies the parent; kw_csrf travels along as a browser would send it
  // (without it the app would mint and set a new CSRF seed on every request).
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}
