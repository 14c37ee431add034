// Talking to the server: JSON over fetch with the session cookie, and the live feed over a WebSocket that reconnects.

/** An answer the server refused, with its problem JSON's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** A JSON request; the session cookie goes with it (same origin). Resolves to the parsed body (null for 204). */
export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!response.ok) throw new ApiError(response.status, (data && data.detail) || response.statusText);
  return data;
}

/** Signs in: exchanges an API key for the HttpOnly session cookie. Resolves to who the key is. */
export function signIn(key) {
  return api('/v1/session', { method: 'POST', body: { key } });
}

/** Who the session is, or null when there is none. */
export async function whoAmI() {
  try {
    return await api('/v1/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function signOut() {
  return api('/v1/session', { method: 'DELETE' });
}

/**
 * The live feed (`/v1/feed/ws`, authenticated by the session cookie). `onMessage(message, receivedAt)` gets each
 * parsed message with `performance.now()` at receipt; `onState('live' | 'reconnecting')` follows the connection, so
 * that a page can reload what it may have missed. Returns `{close()}`.
 */
export function connectFeed(onMessage, onState, types) {
  let socket = null;
  let closed = false;
  let delay = 500;
  const query = types ? `?types=${encodeURIComponent(types.join(','))}` : '';
  function open() {
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/feed/ws${query}`);
    socket.addEventListener('open', () => {
      delay = 500;
      onState('live');
    });
    socket.addEventListener('message', (event) => {
      const receivedAt = performance.now();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      onMessage(message, receivedAt);
    });
    socket.addEventListener('close', () => {
      if (closed) return;
      onState('reconnecting');
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10_000);
    });
  }
  open();
  return {
    close() {
      closed = true;
      socket?.close();
    },
  };
}

/** Builds elements with text nodes only, so that no text from a call is ever parsed as markup. */
export function el(name, attributes = {}, ...children) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = value;
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
