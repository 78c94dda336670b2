// Calls to the HotSpots API with the session cookie. A 401 means the session has ended: the page signs in again.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

let onSignedOut = () => {};
export function whenSignedOut(handler) { onSignedOut = handler; }

// The server refuses a change made with the session cookie unless it carries X-HotSpots-Request: a page of another
// origin cannot add that header without a CORS preflight, which the server never grants.
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json', 'X-HotSpots-Request': 'dashboard' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.ok) return data;
  if (response.status === 401 && !path.startsWith('/api/account/sign-in')) onSignedOut();
  throw new ApiError(response.status, data);
}
