// Talks to /api/v1 with the session cookie; state-changing calls carry the session's CSRF token.
let csrfToken = null;

/** What GET /api/v1/session said: thresholds and whether HTTP metrics are on. */
export const session = { thresholds: null, httpMetrics: false };

export class ApiFailure extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken || '';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.href = '/login';
    throw new ApiFailure(401, { message: 'logged out' });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiFailure(response.status, json);
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

export async function startSession() {
  const s = await get('/api/v1/session');
  csrfToken = s.csrfToken;
  Object.assign(session, s);
  return session;
}

export async function logout() {
  await fetch('/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken || '' }, credentials: 'same-origin' });
  location.href = '/login';
}

/** Opens the SSE stream; handlers: {tick, state, crash, reload, output, open, error}. Returns the EventSource. */
export function openStream(handlers, params = '') {
  const source = new EventSource('/api/v1/stream' + params);
  // A page left for another keeps its stream open in the back-forward cache; six of them use up the browser's
  // connections to the host and the next page's requests wait forever.
  window.addEventListener('pagehide', () => source.close());
  for (const [event, handler] of Object.entries(handlers)) {
    if (event === 'open' || event === 'error') source.addEventListener(event, handler);
    else source.addEventListener(event, (e) => handler(JSON.parse(e.data)));
  }
  return source;
}
