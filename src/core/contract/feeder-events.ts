/**
 * Protection and self-healing (FLISR) events of a 10 kV feeder, device side:
 *
 *   gaozhu/v1/feeder/<province>/<feederId>/events   QoS 1, not retained, JSON (feederEventSchema)
 *
 * A fault trips the feeder head breaker (`tripped`: every section out); the feeder automation locates the fault and
 * opens the switches around the faulted section (`isolated`), recloses the head for the sections upstream and closes a
 * normally-open tie for those downstream (`restored`, each with its path), and the faulted section returns when
 * repaired (`repaired`). A planned outage opens the switches around the worked-on section (`isolated`, cause planned)
 * and ends with `repaired`. The present switch states travel in the feeder's retained telemetry (payloads.ts
 * `switching`); these events say what happened and when, in device time, so the live service can keep the outage
 * records (./reliability.ts) without polling.
 *
 * Judged at the edge like telemetry (edge-judge.ts `judgeFeederEvent`): malformed, impossible for the feeder's
 * configured sections and ties, or out of order (per feeder: device time, then `seq`) is rejected and counted.
 */
import { z } from 'zod';
import { MAX_FEEDER_SECTIONS, timestampMs } from './payloads';
import { OUTAGE_CAUSES, RESTORED_VIA } from './reliability';
import { DEVICE_ID_PATTERN, PROVINCES, type Province, TOPIC_ROOT } from './topics';

export const FEEDER_EVENTS_CHANNEL = 'events';
export const FEEDER_EVENTS_FILTER = `${TOPIC_ROOT}/feeder/+/+/${FEEDER_EVENTS_CHANNEL}`;

export function feederEventsTopic(province: Province, feederId: string): string {
  return `${TOPIC_ROOT}/feeder/${province}/${feederId}/${FEEDER_EVENTS_CHANNEL}`;
}

/** Parses a feeder events topic; null for anything else. */
export function parseFeederEventsTopic(topic: string): { province: Province; feederId: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return null;
  const [, , kind, province, feederId, channel] = parts as [string, string, string, string, string, string];
  if (kind !== 'feeder' || channel !== FEEDER_EVENTS_CHANNEL) return null;
  if (!(PROVINCES as readonly string[]).includes(province) || !DEVICE_ID_PATTERN.test(feederId)) return null;
  return { province: province as Province, feederId };
}

export const FEEDER_EVENT_TYPES = ['tripped', 'isolated', 'restored', 'repaired'] as const;
export type FeederEventType = (typeof FEEDER_EVENT_TYPES)[number];

const sectionIndex = z
  .number()
  .int()
  .min(0)
  .max(MAX_FEEDER_SECTIONS - 1);

export const feederEventSchema = z
  .object({
    ts: timestampMs.describe('Device time of the event'),
    seq: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .describe('Per feeder, one more each event: orders events of the same millisecond'),
    type: z.enum(FEEDER_EVENT_TYPES),
    cause: z.enum(OUTAGE_CAUSES),
    outageStartMs: timestampMs.describe('Device time of the trip (or the planned opening) this event belongs to'),
    section: sectionIndex
      .nullable()
      .describe('The faulted (or worked-on) section; null on `tripped`, before the fault is located'),
    sections: z
      .array(sectionIndex)
      .min(1)
      .max(MAX_FEEDER_SECTIONS)
      .describe(
        'tripped: the sections that lost supply; isolated: those left out; restored/repaired: those supplied again',
      ),
    via: z.enum(RESTORED_VIA).nullable().describe('restored: upstream or tie; repaired: repair; otherwise null'),
    tieFeederId: z
      .string()
      .regex(DEVICE_ID_PATTERN)
      .nullable()
      .describe('restored via tie: the feeder supplying across the tie'),
  })
  .describe('A protection or self-healing (FLISR) event of a 10 kV feeder');
export type FeederEvent = z.infer<typeof feederEventSchema>;
