/** Routes and providers. Each screen is a lazily loaded feature so the wall PC never downloads the dispatcher's table. */
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { OverviewPage } from '../features/overview/OverviewPage';
import { langFromSearch } from '../lib/i18n/lang';
import { LangProvider } from '../lib/i18n/lang-context';
import { AppShell } from './AppShell';
import type { AppRuntime } from './runtime';
import { RuntimeContext } from './runtime-context';

const WallPage = lazy(() => import('../features/wall/WallPage'));
const DispatchPage = lazy(() => import('../features/dispatch/DispatchPage'));
const ProgressPage = lazy(() => import('../features/progress/ProgressPage'));

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
