/**
 * Entry: load and validate the area configuration, render; each route starts the live pipeline of its role
 * (runtime-host.tsx). A configuration error is shown
 * on the page with the file, field and problem, instead of a blank screen.
 * No zod on this thread, so no zod configuration either: the documents the page fetches are checked in workers, and
 * each of them sets zod's jitless mode for the CSP (src/browser/live/zod-jitless.ts).
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '../ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadAreaConfig } from '../live/load-config';
import { App, preloadScreen } from './App';
import { preloadChartFonts, screenWords } from './font-preload';
import { currentRuntime } from './runtime-host';
import { startScreenHealthReporter } from './screen-health-reporter';

const root = createRoot(document.getElementById('root')!);
// Before anything that can fail: a screen stuck on a configuration error reports too (no data, no connection). Not on
// the dev server, which has no web server to answer it.
if (!import.meta.env.DEV) startScreenHealthReporter({ runtime: currentRuntime });

async function start() {
  try {
    preloadScreen(location.pathname);
    const words = screenWords(location.pathname);
    const area = await loadAreaConfig();
    // Only the first paint waits (≤ 3 s) so chart labels are measured in the right font.
    await preloadChartFonts(area, await words);
    root.render(
      <StrictMode>
        <App area={area} />
      </StrictMode>,
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(message);
    root.render(
      <div role="alert" data-testid="config-error" style={{ padding: 40, fontSize: 18, maxWidth: 900 }}>
        <h1 style={{ fontSize: 24 }}>配置错误 · Configuration error</h1>
        <p style={{ whiteSpace: 'pre-wrap' }}>{message}</p>
      </div>,
    );
  }
}

void start();
