// @vitest-environment jsdom
/**
 * The thresholds tab against the real production web server (sign-in, CSRF, admin-only routes) in front of a real live
 * service (its HTTP handler and thresholds store; no broker is needed for the API). The page's relative URLs go to the
 * web server with the signed-in cookie, as the browser would send them: the form refuses an inverted pair before
 * sending, a change becomes version 1 and is listed with who and why, the server's refusal is shown with its field, a
 * revert is a new version, and a dispatcher is told no.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readAreaConfig } from '../../../../../tests/support/area-config';
import { startTestWebServer, type TestWebServer } from '../../../../../tests/support/web-server-fixture';
import { createLiveHttpHandler } from '../../../../services/live/live-http';
import { type RunningLiveService, startLiveService } from '../../../../services/live/live-service';
import { loadSession } from '../../../live/session';
import { ThresholdsTab } from './ThresholdsTab';

const config = readAreaConfig();
const nodeFetch = globalThis.fetch;
let dir: string;
let live: RunningLiveService;
let liveHttp: Server;
let webServer: TestWebServer;
let web: string;
let cookie = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gaozhu-thresholds-tab-'));
  // No broker: the API works without one (the live core waits for it, retrying).
  live = await startLiveService({
    mqttUrl: 'mqtt://127.0.0.1:9',
    username: 'live',
    password: 'unused',
    config,
    thresholdsFile: join(dir, 'live-thresholds.json'),
  });
  liveHttp = createServer(createLiveHttpHandler(live));
  await new Promise<void>((r) => liveHttp.listen(0, '127.0.0.1', r));
  webServer = await startTestWebServer(
    [
      ['admin1', 'admin', 'admin pass'],
      ['dispatcher1', 'dispatcher', 'dispatcher pass'],
    ],
    { liveUrl: `http://127.0.0.1:${(liveHttp.address() as AddressInfo).port}` },
  );
  web = webServer.base;
  // The page's same-origin requests, with the session cookie the browser would hold.
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : (input as Request).url, web);
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    return nodeFetch(url, { ...init, headers });
  };
});

afterEach(() => cleanup());
afterAll(async () => {
  globalThis.fetch = nodeFetch;
  await webServer?.close();
  await new Promise((r) => liveHttp?.close(r));
  await live?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signInAs(name: string, password: string) {
  const res = await nodeFetch(`${web}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  expect(res.status).toBe(200);
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect((await loadSession(true)).kind).toBe('signed-in');
}

const input = (key: string) => screen.getByTestId(`thresholds-input-${key}`) as HTMLInputElement;
const message = () => screen.getByTestId('thresholds-message').textContent;

describe('ThresholdsTab', () => {
  it('changes, refuses, lists and reverts through the real servers', async () => {
    await signInAs('admin1', 'admin pass');
    render(<ThresholdsTab lang="en" />);
    await screen.findByText('Current version v0');
    expect(input('overloadLoadingPct').value).toBe(String(config.thresholds.overloadLoadingPct));

    // Checked here with the area schema: not sent.
    fireEvent.change(input('overloadLoadingPct'), { target: { value: String(config.thresholds.heavyLoadingPct) } });
    fireEvent.click(screen.getByTestId('thresholds-save'));
    expect((await screen.findByTestId('thresholds-problem-overloadLoadingPct')).textContent).toBe(
      'must be above heavyLoadingPct',
    );
    expect(live.thresholds.list().current.version).toBe(0);

    // The server's refusal, with its field (a note longer than the input allows, as a script could send).
    fireEvent.change(input('overloadLoadingPct'), { target: { value: '95' } });
    fireEvent.change(screen.getByTestId('thresholds-note'), { target: { value: 'x'.repeat(501) } });
    fireEvent.click(screen.getByTestId('thresholds-save'));
    await waitFor(() => expect(message()).toMatch(/^note: /));
    expect(live.thresholds.list().current.version).toBe(0);

    fireEvent.change(screen.getByTestId('thresholds-note'), { target: { value: 'summer peak' } });
    fireEvent.click(screen.getByTestId('thresholds-save'));
    await waitFor(() => expect(message()).toBe('Saved as v1 and applied.'));
    await screen.findByText('Current version v1');
    expect(live.thresholds.list().current).toMatchObject({ version: 1, by: 'admin1', note: 'summer peak' });
    expect(live.thresholds.list().current.thresholds.overloadLoadingPct).toBe(95);
    const row = screen.getByTestId('thresholds-version-1');
    expect(row.textContent).toContain('admin1');
    expect(row.textContent).toContain('summer peak');

    fireEvent.click(screen.getByTestId('thresholds-revert-0'));
    await waitFor(() => expect(message()).toBe('Reverted: v2 equals v0 and is applied.'));
    await screen.findByText('Current version v2');
    expect(live.thresholds.list().current.thresholds).toEqual(config.thresholds);
    expect(input('overloadLoadingPct').value).toBe(String(config.thresholds.overloadLoadingPct));
  });

  it('tells a dispatcher no', async () => {
    await signInAs('dispatcher1', 'dispatcher pass');
    render(<ThresholdsTab lang="zh" />);
    await waitFor(() => expect(message()).toBe('无权限（仅管理员可修改阈值）。'));
  });
});
