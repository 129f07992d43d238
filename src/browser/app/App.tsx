/**
 * Routes and providers. Each screen is a lazily loaded feature so the wall PC never downloads the dispatcher's table,
 * and each route names its role (RuntimeHost): the wall and the overview read the live core only and need no sign-in;
 * /dispatch (dispatchers, admins), /progress (managers, admins) and /admin (admins; anyone else signed in is told so
 * in place) send a visitor without a session to /signin first.
 */
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import type { AreaConfig } from '../../core/config/area-schema';
import { langFromSearch } from '../../core/lang';
import type { RuntimeRole } from '../live/runtime';
import type { UserRole } from '../live/session';
import { ErrorBoundary } from '../ui/components/ErrorBoundary';
import { LangProvider } from '../ui/i18n/lang-context';
import { BrowserRouter, Route, Routes, useLocation } from '../ui/routing/router';
import { AdminsOnly } from './AdminsOnly';
import { AppShell } from './AppShell';
import { RuntimeHost } from './runtime-host';
import { RequireRole } from './session-guard';

const loadWall = () => import('../screens/wall/WallPage');
const WallPage = lazy(loadWall);
const DispatchPage = lazy(() => import('../screens/dispatch/DispatchPage'));
const ProgressPage = lazy(() => import('../screens/progress/ProgressPage'));
const loadSignIn = () => import('../screens/signin/SignInPage');
const SignInPage = lazy(loadSignIn);
const AdminPage = lazy(() => import('../screens/admin/AdminPage'));
// The catch-all too: the wall PC never downloads the overview's chart code (tests/e2e/bundle-split.test.ts).
const loadOverview = () => import('../screens/overview/OverviewPage').then((m) => ({ default: m.OverviewPage }));
const OverviewPage = lazy(loadOverview);

/** Who may open the desk screens (the server checks each request on its own). */
const DISPATCH_ROLES = ['dispatcher', 'admin'] as const;
const PROGRESS_ROLES = ['manager', 'admin'] as const;
const ADMIN_ROLES = ['admin'] as const;

/** A screen's wrapping: the roles that may open it, the live runtime it reads, whether it sits in the desk shell. */
interface PageSpec {
  name: string;
  roles?: readonly UserRole[];
  access?: RuntimeRole;
  shell?: boolean;
  /** Shown in place to a signed-in user of another role (else they go to the sign-in page). */
  refused?: ReactNode;
}

/** A desk screen: signed in, the dispatcher's runtime, in the desk shell. */
const DESK = { access: 'dispatcher', shell: true } as const;

/** The routes, the catch-all last. The wall has its own full-screen chrome (header, kiosk mode): no desk shell. */
const ROUTES: (PageSpec & { path: string; screen: ComponentType })[] = [
  { path: '/wall', name: 'wall', screen: WallPage, access: 'public' },
  { path: '/signin', name: 'signin', screen: SignInPage },
  { path: '/dispatch', name: 'dispatch', screen: DispatchPage, roles: DISPATCH_ROLES, ...DESK },
  { path: '/progress', name: 'progress', screen: ProgressPage, roles: PROGRESS_ROLES, ...DESK },
  // The admin screen shows no live data: the public runtime (the live core) is enough for the shell's status.
  {
    path: '/admin',
    name: 'admin',
    screen: AdminPage,
    roles: ADMIN_ROLES,
    access: 'public',
    shell: true,
    refused: <AdminsOnly />,
  },
  { path: '*', name: 'overview', screen: OverviewPage, access: 'public', shell: true },
];

/**
 * Starts loading the chunk of the screen at `pathname` while main.tsx still waits for the area file and the font
 * preload, so the first render finds it loaded (React.lazy's own import then resolves from the module map) instead of
 * asking for it only then. Only the screens anyone may open: a desk screen's chunk waits for the sign-in check.
 */
export function preloadScreen(pathname: string): void {
  const path = pathname.replace(/\/+$/, '').toLowerCase() || '/';
  const named = ROUTES.some((r) => r.path === path);
  const load = path === '/wall' ? loadWall : path === '/signin' ? loadSignIn : named ? null : loadOverview;
  // A failure is the render's to report: its own import fails the same way, inside the screen's error boundary.
  void load?.().catch(() => {});
}

/**
 * One screen's wrapping, outermost first: the sign-in its roles need, the live runtime for its access, the desk shell,
 * and its own error boundary.
 */
function Page({
  area,
  name,
  roles,
  access,
  shell = false,
  refused,
  children,
}: PageSpec & { area: AreaConfig; children: ReactNode }) {
  let page = <ErrorBoundary name={name}>{children}</ErrorBoundary>;
  if (shell) page = <AppShell>{page}</AppShell>;
  if (access)
    page = (
      <RuntimeHost area={area} access={access}>
        {page}
      </RuntimeHost>
    );
  if (roles)
    page = (
      <RequireRole roles={roles} refused={refused}>
        {page}
      </RequireRole>
    );
  return page;
}

function Screens({ area }: { area: AreaConfig }) {
  const { search } = useLocation();
  const lang = langFromSearch(search);
  return (
    <LangProvider lang={lang}>
      <Suspense fallback={null}>
        <Routes>
          {ROUTES.map(({ path, screen: Screen, ...page }) => (
            <Route
              key={path}
              path={path}
              element={
                <Page area={area} {...page}>
                  <Screen />
                </Page>
              }
            />
          ))}
        </Routes>
      </Suspense>
    </LangProvider>
  );
}

export function App({ area }: { area: AreaConfig }) {
  return (
    <BrowserRouter>
      <Screens area={area} />
    </BrowserRouter>
  );
}
