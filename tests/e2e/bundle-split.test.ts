/**
 * The built bundle's layout (issue 13, "Bundle"): mqtt.js runs only in workers — no chunk a screen's route loads on
 * the main thread carries it, and the one other chunk allowed to is the benchmark's on-demand main-thread baseline
 * (`?ingest=main`, src/browser/live/main-thread-ingest.ts) — the public screens run no zod on the main thread (their
 * workers check every document), every screen is its own lazily loaded chunk, and the wall's route stays within its
 * byte budget (gzipped with node:zlib from dist/, so the figure is the same on every run).
 * Reads dist/ and its Vite manifest, so it runs with the e2e tests, after `npx vite build` (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import {
  entryKey,
  hasMqtt,
  hasZod,
  MQTT_MARKERS,
  mqttBrowserBuild,
  readManifest,
  routeFiles,
  routeGzipBytes,
  screenKeys,
  WALL_ROUTE_CEILING_KB,
  WALL_ROUTE_TARGET_KB,
  workerFiles,
  ZOD_MARKER,
  zodSource,
} from '../support/bundle-manifest';

const DIST = 'dist';
const BASELINE = 'src/browser/live/main-thread-ingest.ts';
const WALL = 'src/browser/screens/wall/WallPage.tsx';
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
    // Loaded on demand by the dispatcher's pipeline, itself loaded on demand by the entry: never on a public route.
    const DISPATCHER_RUNTIME = 'src/browser/live/dispatcher-runtime.ts';
    expect(manifest[DISPATCHER_RUNTIME]?.dynamicImports).toContain(BASELINE);
    expect(manifest[entryKey(manifest)]?.dynamicImports).toContain(DISPATCHER_RUNTIME);
    expect(routeFiles(manifest, 'src/browser/screens/wall/WallPage.tsx')).not.toContain(
      manifest[DISPATCHER_RUNTIME]?.file,
    );
  });

  it('the public screens run no zod on the main thread: their workers check every document', () => {
    expect(zodSource()).toContain(ZOD_MARKER);
    // The relay worker (live documents) and the document-check worker (history answers, configuration) hold it.
    expect(workerFiles(DIST, manifest).filter((f) => hasZod(DIST, f)).length).toBeGreaterThanOrEqual(2);
    for (const screen of [WALL, 'src/browser/screens/overview/OverviewPage.tsx']) {
      const withZod = routeFiles(manifest, screen).filter((f) => hasZod(DIST, f));
      expect(withZod, screen).toEqual([]);
    }
  });

  it('each screen is its own lazily loaded chunk', () => {
    const screens = screenKeys(manifest);
    for (const s of ['wall/WallPage', 'dispatch/DispatchPage', 'progress/ProgressPage', 'overview/OverviewPage'])
      expect(screens).toContain(`src/browser/screens/${s}.tsx`);
    const files = screens.map((s) => manifest[s]!.file);
    expect(new Set(files).size).toBe(files.length);
    for (const s of screens) expect(manifest[s]?.isDynamicEntry, s).toBe(true);
  });

  it('the wall’s route runs no more gzipped JavaScript on the main thread than its ceiling (target 300 KB)', () => {
    const perFile = routeGzipBytes(DIST, manifest, WALL);
    // The route is the entry, the wall's chunk and what they import: not a one-chunk miscount.
    expect(perFile.size).toBeGreaterThanOrEqual(3);
    expect([...perFile.keys()]).toContain(manifest[WALL]!.file);
    const totalKb = [...perFile.values()].reduce((s, n) => s + n, 0) / 1024;
    const biggest = [...perFile]
      .sort((a, b) => b[1] - a[1])
      .map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`)
      .join(', ');
    console.log(`wall route: ${totalKb.toFixed(1)} KB gzipped on the main thread (${biggest})`);
    expect(WALL_ROUTE_CEILING_KB).toBeGreaterThanOrEqual(WALL_ROUTE_TARGET_KB);
    expect(totalKb, `the wall's route grew past its ceiling: ${biggest}`).toBeLessThanOrEqual(WALL_ROUTE_CEILING_KB);
  });
});
