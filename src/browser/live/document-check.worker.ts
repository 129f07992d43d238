/**
 * The document-check worker: the JSON parse and the contract check of every document the page fetches (the history
 * service's answers, the configuration files) run here, so zod and the schemas stay off the main thread, which
 * receives the checked data (document-check.ts). One worker for the page; requests are answered in order.
 */
/// <reference lib="webworker" />

// First: zod's jitless mode before any schema runs (the CSP allows no eval).
import './zod-jitless';
import { checkDocumentText } from './checked-documents';
import type { CheckAnswer, CheckRequest } from './document-check-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (ev: MessageEvent<CheckRequest>) => {
  const { id, kind, text } = ev.data;
  scope.postMessage({ id, result: checkDocumentText(kind, text) } satisfies CheckAnswer);
};
