/**
 * The page a browser benchmark drives, in headless Debian Chromium, two ways (BENCH_DRIVER):
 * - 'plain' (default): over the DevTools protocol with nothing but Runtime (and Input for typing). Playwright enables the Network domain on every page and worker it attaches to, and with it
 * Chromium reports each WebSocket frame to the test process (Network.webSocketFrameReceived: the browser process
 * serialises it, the test process parses it) — a cost per MQTT packet that no user's browser pays, which at 10,000
 * frames a second took a third of a core in the browser process alone (tests/bench/README.md). Here the browser is
 * started with a debugging port, one page target is attached and only what a step needs is sent.
 * - 'playwright': the page as the e2e tests drive it, for comparison with figures measured before 2026-12-04.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, chromiumPath, launchChromium } from './chromium';

export type BenchDriver = 'plain' | 'playwright';
export const BENCH_DRIVER = (process.env.BENCH_DRIVER ?? 'plain') as BenchDriver;
if (BENCH_DRIVER !== 'plain' && BENCH_DRIVER !== 'playwright') throw new Error('BENCH_DRIVER is plain or playwright');
export const BENCH_DRIVER_LABEL =
  BENCH_DRIVER === 'plain' ? 'driven over DevTools with Runtime only' : 'driven by Playwright';

export interface BenchPage {
  /** Evaluates an expression in the page (a string: tsx would wrap named functions in a helper the page lacks). */
  evaluate<T>(expression: string): Promise<T>;
  /** Resolves once `expression` is truthy in the page, polling every 100 ms; throws after `timeoutMs`. */
  waitFor(expression: string, what: string, timeoutMs?: number): Promise<void>;
  /** Types `text` into the element `selector` finds, as a user would (focus, then the characters). */
  typeInto(selector: string, text: string): Promise<void>;
  /** The page's DevTools session, for a bench's own domains (Performance, Tracing, Profiler, screenshots). */
  cdp(): Promise<BenchCdp>;
  /** A DevTools session on the page's dedicated worker whose script URL contains `urlPart` (commands only). */
  workerCdp(urlPart: string): Promise<Pick<BenchCdp, 'send'>>;
  /** Exceptions the page threw so far. */
  errors: string[];
  close(): Promise<void>;
}

/** A DevTools session on the page: commands and their events. */
export interface BenchCdp {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  on<P>(event: string, listener: (params: P) => void): void;
  once<P>(event: string, listener: (params: P) => void): void;
}

/** `url` open in a fresh headless Chromium of the given viewport, driven as BENCH_DRIVER says. */
export function openBenchPage(url: string, viewport: { width: number; height: number }): Promise<BenchPage> {
  return BENCH_DRIVER === 'plain' ? openPlainPage(url, viewport) : openPlaywrightPage(url, viewport);
}

async function openPlaywrightPage(url: string, viewport: { width: number; height: number }): Promise<BenchPage> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return {
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    waitFor: async (expression, _what, timeoutMs = 30_000) => {
      await page.waitForFunction(expression, undefined, { timeout: timeoutMs });
    },
    typeInto: (selector, text) => page.locator(selector).fill(text),
    async cdp() {
      const session = await page.context().newCDPSession(page);
      return {
        send: <T>(method: string, params?: Record<string, unknown>) =>
          session.send(method as never, params as never) as Promise<T>,
        on: <P>(event: string, listener: (params: P) => void) => session.on(event as never, listener as never),
        once: <P>(event: string, listener: (params: P) => void) => session.once(event as never, listener as never),
      };
    },
    /**
     * Playwright opens sessions on pages and frames only, so the page's session auto-attaches to its workers
     * unflattened and talks to the worker through Target.sendMessageToTarget.
     */
    async workerCdp(urlPart) {
      const cdp = await page.context().newCDPSession(page);
      let nextId = 0;
      const waiting = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
      cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
        if (m.id !== undefined) waiting.get(m.id)?.(m);
      });
      const sessionId = await new Promise<string>((resolve, reject) => {
        cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
          if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes(urlPart)) resolve(e.sessionId);
        });
        cdp
          .send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })
          .catch(reject);
        setTimeout(() => reject(new Error(`no worker ${urlPart} attached within 10 s`)), 10_000);
      });
      return {
        send: <T>(method: string, params: Record<string, unknown> = {}) =>
          new Promise<T>((resolve, reject) => {
            const id = ++nextId;
            waiting.set(id, (m) => {
              waiting.delete(id);
              if (m.error) reject(new Error(`${method}: ${JSON.stringify(m.error)}`));
              else resolve(m.result as T);
            });
            void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
          }),
      };
    },
    errors,
    close: () => browser.close(),
  };
}

/**
 * Flags Playwright's launch adds that keep a headless page drawing and its timers running as they would in a
 * foreground window; the rest of Playwright's list concerns its own automation.
 */
const FOREGROUND_ARGS = [
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--hide-scrollbars',
  '--mute-audio',
];

async function openPlainPage(url: string, viewport: { width: number; height: number }): Promise<BenchPage> {
  const profile = mkdtempSync(join(tmpdir(), 'gaozhu-plain-chromium-'));
  const proc: ChildProcess = spawn(
    chromiumPath(),
    [
      ...CHROMIUM_ARGS,
      ...FOREGROUND_ARGS,
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${viewport.width},${viewport.height}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools endpoint in 20 s:\n${err}`)), 20_000);
    proc.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before its DevTools endpoint:\n${err}`)));
  });
  const socket = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const errors: string[] = [];
  const listeners = new Map<string, Set<(params: unknown) => void>>();
  socket.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: { exceptionDetails?: { text: string; exception?: { description?: string } } };
    };
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error.message));
      else w?.resolve(m.result);
    } else if (m.method === 'Runtime.exceptionThrown') {
      const d = m.params?.exceptionDetails;
      errors.push(d?.exception?.description ?? d?.text ?? 'exception');
    } else if (m.method) for (const l of listeners.get(m.method) ?? []) l(m.params);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
  // Runtime only: exceptions are reported; console calls would be too, and the pages here log little.
  await send('Runtime.enable', {}, sessionId);
  await send('Runtime.evaluate', { expression: `location.href = ${JSON.stringify(url)}` }, sessionId);

  const evaluate = async <T>(expression: string): Promise<T> => {
    const r = await send<{ result: { value?: unknown }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.text} in ${expression.slice(0, 80)}`);
    return r.result.value as T;
  };
  const on = <P>(event: string, listener: (params: P) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (params: unknown) => void);
  };
  const session: BenchCdp = {
    send: (method, params) => send(method, params, sessionId),
    on,
    once<P>(event: string, listener: (params: P) => void) {
      const once = (params: P) => {
        listeners.get(event)?.delete(once as (params: unknown) => void);
        listener(params);
      };
      on(event, once);
    },
  };
  return {
    evaluate,
    errors,
    cdp: async () => session,
    async workerCdp(urlPart) {
      const workerSessionId = await new Promise<string>((resolve, reject) => {
        on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
          if (e.targetInfo.type === 'worker' && e.targetInfo.url.includes(urlPart)) resolve(e.sessionId);
        });
        send(
          'Target.setAutoAttach',
          { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
          sessionId,
        ).catch(reject);
        setTimeout(() => reject(new Error(`no worker ${urlPart} attached within 10 s`)), 10_000);
      });
      return { send: (method, params) => send(method, params, workerSessionId) };
    },
    async typeInto(selector, text) {
      await evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
      await send('Input.insertText', { text }, sessionId);
    },
    async waitFor(expression, what, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        // A navigation in progress destroys the context: not yet.
        const ok = await evaluate<boolean>(`Boolean(${expression})`).catch(() => false);
        if (ok) return;
        if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      socket.close();
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGTERM');
        await exited;
      }
      // Chromium's helper processes may still be writing to the profile as the browser exits.
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
