/**
 * The desk screens' guard: /dispatch, /progress and /admin need a signed-in user whose role may open them; without a
 * session the page goes to the sign-in page, which comes back here afterwards. A signed-in user of another role goes
 * there too (to sign in as someone else), or, where the route gives one, sees its `refused` notice in place. It runs before the route's RuntimeHost, so no
 * run-time configuration (no MQTT user) is asked for until someone is signed in. The server enforces every right on
 * its own; this only spares people a screen that could not work. On Vite's dev server (no /api/session) the screens
 * open as before.
 */
import type { ReactNode } from 'react';
import { type UserRole, useSession } from '../live/session';
import { Navigate, useLocation } from '../ui/routing/router';

export function signInPath(next: string, search: string, denied = false): string {
  const params = new URLSearchParams({ next });
  const lang = new URLSearchParams(search).get('lang');
  if (lang) params.set('lang', lang);
  if (denied) params.set('denied', '1');
  return `/signin?${params}`;
}

export function RequireRole({
  roles,
  refused,
  children,
}: {
  roles: readonly UserRole[];
  refused?: ReactNode;
  children: ReactNode;
}) {
  const session = useSession();
  const { pathname, search } = useLocation();
  if (session.kind === 'loading') return null;
  if (session.kind === 'unavailable') return children;
  const next = `${pathname}${search}`;
  if (session.kind === 'signed-out') return <Navigate replace to={signInPath(next, search)} />;
  if (!roles.includes(session.user.role)) return refused ?? <Navigate replace to={signInPath(next, search, true)} />;
  return children;
}
