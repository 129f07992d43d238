/**
 * Reads a substation's device document (src/core/contract/substation-devices.ts) into the judged messages the store
 * takes, in the ingest worker: each device's reading goes through the same edge judge as if it had arrived on its own
 * telemetry topic (validation, plausibility, counters), and its presence as its status would. A document repeats the
 * devices that did not change since the last one: only a newer reading or a changed presence is passed on, so the
 * store counts no duplicates of them.
 */
import type { DataClock } from '../../core/contract/data-clock';
import type { DeviceRegistry } from '../../core/contract/device-registry';
import { type Judged, judgeMessage } from '../../core/contract/edge-judge';
import { substationDevicesSchema, substationDevicesTopic } from '../../core/contract/substation-devices';
import { deviceTopic } from '../../core/contract/topics';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class SubstationDevicesReader {
  /** Per device: the device time of the reading and the presence last passed on. */
  private readonly passed = new Map<string, { ts: number | null; presence: string }>();

  constructor(
    private readonly clock: DataClock,
    private readonly devices: DeviceRegistry,
  ) {}

  /** The judged messages in one document; one rejection when it is not a document of the substation its topic names. */
  read(topic: string, payload: Uint8Array, atMs: number): Judged[] {
    const reject = (reason: 'not-json' | 'schema', detail: string): Judged[] => [
      { type: 'rejected', topic, reason, detail, atMs },
    ];
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(payload));
    } catch {
      return reject('not-json', 'substation device document is not JSON');
    }
    const r = substationDevicesSchema.safeParse(json);
    if (!r.success) return reject('schema', r.error.issues[0]?.message ?? 'not a substation device document');
    if (topic !== substationDevicesTopic(r.data.substationId))
      return reject('schema', `document of "${r.data.substationId}" on another substation's topic`);
    const out: Judged[] = [];
    for (const d of r.data.devices) {
      const before = this.passed.get(d.id);
      const address = { kind: d.kind, province: d.province, deviceId: d.id };
      if (d.presence !== 'unknown' && before?.presence !== d.presence) {
        const status = encoder.encode(JSON.stringify({ ts: r.data.ts, state: d.presence }));
        out.push(judgeMessage(deviceTopic({ ...address, channel: 'status' }), status, atMs, this.clock, this.devices));
      }
      const ts = readingTs(d.telemetry);
      if (d.telemetry != null && (ts === null || before?.ts == null || ts > before.ts)) {
        const reading = encoder.encode(JSON.stringify(d.telemetry));
        out.push(
          judgeMessage(deviceTopic({ ...address, channel: 'telemetry' }), reading, atMs, this.clock, this.devices),
        );
      }
      this.passed.set(d.id, { ts: ts ?? before?.ts ?? null, presence: d.presence });
    }
    return out;
  }
}

function readingTs(telemetry: unknown): number | null {
  const ts = (telemetry as { ts?: unknown } | null)?.ts;
  return typeof ts === 'number' ? ts : null;
}
