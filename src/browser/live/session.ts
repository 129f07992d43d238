/**
 * Who is signed in, as the app server says (GET /api/session), and the session's CSRF token for the requests that
 * change something (X-CSRF-Token). The session itself is an HttpOnly cookie this code never sees. The server enforces
 * every right; the page only uses this to choose what to show (the sign-in page, a sign-out control).
 *
 * 'unavailable': the server has no /api/session at all (Vite's dev server, `npm run dev`): the desk screens are
 * shown as before sign-in existed and the live service takes acknowledgements as it is asked.
 */
import { useEffect, useSyncExternalStore } from 'react';

export type UserRole = 'dispatcher' | 'manager' | 'admin';
export interface SessionUser {
  name: string;
  role: UserRole;
}

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; user: SessionUser; csrfToken: string }
  | { kind: 'signed-out' }
  | { kind: 'unavailable' };

export const SESSION_URL = '/api/session';
export const CSRF_HEADER = 'X-CSRF-Token';

let state: SessionState = { kind: 'loading' };
let pending: Promise<SessionState> | null = null;
const listeners = new Set<() => void>();

function set(next: SessionState): SessionState {
  state = next;
  for (const l of listeners) l();
  return next;
}

function parseUser(u: unknown): SessionUser | null {
  if (!u || typeof u !== 'object') return null;
  const { name, role } = u as Record<string, unknown>;
  if (typeof name !== 'string' || (role !== 'dispatcher' && role !== 'manager' && role !== 'admin')) return null;
  return { name, role };
}

/** Asks the server once per page load (again after `refresh`). */
export function loadSession(refresh = false): Promise<SessionState> {
  if (pending && !refresh) return pending;
  pending = (async () => {
    try {
      const res = await fetch(SESSION_URL, { cache: 'no-store', credentials: 'same-origin' });
      // 404: no sign-in on this server (Vite's dev or preview server, which proxy /api to the history service; 502/504
      // when that is not running either). The production web server answers /api/session itself, never by proxy.
      if (res.status === 404 || res.status === 502 || res.status === 504) return set({ kind: 'unavailable' });
      if (!res.ok) return set({ kind: 'signed-out' });
      const body = (await res.json()) as { user?: unknown; csrfToken?: unknown };
      const user = parseUser(body.user);
      return set(
        user && typeof body.csrfToken === 'string'
          ? { kind: 'signed-in', user, csrfToken: body.csrfToken }
          : { kind: 'signed-out' },
      );
    } catch {
      return set({ kind: 'signed-out' });
    }
  })();
  return pending;
}

export function currentSession(): SessionState {
  return state;
}

/** The header a state-changing request carries; empty when nobody is signed in. */
export function csrfHeaders(): Record<string, string> {
  return state.kind === 'signed-in' ? { [CSRF_HEADER]: state.csrfToken } : {};
}

export type SignInOutcome =
  | { kind: 'ok'; user: SessionUser }
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterS: number }
  | { kind: 'error'; detail: string };

export async function signIn(name: string, password: string): Promise<SignInOutcome> {
  let res: Response;
  try {
    res = await fetch(SESSION_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    return { kind: 'error', detail: (e as Error).message };
  }
  if (res.status === 401 || res.status === 400) return { kind: 'invalid' };
  if (res.status === 429) return { kind: 'limited', retryAfterS: Number(res.headers.get('retry-after')) || 60 };
  if (!res.ok) return { kind: 'error', detail: `HTTP ${res.status}` };
  try {
    const body = (await res.json()) as { user?: unknown; csrfToken?: unknown };
    const user = parseUser(body.user);
    if (!user || typeof body.csrfToken !== 'string') return { kind: 'error', detail: 'malformed answer' };
    set({ kind: 'signed-in', user, csrfToken: body.csrfToken });
    pending = Promise.resolve(state);
    return { kind: 'ok', user };
  } catch {
    return { kind: 'error', detail: 'malformed answer' };
  }
}

export async function signOut(): Promise<void> {
  try {
    await fetch(SESSION_URL, {
      method: 'DELETE',
      headers: csrfHeaders(),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } finally {
    set({ kind: 'signed-out' });
    pending = Promise.resolve(state);
  }
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The session, loaded on first use. */
export function useSession(): SessionState {
  const s = useSyncExternalStore(subscribe, currentSession);
  useEffect(() => {
    void loadSession();
  }, []);
  return s;
}
