import { describe, expect, it } from 'vitest';
import { readPublishedYaml } from '../../../tests/support/published-yaml';
import { buildAsyncApiDocument } from './asyncapi';
import { feederTelemetrySchema } from './payloads';
import { substationDevicesSchema, substationDevicesTopic } from './substation-devices';

describe('AsyncAPI document', () => {
  it('public/asyncapi.yaml is exactly what the schemas generate (run `npm run contract` after changing them)', () => {
    expect(readPublishedYaml('public/asyncapi.yaml')).toEqual(buildAsyncApiDocument());
  });

  it('describes every field the feeder schema validates, with its range', () => {
    const doc = buildAsyncApiDocument() as {
      components: { schemas: Record<string, { properties: Record<string, { minimum?: number; maximum?: number }> }> };
    };
    const feeder = doc.components.schemas.FeederTelemetry!;
    expect(Object.keys(feeder.properties).sort()).toEqual(Object.keys(feederTelemetrySchema.shape).sort());
    expect(feeder.properties.uKv).toMatchObject({ minimum: 5, maximum: 15 });
  });

  it('describes the substation device documents at the topic the live service publishes them on', () => {
    const doc = buildAsyncApiDocument() as {
      channels: Record<string, { address: string }>;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const addresses = Object.values(doc.channels).map((c) => c.address);
    expect(addresses).toContain(substationDevicesTopic('{substationId}'));
    expect(Object.keys(doc.components.schemas.SubstationDevices!.properties).sort()).toEqual(
      Object.keys(substationDevicesSchema.shape).sort(),
    );
  });
});
