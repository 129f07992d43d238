/**
 * The built app's chunks as Vite's manifest (dist/.vite/manifest.json, `build.manifest` in vite.config.ts) lays them
 * out: which JavaScript each screen loads on the main thread (the entry's static imports, then the screen's lazy chunk
 * and its static imports), the workers (emitted beside the chunks, not in the manifest), and where mqtt.js is.
 * Read by tests/e2e/bundle-split.test.ts and `npm run bench:bundle`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export function readManifest(distDir: string): Manifest {
  const path = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npx vite build\` (build.manifest is on)`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The entry chunk's key (index.html). */
export function entryKey(manifest: Manifest): string {
  const keys = Object.keys(manifest).filter((k) => manifest[k]?.isEntry);
  if (keys.length !== 1) throw new Error(`expected one entry in the manifest, found ${keys.join(', ') || 'none'}`);
  return keys[0]!;
}

/**
 * The lazily loaded screens: the entry's dynamic imports of a screen's page (src/browser/screens/<name>/<Name>Page.tsx),
 * by source path — not the other things it loads on demand there (the font preload's per-screen dictionaries).
 */
export function screenKeys(manifest: Manifest): string[] {
  return (manifest[entryKey(manifest)]?.dynamicImports ?? []).filter((k) =>
    /^src\/browser\/screens\/[\w-]+\/[A-Z]\w*Page\.tsx$/.test(k),
  );
}

/** Keys of a chunk and everything it imports statically (what the browser fetches before running it). */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const k of manifest[key]?.imports ?? []) staticClosure(manifest, k, into);
  return into;
}

/** The JavaScript files (dist-relative) a screen's route runs on the main thread: the entry's, then the screen's. */
export function routeFiles(manifest: Manifest, screenKey: string): string[] {
  const keys = staticClosure(manifest, screenKey, staticClosure(manifest, entryKey(manifest)));
  return [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
}

/** Worker scripts: JavaScript under assets/ that no manifest chunk names (Vite emits `new Worker(new URL…)` so). */
export function workerFiles(distDir: string, manifest: Manifest): string[] {
  const chunks = new Set(Object.values(manifest).map((c) => c.file));
  return readdirSync(join(distDir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !chunks.has(f));
}

/** Gzipped size at level 9 (as a server would send it; Vite prints the same figure). */
export function gzipBytes(distDir: string, file: string): number {
  return gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
}

/** Issue 13's target for the wall's route: gzipped JavaScript on the main thread, KB (1 KB = 1,024 bytes). */
export const WALL_ROUTE_TARGET_KB = 300;
/**
 * What the wall's route may not grow past: the target itself since zod left the main thread (288.9 KB on 2026-12-04,
 * `npx tsx tests/bench/bundle-sources.ts`; 326.4 KB before).
 */
export const WALL_ROUTE_CEILING_KB = WALL_ROUTE_TARGET_KB;

/** Gzipped bytes of the JavaScript a screen's route runs on the main thread (routeFiles), file by file. */
export function routeGzipBytes(distDir: string, manifest: Manifest, screenKey: string): Map<string, number> {
  return new Map(routeFiles(manifest, screenKey).map((f) => [f, gzipBytes(distDir, f)]));
}

/**
 * Strings of mqtt.js's own code that survive minification (error messages of its client and packet parser). Each is
 * checked against the installed mqtt.js browser build, so a marker that stops being mqtt.js's fails loudly.
 */
export const MQTT_MARKERS = ['Invalid protocolId', 'Keepalive timeout', 'mqtt-packet'];

export function mqttBrowserBuild(): string {
  return readFileSync(join('node_modules', 'mqtt', 'dist', 'mqtt.esm.js'), 'utf8');
}

export function hasMqtt(distDir: string, file: string): boolean {
  const text = readFileSync(join(distDir, file), 'utf8');
  return MQTT_MARKERS.some((m) => text.includes(m));
}

/** A string of zod's own code that survives minification (its error class's name), checked against zod's source. */
export const ZOD_MARKER = '$ZodError';

export function zodSource(): string {
  return readFileSync(join('node_modules', 'zod', 'v4', 'core', 'errors.js'), 'utf8');
}

export function hasZod(distDir: string, file: string): boolean {
  return readFileSync(join(distDir, file), 'utf8').includes(ZOD_MARKER);
}
