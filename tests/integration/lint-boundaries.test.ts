/**
 * The layer boundaries in biome.json, tried the way a contributor would break them: a probe file with one import is
 * written into the folder under test, `biome lint` runs on it, and the rule's own message must come back. The clean
 * probe of each case proves the failure is the import's, not the file's.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function lint(dir: string, source: string): { failed: boolean; output: string } {
  const file = join(ROOT, dir, `lint-probe-${process.pid}.ts`);
  writeFileSync(file, source);
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'lint', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { failed: r.status !== 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(file, { force: true });
  }
}

const cases: { name: string; dir: string; bad: string; message: string }[] = [
  {
    name: 'a screen importing another screen',
    dir: 'src/browser/screens/wall',
    bad: "import { dispatchMessages } from '../dispatch/dispatch-messages';",
    message: 'Screens never import each other',
  },
  {
    name: 'the admin screen importing another screen',
    dir: 'src/browser/screens/admin',
    bad: "import { dispatchMessages } from '../dispatch/dispatch-messages';",
    message: 'Screens never import each other',
  },
  {
    name: 'another screen importing the admin screen',
    dir: 'src/browser/screens/wall',
    bad: "import { adminMessages } from '../admin/admin-messages';",
    message: 'Screens never import each other',
  },
  {
    name: "an admin tab's folder importing another screen",
    dir: 'src/browser/screens/admin/thresholds',
    bad: "import { wallMessages } from '../../wall/wall-messages';",
    message: 'Screens never import each other',
  },
  {
    name: "an admin tab's folder importing the composition root",
    dir: 'src/browser/screens/admin/thresholds',
    bad: "import { App } from '../../../app/App';",
    message: 'Screens never import the composition root',
  },
  {
    name: 'a screen importing the composition root',
    dir: 'src/browser/screens/wall',
    bad: "import { App } from '../../app/App';",
    message: 'Screens never import the composition root',
  },
  {
    name: 'the core importing Node',
    dir: 'src/core/domain',
    bad: "import { readFileSync } from 'node:fs';",
    message: 'src/core is isomorphic',
  },
  {
    name: 'the core importing browser code',
    dir: 'src/core/domain',
    bad: "import { TelemetryStore } from '../../browser/live/telemetry-store';",
    message: 'src/core is the bottom layer',
  },
  {
    name: 'the UI kit reading the live layer',
    dir: 'src/browser/ui/components',
    bad: "import { useTelemetry } from '../../live/runtime-context';",
    message: 'The UI kit draws what it is given',
  },
  {
    name: 'the live layer importing a screen',
    dir: 'src/browser/live',
    bad: "import { wallMessages } from '../screens/wall/wall-messages';",
    message: 'never import screens',
  },
  {
    name: 'the browser importing a service',
    dir: 'src/browser/live',
    bad: "import { ports } from '../../services/common/ports';",
    message: 'The browser never imports services',
  },
  {
    name: 'a service importing browser code',
    dir: 'src/services/broker',
    bad: "import { TelemetryStore } from '../../browser/live/telemetry-store';",
    message: 'Services and simulators never import browser code',
  },
  {
    name: 'mqtt outside its owning module',
    dir: 'src/browser/screens/dispatch',
    bad: "import mqtt from 'mqtt';",
    message: 'one module owns the broker connection',
  },
  {
    name: 'echarts outside the registry',
    dir: 'src/browser/screens/progress',
    bad: "import { use } from 'echarts/core';",
    message: 'Only src/browser/ui/charts/echarts-*.ts import echarts',
  },
  {
    name: 'a message id cast into a dictionary key (src/tools/lint/no-message-id-cast.grit)',
    dir: 'src/browser/screens/wall',
    bad: "import type { WallMessageId } from './wall-messages';\nexport const label = (rule: string) => ('rule.' + rule) as WallMessageId;",
    message: 'A message id is never cast',
  },
];

describe('lint boundaries (biome.json)', () => {
  it.each(cases)('refuses $name, saying why', ({ dir, bad, message }) => {
    const clean = lint(dir, 'export const probe = 1;\n');
    expect(clean.failed, clean.output).toBe(false);
    const broken = lint(dir, `${bad}\nexport const probe = 1;\n`);
    expect(broken.failed).toBe(true);
    expect(broken.output).toContain(message);
  });
});
