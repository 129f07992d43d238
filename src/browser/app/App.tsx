/** Routes and providers. Each screen is a lazily loaded feature so the wall PC never downloads the dispatcher's table. */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { langFromSearch } from '../../core/lang';
import type { AppRuntime } from '../live/runtime';
import { RuntimeContext } from '../live/runtime-context';
import { OverviewPage } from '../screens/overview/OverviewPage';
import { ErrorBoundary } from '../ui/components/ErrorBoundary';
import { LangProvider } from '../ui/i18n/lang-context';
import { AppShell } from './AppShell';

const WallPage = lazy(() => import('../screens/wall/WallPage'));
const DispatchPage = lazy(() => import('../screens/dispatch/DispatchPage'));
const ProgressPage = lazy(() => import('../screens/progress/ProgressPage'));

function Screens() {
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
              <ErrorBoundary name="wall">
                <WallPage />
              </ErrorBoundary>
            }
          />
          <Route
            path="/dispatch"
            element={
              <AppShell>
                <ErrorBoundary name="dispatch">
                  <DispatchPage />
                </ErrorBoundary>
              </AppShell>
            }
          />
          <Route
            path="/progress"
            element={
              <AppShell>
                <ErrorBoundary name="progress">
                  <ProgressPage />
                </ErrorBoundary>
              </AppShell>
            }
          />
          <Route
            path="*"
            element={
              <AppShell>
                <ErrorBoundary name="overview">
                  <OverviewPage />
                </ErrorBoundary>
              </AppShell>
            }
          />
        </Routes>
      </Suspense>
    </LangProvider>
  );
}

export function App({ runtime }: { runtime: AppRuntime }) {
  return (
    <RuntimeContext.Provider value={runtime}>
      <BrowserRouter>
        <Screens />
      </BrowserRouter>
    </RuntimeContext.Provider>
  );
}
