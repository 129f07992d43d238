import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLiveDocument, rejectionLine } from './live-payload';

const bytes = (s: string) => new TextEncoder().encode(s);
const schema = z.object({ ts: z.number() });

describe('parseLiveDocument', () => {
  it('takes a document that is JSON within its bound and fits its schema', () => {
    expect(parseLiveDocument(bytes('{"ts":5}'), schema)).toEqual({ ok: true, data: { ts: 5 } });
  });

  it('says why it refuses one, in the words of the diagnostics', () => {
    const line = (text: string, maxBytes?: number) => {
      const r = parseLiveDocument(bytes(text), schema, maxBytes);
      return r.ok ? 'taken' : rejectionLine(r);
    };
    expect(line('{"ts":5}', 4)).toBe('too large: 8 B');
    expect(line('{"ts":')).toMatch(/^not JSON: /);
    expect(line('{"ts":"5"}')).toMatch(/^schema: ts: /);
  });
});
