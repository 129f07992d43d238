/** The progress screen rendered as the app mounts it (runtime, router, language), for its tests against msw. */
import { render } from '@testing-library/react';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext } from '../../live/runtime-context';
import { LangProvider } from '../../ui/i18n/lang-context';
import { MemoryRouter } from '../../ui/routing/router';
import ProgressPage from './ProgressPage';

/** ProgressPage at /progress`search`, on a runtime with only the parts the test gives. */
export function renderProgressPage(runtime: object, search: string, lang: 'zh' | 'en') {
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
