#!/usr/bin/env node
/**
 * `npm test`: every test project (unit, integration, e2e) in one vitest run, ending with exactly one line
 * "N passed, N failed" (", N skipped" when any). Plain Node (no tsx) so it runs before anything is built.
 *
 * 1. Checks prerequisites and prints how to install what is missing. Nothing is skipped for a missing program: the
 *    tests that need it fail with the same message (see tests/support/chromium.ts, mosquitto-fixture.ts).
 * 2. Builds the app when e2e tests will run, so they never test a stale dist/ (SKIP_BUILD=1 to reuse it).
 * 3. Runs vitest with the default reporter on the console and a JSON report in test-results/vitest-results.json.
 * 4. With no arguments (the whole suite), runs the static checks too: Biome lint + format and tsc, one test each.
 *
 * Extra arguments go to vitest: `npm test -- --project unit`, `npm test -- tests/integration/launch-config.test.ts`.
 * Exit code: non-zero if anything failed, the build failed, or no test ran at all.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = join(ROOT, 'test-results', 'vitest-results.json');
const vitestArgs = process.argv.slice(2);

const say = (line = '') => process.stdout.write(`${line}\n`);

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** In PATH, or in the sbin directories Debian uses for daemons (not in a non-root user's PATH). */
function findProgram(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) if (dir && executable(join(dir, name))) return join(dir, name);
  return null;
}

/** Debian's newest /usr/lib/postgresql/<major>/bin/initdb (what tests/support/postgres-fixture.ts runs), or null. */
function postgresInitdb() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && executable(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin', 'initdb') : null;
}

const MOSQUITTO_HINT = 'install it with `apt-get install -y mosquitto mosquitto-clients`';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const prerequisites = [
  {
    name: 'chromium',
    found: executable(chromium) ? chromium : null,
    missing: `Chromium not found at ${chromium}: install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    usedBy: 'e2e tests',
  },
  ...['mosquitto', 'mosquitto_passwd', 'mosquitto_sub'].map((name) => ({
    name,
    found: findProgram(name),
    missing: `${name} not found: ${MOSQUITTO_HINT}`,
    usedBy: 'Mosquitto interop tests',
  })),
  {
    name: 'initdb',
    found: postgresInitdb(),
    missing: 'PostgreSQL not found under /usr/lib/postgresql: install it with `apt-get install -y postgresql`',
    usedBy: 'PostgreSQL history tests',
  },
  {
    name: 'nats-server',
    found: findProgram('nats-server'),
    missing: 'nats-server not found: install it with `apt-get install -y nats-server`',
    usedBy: 'NATS cluster tests',
  },
  {
    name: 'pdftotext',
    found: findProgram('pdftotext'),
    missing: 'pdftotext not found: install it with `apt-get install -y poppler-utils`',
    usedBy: 'printed-report e2e tests',
  },
];

say('Prerequisites');
for (const p of prerequisites) say(`  ${p.found ? 'ok     ' : 'MISSING'} ${p.name.padEnd(17)} ${p.found ?? p.missing}`);
const missing = prerequisites.filter((p) => !p.found);
if (missing.length)
  say(`  -> the ${[...new Set(missing.map((p) => p.usedBy))].join(' and ')} will FAIL until installed`);
say();

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.test\.tsx?$/.test(f));
}

/** True unless the arguments restrict the run to other projects or to files outside tests/e2e. */
function runsE2e() {
  const projects = [];
  const files = [];
  for (let i = 0; i < vitestArgs.length; i++) {
    const a = vitestArgs[i];
    if (a === '--project') projects.push(vitestArgs[++i] ?? '');
    else if (a.startsWith('--project=')) projects.push(a.slice('--project='.length));
    else if (!a.startsWith('-')) files.push(a);
  }
  if (projects.length && !projects.includes('e2e')) return false;
  if (files.length && !files.some((f) => f.includes('e2e'))) return false;
  return true;
}

let buildFailed = false;
const e2eTests = listTests(join(ROOT, 'tests', 'e2e'));
if (e2eTests.length && runsE2e()) {
  if (process.env.SKIP_BUILD === '1' && existsSync(join(ROOT, 'dist', 'index.html'))) {
    say('SKIP_BUILD=1: e2e tests use the existing dist/');
  } else {
    say(`Building the app for ${e2eTests.length} e2e test file(s): npx vite build`);
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    buildFailed = build.status !== 0;
    if (buildFailed) say(`vite build failed (exit ${build.status ?? build.signal}): e2e tests will run against no app`);
  }
  say();
} else if (!e2eTests.length) {
  say('No e2e tests yet (tests/e2e/**/*.test.ts): not building the app');
  say();
}

rmSync(REPORT, { force: true });
mkdirSync(dirname(REPORT), { recursive: true });
const vitest = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${REPORT}`,
    ...vitestArgs,
  ],
  { cwd: ROOT, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load (syntax error, throwing import, failing beforeAll) may report no failed test: count it.
  for (const file of report.testResults ?? []) {
    const hasFailedTest = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !hasFailedTest) {
      failed++;
      problems.push(`${relative(ROOT, file.name)}: ${String(file.message || 'failed to run').split('\n')[0]}`);
    }
  }
} else {
  say(`vitest wrote no report (${relative(ROOT, REPORT)})`);
}
// Unhandled errors fail the run without failing a test; don't let them pass silently.
if (vitest.status !== 0 && failed === 0) {
  failed++;
  problems.push(`vitest exited with ${vitest.status ?? vitest.signal} (unhandled errors? see above)`);
}
if (buildFailed) {
  failed++;
  problems.push('vite build failed');
}

// The whole suite (no arguments) also runs the static checks CI must hold: Biome (lint + format) and tsc. Each counts
// as one test, so a lint or type error turns the run red like any failing test.
if (vitestArgs.length === 0) {
  const checks = [
    ['lint (biome check .)', [join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'check', '.']],
    ['typecheck (tsc --noEmit)', [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']],
  ];
  for (const [name, args] of checks) {
    say(`Static check: ${name}`);
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status === 0) passed++;
    else {
      failed++;
      problems.push(`${name} failed (exit ${r.status ?? r.signal})`);
    }
  }
}

say();
for (const p of problems) say(`counted as failed: ${p}`);
for (const p of missing) say(`missing prerequisite: ${p.missing}`);
if (passed + failed === 0) say('no test ran: check the arguments and the vitest output above');
say(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
