/**
 * The edge judge's reasons for refusing a device message (./validate.ts, ./edge-judge.ts), each counted apart in the
 * diagnostics. Zod-free, so a page's diagnostics can name them without the schemas.
 */
/** Why a message was rejected; each reason is counted separately in diagnostics. */
export const REJECT_REASONS = [
  'bad-topic',
  'too-large',
  'not-json',
  'schema',
  'out-of-range',
  'future-timestamp',
  'unknown-device',
  /** Valid for the kind, impossible for this device (its ratings in the area configuration): plausibility.ts. */
  'implausible',
  /** A feeder event not after the feeder's last accepted one (device time, then seq), or a redelivered duplicate. */
  'out-of-order',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
