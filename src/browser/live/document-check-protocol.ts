/**
 * Messages between the main thread (document-check.ts) and the document-check worker (document-check.worker.ts): the
 * page posts a fetched document's text with its kind, the worker answers with the finding under the same id. Text
 * goes in, not a parsed object, so the JSON parse is the worker's too; the finding is plain data (structured clone).
 */

import type { DocumentCheck, DocumentKind } from './checked-documents';

export interface CheckRequest {
  id: number;
  kind: DocumentKind;
  text: string;
}

export interface CheckAnswer {
  id: number;
  result: DocumentCheck<unknown>;
}
