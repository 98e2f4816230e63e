// The JSON API as the pages use it: same-origin, the session cookie, and the
// session's CSRF token on every state-changing request.

export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.title || `The server answered ${status}`);
    this.status = status;
    this.code = body.code || "";
    this.title = body.title || "";
    this.errors = body.errors || [];
    this.body = body;
  }
}

let csrfToken = "";
export function useCsrfToken(token) {
  csrfToken = token || "";
}

async function send(method, path, { json, bytes, contentType, accept } = {}) {
  const headers = { Accept: accept || "application/json" };
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (bytes !== undefined) {
    headers["Content-Type"] = contentType || "application/octet-stream";
    body = bytes;
  }
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  const text = await response.text();
  let parsed = {};
  if (text && (response.headers.get("Content-Type") || "").includes("json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = {};
    }
  }
  if (response.status === 401 && path !== "/api/v1/session") {
    // The session ended (idle, expired, signed out elsewhere): sign in again and come back here.
    location.assign(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (!response.ok) throw new Problem(response.status, parsed);
  return { status: response.status, body: parsed, headers: response.headers };
}

export const api = {
  get: async (path) => (await send("GET", path)).body,
  post: async (path, json) => (await send("POST", path, { json })).body,
  put: async (path, json) => (await send("PUT", path, { json })).body,
  delete: async (path) => (await send("DELETE", path)).body,
  upload: async (path, file, contentType) => (await send("POST", path, { bytes: file, contentType })).body,
};
