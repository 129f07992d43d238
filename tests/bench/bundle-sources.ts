/**
 * `npx tsx tests/bench/bundle-sources.ts [route-key …]`: where a route's main-thread JavaScript comes from. Builds the
 * app with source maps into a temporary directory (dist/ is left as it is: the e2e tests read it), walks the manifest
 * for the route's chunks (tests/support/bundle-manifest.ts, as `npm run bench:bundle` does) and attributes each
 * minified byte to the source its mapping names, grouped by npm package (node_modules/<pkg>) or by our own folder.
 * A group's gzipped share is its bytes' share of its chunk's level-9 gzip size: an estimate (gzip does not split by
 * source), but it adds up to the route's real total.
 *
 *   npx tsx tests/bench/bundle-sources.ts                       # the wall
 *   npx tsx tests/bench/bundle-sources.ts src/browser/screens/overview/OverviewPage.tsx
 *   BUNDLE_DIST=/tmp/x/dist npx tsx tests/bench/bundle-sources.ts   # an existing --sourcemap build
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipBytes, readManifest, routeFiles } from '../support/bundle-manifest';

const TOP = Number(process.env.BUNDLE_TOP ?? 25);
/** BUNDLE_BY=file: our own code by file, not by folder; BUNDLE_BY=package: ECharts as one, our code as one. */
const BY_FILE = process.env.BUNDLE_BY === 'file';
const BY_PACKAGE = process.env.BUNDLE_BY === 'package';
const keys = process.argv.slice(2);
if (keys.length === 0) keys.push('src/browser/screens/wall/WallPage.tsx');

let dist = process.env.BUNDLE_DIST;
if (!dist) {
  dist = join(mkdtempSync(join(tmpdir(), 'bundle-sources-')), 'dist');
  const r = spawnSync(
    process.execPath,
    [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--sourcemap', '--outDir', dist, '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** One line's segments: [generated column, source index | -1], in order (only the two fields we need). */
function decodeLine(line: string, state: { source: number }): [number, number][] {
  const out: [number, number][] = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64.get(ch);
      if (digit === undefined) throw new Error(`bad VLQ character ${ch}`);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0]!;
    if (fields.length >= 4) {
      state.source += fields[1]!;
      out.push([column, state.source]);
    } else out.push([column, -1]);
  }
  return out;
}

/** Who a source path belongs to: an npm package, or our own folder two levels down. */
function groupOf(source: string | undefined, mapDir: string): string {
  if (!source) return '(unmapped: Vite/rolldown runtime, glue)';
  source = relative(process.cwd(), resolve(mapDir, source));
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0 && BY_FILE && process.env.BUNDLE_PKG && source.includes(`node_modules/${process.env.BUNDLE_PKG}/`))
    return source.slice(nm + 'node_modules/'.length);
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    // ECharts is most of a chart route: say which part.
    if (pkg === 'echarts' && rest[1] === 'lib' && !BY_PACKAGE)
      return `echarts/${rest.slice(2, ['chart', 'component'].includes(rest[2]!) ? 4 : 3).join('/')}`.replace(
        /\.js$/,
        '',
      );
    return pkg;
  }
  const parts = source.split('/');
  if (BY_FILE) return source;
  if (BY_PACKAGE) return 'our code (src/)';
  return parts.slice(0, Math.min(parts.length - 1, 4)).join('/') || source;
}

/** Minified bytes per group in one emitted chunk (its source map beside it). */
function attribute(file: string): Map<string, number> {
  const code = readFileSync(join(dist!, file), 'utf8');
  const mapPath = join(dist!, `${file}.map`);
  const mapDir = dirname(mapPath);
  const totals = new Map<string, number>();
  const add = (g: string, n: number) => totals.set(g, (totals.get(g) ?? 0) + n);
  if (!existsSync(mapPath)) {
    add('(no source map)', Buffer.byteLength(code));
    return totals;
  }
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[]; mappings: string };
  const codeLines = code.split('\n');
  const mapLines = map.mappings.split(';');
  const state = { source: 0 };
  codeLines.forEach((text, i) => {
    const segments = decodeLine(mapLines[i] ?? '', state);
    if (segments.length === 0 || segments[0]![0] > 0)
      add(groupOf(undefined, mapDir), Buffer.byteLength(text.slice(0, segments[0]?.[0] ?? text.length)));
    segments.forEach(([col, source], j) => {
      const end = segments[j + 1]?.[0] ?? text.length;
      add(groupOf(source >= 0 ? map.sources[source] : undefined, mapDir), Buffer.byteLength(text.slice(col, end)));
    });
    add(groupOf(undefined, mapDir), 1); // the newline
  });
  return totals;
}

const manifest = readManifest(dist);
for (const key of keys) {
  if (!manifest[key]) throw new Error(`${key} is not in the manifest`);
  const files = routeFiles(manifest, key);
  const groups = new Map<string, { raw: number; gz: number; chunks: Set<string> }>();
  let rawTotal = 0;
  let gzTotal = 0;
  for (const f of files) {
    const perGroup = attribute(f);
    const raw = [...perGroup.values()].reduce((s, n) => s + n, 0);
    const gz = gzipBytes(dist, f);
    rawTotal += raw;
    gzTotal += gz;
    for (const [g, n] of perGroup) {
      const row = groups.get(g) ?? { raw: 0, gz: 0, chunks: new Set<string>() };
      row.raw += n;
      row.gz += (gz * n) / raw;
      row.chunks.add(f.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, ''));
      groups.set(g, row);
    }
  }
  console.log(
    `\n${key}: ${files.length} chunks, ${(rawTotal / 1024).toFixed(1)} KB minified, ${(gzTotal / 1024).toFixed(1)} KB gzipped (level 9)`,
  );
  console.log(`${'source'.padEnd(52)} ${'min KB'.padStart(8)} ${'≈gz KB'.padStart(8)}  chunks`);
  const rows = [...groups].sort((a, b) => b[1].gz - a[1].gz);
  for (const [g, r] of rows.slice(0, TOP))
    console.log(
      `${g.padEnd(52)} ${(r.raw / 1024).toFixed(1).padStart(8)} ${(r.gz / 1024).toFixed(1).padStart(8)}  ${[...r.chunks].join(', ')}`,
    );
  const rest = rows.slice(TOP);
  if (rest.length)
    console.log(
      `${`(${rest.length} more)`.padEnd(52)} ${(rest.reduce((s, [, r]) => s + r.raw, 0) / 1024).toFixed(1).padStart(8)} ${(rest.reduce((s, [, r]) => s + r.gz, 0) / 1024).toFixed(1).padStart(8)}`,
    );
}
