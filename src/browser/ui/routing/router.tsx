/**
 * The app's router: wouter (≈ 2 KB gzipped, hooks on the History API) behind the few names the screens use —
 * BrowserRouter, MemoryRouter for tests, Routes/Route on flat paths, Link, NavLink, Navigate, useLocation,
 * useNavigate, useSearchParams — so the screens do not depend on a router's API and this module is the only one that
 * imports it. Why not react-router: its one module is ≈ 12 KB gzipped on every route, the wall's included (issue 13:
 * the wall's route ≤ 300 KB), for six flat paths and a catch-all — no nested routes, no params, no data loading.
 *
 * Behaviour the screens rely on: paths match whole, case-insensitively, a trailing slash ignored (wouter's
 * regexparam patterns), a `*` route only when no other matches; in-page navigations are transitions, so the screen
 * on show stays until a lazy screen's chunk has loaded instead of the Suspense fallback; NavLink marks the current
 * page with aria-current="page" and the class `active`, `end` limiting it to the exact path; a link clicked with a
 * modifier key or to another target is left to the browser (wouter's Link).
 */
import {
  type AnchorHTMLAttributes,
  Children,
  isValidElement,
  type ReactElement,
  type ReactNode,
  startTransition,
  useMemo,
} from 'react';
import {
  type AroundNavHandler,
  Redirect,
  Router,
  Switch,
  useLocation as useWouterLocation,
  useSearch as useWouterSearch,
  useSearchParams as useWouterSearchParams,
  Link as WouterLink,
  Route as WouterRoute,
} from 'wouter';
import { memoryLocation } from 'wouter/memory-location';

export interface Location {
  pathname: string;
  /** The query with its leading "?", or "" (as window.location.search). */
  search: string;
}
export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}
export type NavigateFunction = (to: string, options?: NavigateOptions) => void;

/** Every in-page navigation is a transition (see the module comment). */
const inTransition: AroundNavHandler = (navigate, to, options) => startTransition(() => navigate(to, options));

export function BrowserRouter({ children }: { children: ReactNode }) {
  return <Router aroundNav={inTransition}>{children}</Router>;
}

/** An in-memory location (tests): the last of `initialEntries` is where the app starts. */
export function MemoryRouter({ initialEntries = ['/'], children }: { initialEntries?: string[]; children: ReactNode }) {
  const location = useMemo(() => memoryLocation({ path: initialEntries.at(-1) ?? '/' }), [initialEntries]);
  return (
    <Router hook={location.hook} searchHook={location.searchHook} aroundNav={inTransition}>
      {children}
    </Router>
  );
}

export function useLocation(): Location {
  const [pathname] = useWouterLocation();
  const query = useWouterSearch();
  return { pathname, search: query ? `?${query}` : '' };
}

export function useNavigate(): NavigateFunction {
  return useWouterLocation()[1];
}

/** The query as URLSearchParams, and a setter that navigates to the same path with the new query (pushed). */
export function useSearchParams(): [
  URLSearchParams,
  (next: URLSearchParams | string | Record<string, string>, options?: NavigateOptions) => void,
] {
  return useWouterSearchParams();
}

/** Only carries its props: <Routes> reads them. */
export function Route(_props: { path: string; element: ReactNode }): null {
  return null;
}

/** The element of the route whose path is the location's (a `*` route when none is). */
export function Routes({ children }: { children: ReactNode }) {
  const routes = Children.toArray(children).filter((c): c is ReactElement<{ path: string; element: ReactNode }> =>
    isValidElement(c),
  );
  const fallback = routes.find((r) => r.props.path === '*');
  return (
    <Switch>
      {routes
        .filter((r) => r !== fallback)
        .map((r) => (
          <WouterRoute key={r.props.path} path={r.props.path}>
            {r.props.element}
          </WouterRoute>
        ))}
      {fallback ? <WouterRoute>{fallback.props.element}</WouterRoute> : null}
    </Switch>
  );
}

/** Navigates once rendered. */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  return <Redirect to={to} replace={replace} state={state} />;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'className'> & {
  to: string;
  className?: string;
} & NavigateOptions;

export function Link({ to, ...rest }: LinkProps) {
  return <WouterLink to={to} {...rest} />;
}

const normalise = (path: string) => (path.replace(/\/+$/, '') || '/').toLowerCase();

/** A link that says when it is the current page; `end`: only on exactly its path, not on the paths below it. */
export function NavLink({ to, end, className, ...rest }: LinkProps & { end?: boolean }) {
  const here = normalise(useLocation().pathname);
  const target = normalise(to.split(/[?#]/)[0] ?? '/');
  // "/" is only ever active on "/" (no path is below it in this sense).
  const active = here === target || (!end && target !== '/' && here.startsWith(`${target}/`));
  return (
    <WouterLink
      to={to}
      {...rest}
      aria-current={active ? 'page' : undefined}
      className={[className, active ? 'active' : ''].filter(Boolean).join(' ') || undefined}
    />
  );
}
