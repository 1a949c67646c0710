// The one door to the API: a client typed by the API's own OpenAPI document (openapi.d.ts, generated
// from its route table), on the page's own origin with the session cookie. Writes carry the CSRF
// token; a 401 from anything but sign-in itself means the session is over, and is told to the
// session provider, which sends the person back to the sign-in page with a reason.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type SessionUser = Schemas['SessionUser'];
export type Role = SessionUser['roles'][number];

const CSRF_COOKIE = 'telecom_csrf';

function csrfToken(): string | undefined {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return cookie === undefined ? undefined : decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1));
}

type SessionEndListener = (problem: Problem | undefined) => void;
const sessionEndListeners = new Set<SessionEndListener>();

/** Called when the API answers 401 to a signed-in request: the session expired or was ended. */
export function onSessionEnd(listener: SessionEndListener): () => void {
  sessionEndListeners.add(listener);
  return () => void sessionEndListeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  async onResponse({ request, response }) {
    // /auth/* answers 401 as part of its own flow (a wrong password, nobody signed in yet).
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/')) {
      const problem = (await response
        .clone()
        .json()
        .catch(() => undefined)) as Problem | undefined;
      for (const listener of sessionEndListeners) listener(problem);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(session);

/** An answer that is not a success, with its problem+json when it has one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** The data of an answer, or an ApiError: what queries and mutations want. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, typeof error === 'object' && error !== null ? (error as Problem) : undefined);
  return data as T;
}

/** An answer's data with its X-Total-Count (paged lists). */
export async function unwrapPage<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ rows: T; total: number }> {
  const answer = await call;
  const rows = await unwrap(Promise.resolve(answer));
  return { rows, total: Number(answer.response.headers.get('x-total-count') ?? 0) };
}
