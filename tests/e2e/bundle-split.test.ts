/**
 * The built bundle's layout (issue 13, "Bundle"): mqtt.js runs only in workers — no chunk a screen's route loads on
 * the main thread carries it, and the one other chunk allowed to is the benchmark's on-demand main-thread baseline
 * (`?ingest=main`, src/browser/live/main-thread-ingest.ts) — and every screen is its own lazily loaded chunk. Reads
 * dist/ and its Vite manifest, so it runs with the e2e tests, after `npx vite build` (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import {
  entryKey,
  hasMqtt,
  MQTT_MARKERS,
  mqttBrowserBuild,
  readManifest,
  routeFiles,
  screenKeys,
  workerFiles,
} from '../support/bundle-manifest';

const DIST = 'dist';
const BASELINE = 'src/browser/live/main-thread-ingest.ts';
const manifest = readManifest(DIST);

describe('bundle split', () => {
  it('the mqtt.js markers are mqtt.js’s, and they find it in the workers', () => {
    const mqttSource = mqttBrowserBuild();
    for (const m of MQTT_MARKERS) expect(mqttSource, m).toContain(m);
    const workers = workerFiles(DIST, manifest);
    // The ingest worker (dispatcher) and the relay worker (wall, overview) each hold the client.
    expect(workers.filter((f) => hasMqtt(DIST, f)).length).toBeGreaterThanOrEqual(2);
  });

  it('no screen’s main-thread chunks carry mqtt.js', () => {
    const screens = screenKeys(manifest);
    expect(screens).toContain('src/browser/screens/wall/WallPage.tsx');
    for (const screen of screens) {
      const withMqtt = routeFiles(manifest, screen).filter((f) => hasMqtt(DIST, f));
      expect(withMqtt, screen).toEqual([]);
    }
  });

  it('outside the workers, only the on-demand benchmark baseline carries mqtt.js', () => {
    const carriers = Object.entries(manifest)
      .filter(([, c]) => c.file.endsWith('.js') && hasMqtt(DIST, c.file))
      .map(([key]) => key);
    expect(carriers).toEqual([BASELINE]);
    expect(manifest[BASELINE]?.isDynamicEntry).toBe(true);
    expect(manifest[entryKey(manifest)]?.dynamicImports).toContain(BASELINE);
  });

  it('each screen is its own lazily loaded chunk', () => {
    const screens = screenKeys(manifest);
    for (const s of ['wall/WallPage', 'dispatch/DispatchPage', 'progress/ProgressPage', 'overview/OverviewPage'])
      expect(screens).toContain(`src/browser/screens/${s}.tsx`);
    const files = screens.map((s) => manifest[s]!.file);
    expect(new Set(files).size).toBe(files.length);
    for (const s of screens) expect(manifest[s]?.isDynamicEntry, s).toBe(true);
  });
});
