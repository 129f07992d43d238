/**
 * The app's router: the few pieces of react-router's API the screens use (BrowserRouter, MemoryRouter for tests,
 * Routes/Route on flat paths, Link, NavLink, Navigate, useLocation, useNavigate, useSearchParams), with the same
 * names and behaviour for those uses. Why not react-router itself: its one module is ≈ 12 KB gzipped on every route,
 * the wall's included (issue 13: the wall's route ≤ 300 KB), for six flat paths and a catch-all — no nested routes,
 * no params, no data loading.
 *
 * Behaviour kept from react-router: paths match whole, case-insensitively, a trailing slash ignored, a `*` route only
 * when no other matches; navigations are transitions (the screen on show stays until a lazy screen's chunk has
 * loaded, instead of the Suspense fallback); NavLink marks the current page with aria-current="page" and the class
 * `active`, `end` limiting it to the exact path; `state` rides in history.state as `usr`; a link clicked with a
 * modifier key or to another target is left to the browser.
 */
import {
  type AnchorHTMLAttributes,
  Children,
  createContext,
  isValidElement,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}
export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}
export type NavigateFunction = (to: string | number, options?: NavigateOptions) => void;

interface RouterValue {
  location: Location;
  navigate: NavigateFunction;
}
const RouterContext = createContext<RouterValue | null>(null);

function useRouter(): RouterValue {
  const router = useContext(RouterContext);
  if (!router) throw new Error('a router hook or link is used outside <BrowserRouter> or <MemoryRouter>');
  return router;
}

let keySeq = 0;
const nextKey = () => `k${(++keySeq).toString(36)}`;

/** "/a/b?x=1#h" → its parts, against the current path for a bare "?x=1". */
function parseTo(to: string, from: Pick<Location, 'pathname'>): Pick<Location, 'pathname' | 'search' | 'hash'> {
  const url = new URL(to, `http://router.invalid${from.pathname}`);
  return { pathname: url.pathname, search: url.search, hash: url.hash };
}

function windowLocation(): Location {
  const s = window.history.state as { usr?: unknown; key?: string } | null;
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash, state: s?.usr ?? null, key: s?.key ?? 'default' };
}

export function BrowserRouter({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(windowLocation);
  useEffect(() => {
    const onPop = () => startTransition(() => setLocation(windowLocation()));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback<NavigateFunction>((to, options = {}) => {
    if (typeof to === 'number') {
      window.history.go(to);
      return;
    }
    const { pathname, search, hash } = parseTo(to, window.location);
    const entry = { usr: options.state ?? null, key: nextKey() };
    if (options.replace) window.history.replaceState(entry, '', `${pathname}${search}${hash}`);
    else window.history.pushState(entry, '', `${pathname}${search}${hash}`);
    startTransition(() => setLocation(windowLocation()));
  }, []);
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** An in-memory history (tests): `initialEntries` as in react-router, the last one current. */
export function MemoryRouter({ initialEntries = ['/'], children }: { initialEntries?: string[]; children: ReactNode }) {
  const [history, setHistory] = useState<{ entries: Location[]; index: number }>(() => ({
    entries: initialEntries.map((e) => ({ ...parseTo(e, { pathname: '/' }), state: null, key: nextKey() })),
    index: initialEntries.length - 1,
  }));
  const navigate = useCallback<NavigateFunction>((to, options = {}) => {
    startTransition(() =>
      setHistory((h) => {
        if (typeof to === 'number') {
          const index = Math.min(Math.max(h.index + to, 0), h.entries.length - 1);
          return { ...h, index };
        }
        const entry = { ...parseTo(to, h.entries[h.index]!), state: options.state ?? null, key: nextKey() };
        const kept = h.entries.slice(0, options.replace ? h.index : h.index + 1);
        return { entries: [...kept, entry], index: kept.length };
      }),
    );
  }, []);
  const location = history.entries[history.index]!;
  const value = useMemo(() => ({ location, navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export const useLocation = (): Location => useRouter().location;
export const useNavigate = (): NavigateFunction => useRouter().navigate;

/** The query as URLSearchParams, and a setter that navigates to the same path with the new query (pushed). */
export function useSearchParams(): [
  URLSearchParams,
  (next: URLSearchParams | string | Record<string, string>, options?: NavigateOptions) => void,
] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const set = useCallback(
    (next: URLSearchParams | string | Record<string, string>, options?: NavigateOptions) => {
      const query = new URLSearchParams(next).toString();
      navigate(`${location.pathname}${query ? `?${query}` : ''}`, options);
    },
    [navigate, location.pathname],
  );
  return [params, set];
}

/** Only carries its props: <Routes> reads them. */
export function Route(_props: { path: string; element: ReactNode }): null {
  return null;
}

const normalise = (path: string) => (path.replace(/\/+$/, '') || '/').toLowerCase();

/** The element of the route whose path is the location's (a `*` route when none is). */
export function Routes({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const routes = Children.toArray(children).filter((c): c is ReactElement<{ path: string; element: ReactNode }> =>
    isValidElement(c),
  );
  const here = normalise(pathname);
  const match =
    routes.find((r) => r.props.path !== '*' && normalise(r.props.path) === here) ??
    routes.find((r) => r.props.path === '*');
  return match ? match.props.element : null;
}

/** Navigates once rendered (as react-router's, from an effect). */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace, state }), [navigate, to, replace, state]);
  return null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string } & NavigateOptions;

/** A plain left click navigates in the page; a modified click, another target or a prevented click is the browser's. */
function useLinkClick(to: string, { replace, state }: NavigateOptions, props: LinkProps) {
  const navigate = useNavigate();
  return (e: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return;
    if (props.target && props.target !== '_self') return;
    e.preventDefault();
    navigate(to, { replace, state });
  };
}

export function Link({ to, replace, state, ...rest }: LinkProps) {
  const onClick = useLinkClick(to, { replace, state }, { to, ...rest });
  return <a {...rest} href={to} onClick={onClick} />;
}

/** A link that says when it is the current page; `end`: only on exactly its path, not on the paths below it. */
export function NavLink({ to, end, replace, state, className, ...rest }: LinkProps & { end?: boolean }) {
  const { pathname } = useLocation();
  const here = normalise(pathname);
  const target = normalise(parseTo(to, { pathname }).pathname);
  // As react-router's: "/" is only ever active on "/" (no path is below it in this sense).
  const active = here === target || (!end && target !== '/' && here.startsWith(`${target}/`));
  const onClick = useLinkClick(to, { replace, state }, { to, ...rest });
  return (
    <a
      {...rest}
      href={to}
      onClick={onClick}
      aria-current={active ? 'page' : undefined}
      className={[className, active ? 'active' : ''].filter(Boolean).join(' ') || undefined}
    />
  );
}
