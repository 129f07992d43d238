/**
 * The progress screen rendered as the app mounts it (runtime, router, language), against a mocked history service
 * (msw), for its tests.
 */
import { cleanup, render } from '@testing-library/react';
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { AreaConfig } from '../../../core/config/area-schema';
import type { AreaLossesStore } from '../../live/area-losses-store';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext } from '../../live/runtime-context';
import { LangProvider } from '../../ui/i18n/lang-context';
import { MemoryRouter } from '../../ui/routing/router';
import ProgressPage from './ProgressPage';

/**
 * The history service of one test file: msw answering `handlers` from the first test on (a request none answers fails
 * the test); after each test the page is unmounted and what the test added with `server.use` is dropped.
 */
export function mockHistoryService(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    cleanup();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return server;
}

/** What a test gives of the runtime: the area, the clock's "now" and, where the page should show them, the losses. */
interface PageRuntime {
  area: AreaConfig;
  nowMs: number;
  areaLosses?: AreaLossesStore;
}

/** ProgressPage at /progress`search`, the history service at /api (mockHistoryService), the clock stopped at nowMs. */
export function renderProgressPage({ nowMs, ...parts }: PageRuntime, search: string, lang: 'zh' | 'en') {
  const runtime = { ...parts, runtime: { historyBaseUrl: '/api' }, clock: { now: () => nowMs } };
  return render(
    <RuntimeContext.Provider value={runtime as AppRuntime}>
      <MemoryRouter initialEntries={[`/progress${search}`]}>
        <LangProvider lang={lang}>
          <ProgressPage />
        </LangProvider>
      </MemoryRouter>
    </RuntimeContext.Provider>,
  );
}
