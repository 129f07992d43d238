import { describe, expect, it } from 'vitest';
import { readPublishedYaml } from '../../../tests/support/published-yaml';
import { buildOpenApiDocument, HISTORY_METRICS, HISTORY_ROUTES, HISTORY_STEPS, seriesQuerySchema } from './history-api';

describe('history API contract', () => {
  it('public/openapi.yaml is exactly what the schemas generate (run `npm run contract` after changing them)', () => {
    expect(readPublishedYaml('public/openapi.yaml')).toEqual(buildOpenApiDocument());
  });

  it('documents every route, and the series parameters with their enums', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, unknown>>;
      components: { parameters: Record<string, { schema: { enum?: string[]; default?: string } }> };
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(HISTORY_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(doc.components.parameters.metric?.schema.enum).toEqual([...HISTORY_METRICS]);
    expect(doc.components.parameters.step?.schema).toMatchObject({ enum: [...HISTORY_STEPS], default: '1h' });
  });

  it('names the parameter in its messages', () => {
    const r = seriesQuerySchema.safeParse({ metric: 'watts', entity: 'area', from: '1', to: '2' });
    expect(r.error?.issues[0]?.message).toMatch(/^metric must be one of/);
  });
});
