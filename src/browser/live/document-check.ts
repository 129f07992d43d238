/**
 * The main thread's way to check a fetched document against the contract (checked-documents.ts): the text goes to the
 * document-check worker, which parses and checks it there, so zod and the schemas never load on the page's main thread
 * (the lobby wall's byte budget). Everything here is zod-free: the kinds and types come in as `import type` only.
 *
 * One worker for the page, started by the first check (or ahead of it by prepareDocumentCheck) and kept. Where there
 * is no Worker (the unit tests in Node) the check runs in-process through a dynamic import, which is not on any
 * route's static closure; a browser never takes that branch.
 */
import type { DocumentCheck, DocumentKind, DocumentOf } from './checked-documents';
import type { CheckAnswer, CheckRequest } from './document-check-protocol';

export type { DocumentCheck, DocumentKind, DocumentOf } from './checked-documents';

let worker: Worker | null = null;
let lastId = 0;
const waiting = new Map<number, (result: DocumentCheck<unknown>) => void>();

function documentCheckWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./document-check.worker.ts', import.meta.url), {
    type: 'module',
    name: 'gaozhu-document-check',
  });
  w.onmessage = (ev: MessageEvent<CheckAnswer>) => {
    const settle = waiting.get(ev.data.id);
    waiting.delete(ev.data.id);
    settle?.(ev.data.result);
  };
  // The worker answers every request it receives (it catches its own failures), so an error here is the worker itself
  // gone: it did not load or cannot run. Every waiting check is told, and the next one starts a new worker.
  w.onerror = (ev) => {
    const message = `document check worker failed${ev.message ? ` (${ev.message})` : ''}`;
    for (const settle of waiting.values()) settle({ ok: false, problem: 'unchecked', message });
    waiting.clear();
    w.terminate();
    if (worker === w) worker = null;
  };
  worker = w;
  return w;
}

/**
 * Starts the worker ahead of the first check, so its script (zod and the schemas, about 37 KB gzipped) loads while the
 * first document is still being fetched rather than after: the configuration check is on the way to the first paint.
 */
export function prepareDocumentCheck(): void {
  if (typeof Worker !== 'undefined') documentCheckWorker();
}

/** Parses `text` and checks it as a document of `kind`; never rejects (a failure is a finding). */
export function checkDocument<K extends DocumentKind>(kind: K, text: string): Promise<DocumentCheck<DocumentOf<K>>> {
  if (typeof Worker === 'undefined')
    return import('./checked-documents').then(({ checkDocumentText }) => checkDocumentText(kind, text));
  return new Promise((resolve) => {
    const id = ++lastId;
    // The worker checked it against `kind`'s schema: its data is that kind's document.
    waiting.set(id, resolve as (result: DocumentCheck<unknown>) => void);
    documentCheckWorker().postMessage({ id, kind, text } satisfies CheckRequest);
  });
}
