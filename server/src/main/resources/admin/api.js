// The panel's client of the /api/v1 JSON API. Requests carry the session cookie (same origin);
// every change also carries the session's CSRF token in the X-Petrel-CSRF header.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const session = { csrf: null, role: null, name: null, expiresAt: null };

const ROLES = ['viewer', 'publisher', 'admin'];

/** Whether the signed-in role includes `role`. */
export function can(role) {
  return ROLES.indexOf(session.role) >= ROLES.indexOf(role);
}

/** Sends a request; resolves with the parsed JSON answer, rejects with ApiError. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Petrel-CSRF'] = session.csrf || '';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'the server did not answer: ' + e.message);
  }
  return parse(response.status, await response.text());
}

function parse(status, text) {
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (status >= 200 && status < 300 && json) return json;
  if (status === 401 && json && json.code && json.code.startsWith('auth.')) {
    window.dispatchEvent(new CustomEvent('petrel:signed-out'));
  }
  throw new ApiError(status, json && json.code ? json.code : 'http.' + status,
    json && json.message ? json.message : `the server answered ${status}`);
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

/** Reads the current session; resolves with true when signed in. */
export async function loadSession() {
  const answer = await get('/api/v1/session');
  if (!answer.signed_in) {
    Object.assign(session, { csrf: null, role: null, name: null, expiresAt: null });
    return false;
  }
  remember(answer.session);
  return true;
}

/** Exchanges an API token for a session cookie. */
export async function signIn(token) {
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
    credentials: 'same-origin',
  });
  const answer = parse(response.status, await response.text());
  remember(answer.session);
}

export async function signOut() {
  await del('/api/v1/session');
  Object.assign(session, { csrf: null, role: null, name: null, expiresAt: null });
}

function remember(s) {
  Object.assign(session, { csrf: s.csrf_token, role: s.role, name: s.name, expiresAt: s.expires_at });
}

/**
 * Uploads a file's raw bytes to the app's artifact endpoint with XMLHttpRequest, so the browser
 * reports upload progress: onProgress(sentBytes, totalBytes). Resolves with the answer
 * ({sha256, size, download_url}).
 */
export function upload(app, file, fileName, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/apps/${encodeURIComponent(app)}/artifacts?file_name=${encodeURIComponent(fileName)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Petrel-CSRF', session.csrf || '');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      try { resolve(parse(xhr.status, xhr.responseText)); } catch (e) { reject(e); }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'the upload was interrupted')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'the upload was cancelled')));
    xhr.send(file);
  });
}

/** Path of an app's API. */
export function appPath(app) {
  return '/api/v1/apps/' + encodeURIComponent(app);
}

/** Path of a release's API. */
export function releasePath(app, id) {
  return appPath(app) + '/releases/' + encodeURIComponent(id);
}
