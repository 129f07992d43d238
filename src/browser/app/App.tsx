/**
 * Routes and providers. Each screen is a lazily loaded feature so the wall PC never downloads the dispatcher's table,
 * and each route names its role (RuntimeHost): the wall and the overview read the live core only.
 */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import type { AreaConfig } from '../../core/config/area-schema';
import { langFromSearch } from '../../core/lang';
import { OverviewPage } from '../screens/overview/OverviewPage';
import { ErrorBoundary } from '../ui/components/ErrorBoundary';
import { LangProvider } from '../ui/i18n/lang-context';
import { AppShell } from './AppShell';
import { RuntimeHost } from './runtime-host';

const WallPage = lazy(() => import('../screens/wall/WallPage'));
const DispatchPage = lazy(() => import('../screens/dispatch/DispatchPage'));
const ProgressPage = lazy(() => import('../screens/progress/ProgressPage'));

function Screens({ area }: { area: AreaConfig }) {
  const { search } = useLocation();
  const lang = langFromSearch(search);
  return (
    <LangProvider lang={lang}>
      <Suspense fallback={null}>
        <Routes>
          {/* The wall has its own full-screen chrome (header, kiosk mode), so it is outside the desk shell. */}
          <Route
            path="/wall"
            element={
              <RuntimeHost area={area} access="public">
                <ErrorBoundary name="wall">
                  <WallPage />
                </ErrorBoundary>
              </RuntimeHost>
            }
          />
          <Route
            path="/dispatch"
            element={
              <RuntimeHost area={area} access="dispatcher">
                <AppShell>
                  <ErrorBoundary name="dispatch">
                    <DispatchPage />
                  </ErrorBoundary>
                </AppShell>
              </RuntimeHost>
            }
          />
          <Route
            path="/progress"
            element={
              <RuntimeHost area={area} access="dispatcher">
                <AppShell>
                  <ErrorBoundary name="progress">
                    <ProgressPage />
                  </ErrorBoundary>
                </AppShell>
              </RuntimeHost>
            }
          />
          <Route
            path="*"
            element={
              <RuntimeHost area={area} access="public">
                <AppShell>
                  <ErrorBoundary name="overview">
                    <OverviewPage />
                  </ErrorBoundary>
                </AppShell>
              </RuntimeHost>
            }
          />
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
