/**
 * Imported first by every page worker that checks with zod (the relay, the ingest and the document-check workers):
 * the page's CSP allows no eval, so zod's JIT probe (`new Function`) would only raise a violation report. The page's
 * main thread runs no zod at all (tests/e2e/bundle-split.test.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
