import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDocumentText } from './checked-documents';
import type { CheckAnswer, CheckRequest } from './document-check-protocol';

const HEALTH = JSON.stringify({
  status: 'ok',
  nowMs: 1,
  recorder: {},
  db: {},
  coverage: { firstMs: null, lastMs: null },
  backfill: null,
});

/** The module afresh: its worker is a module-level singleton. */
async function freshModule() {
  vi.resetModules();
  return import('./document-check');
}

/**
 * A stand-in for the browser's Worker that checks in-process as document-check.worker.ts does, holding its answers
 * until `answer()` (last request first, to show the answers are matched by id, not by order).
 */
class FakeWorker {
  static started: FakeWorker[] = [];
  onmessage: ((ev: { data: CheckAnswer }) => void) | null = null;
  onerror: ((ev: { message: string }) => void) | null = null;
  terminated = false;
  readonly held: CheckRequest[] = [];
  constructor(readonly url: URL) {
    FakeWorker.started.push(this);
  }
  postMessage(m: CheckRequest) {
    this.held.push(m);
  }
  answer() {
    for (const { id, kind, text } of this.held.splice(0).reverse())
      this.onmessage?.({ data: { id, result: checkDocumentText(kind, text) } });
  }
  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.started = [];
});

describe('checkDocument', () => {
  it('checks in-process where there is no Worker (Node), with the same finding as the worker', async () => {
    expect(typeof Worker).toBe('undefined');
    const { checkDocument } = await freshModule();
    expect(await checkDocument('health', HEALTH)).toEqual(checkDocumentText('health', HEALTH));
    expect(await checkDocument('series', 'nope')).toEqual(checkDocumentText('series', 'nope'));
  });

  it('posts the text to one worker for the page and gives each request its own answer', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { checkDocument, prepareDocumentCheck } = await freshModule();
    prepareDocumentCheck();
    expect(FakeWorker.started).toHaveLength(1);
    const health = checkDocument('health', HEALTH);
    const broken = checkDocument('series', '{}');
    expect(FakeWorker.started).toHaveLength(1);
    const worker = FakeWorker.started[0]!;
    expect(worker.url.pathname).toMatch(/document-check\.worker\.ts$/);
    expect(worker.held.map((m) => [m.kind, m.text])).toEqual([
      ['health', HEALTH],
      ['series', '{}'],
    ]);
    worker.answer();
    expect(await health).toEqual(checkDocumentText('health', HEALTH));
    expect(await broken).toMatchObject({ ok: false, problem: 'contract' });
    const later = checkDocument('health', HEALTH);
    worker.answer();
    expect((await later).ok).toBe(true);
    expect(FakeWorker.started).toHaveLength(1);
  });

  it('settles the waiting checks as unchecked when the worker fails, and starts a new one for the next', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { checkDocument } = await freshModule();
    const waiting = checkDocument('health', HEALTH);
    const failed = FakeWorker.started[0]!;
    failed.onerror?.({ message: 'Failed to load' });
    expect(await waiting).toEqual({
      ok: false,
      problem: 'unchecked',
      message: 'document check worker failed (Failed to load)',
    });
    expect(failed.terminated).toBe(true);
    const next = checkDocument('health', HEALTH);
    expect(FakeWorker.started).toHaveLength(2);
    FakeWorker.started[1]!.answer();
    expect((await next).ok).toBe(true);
  });
});
