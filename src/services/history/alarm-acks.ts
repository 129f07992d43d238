/**
 * Alarm acknowledgements shared by every dispatcher screen. Input is validated (lengths, characters); the text is stored
 * as given and only ever returned inside JSON, so a hostile string stays inert data.
 */
import type { AlarmAck, HistoryStorage } from './storage/history-storage';

/** Alarm ids are built by the app from device ids, kinds and times: ASCII, no spaces. */
const ALARM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

export const ACK_LIMITS = { byMaxChars: 64, noteMaxChars: 500 } as const;

export class AckInputError extends Error {}

export function parseAckInput(body: unknown): { alarmId: string; by: string; note?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AckInputError('body must be a JSON object { alarmId, by, note? }');
  const { alarmId, by, note, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new AckInputError(`unknown field "${extra[0]?.slice(0, 40)}"`);
  if (typeof alarmId !== 'string' || !ALARM_ID.test(alarmId))
    throw new AckInputError('alarmId: 1–128 characters of A–Z a–z 0–9 . _ : @ / -, starting with a letter or digit');
  if (
    typeof by !== 'string' ||
    by.trim().length === 0 ||
    [...by].length > ACK_LIMITS.byMaxChars ||
    /[\n\r\t]/.test(by) ||
    CONTROL.test(by)
  )
    throw new AckInputError(`by: 1–${ACK_LIMITS.byMaxChars} characters on one line, no control characters`);
  if (
    note !== undefined &&
    (typeof note !== 'string' || [...note].length > ACK_LIMITS.noteMaxChars || CONTROL.test(note))
  )
    throw new AckInputError(`note: a string of at most ${ACK_LIMITS.noteMaxChars} characters, no control characters`);
  return { alarmId, by: by.trim(), ...(note ? { note } : {}) };
}

export class AlarmAckStore {
  constructor(private readonly storage: HistoryStorage) {}

  async add(input: { alarmId: string; by: string; note?: string }, atMs: number): Promise<AlarmAck> {
    await this.storage.addAlarmAck({ ...input, atMs });
    return { ...input, atMs };
  }

  /** Acknowledgements at or after sinceMs, oldest first (at most `limit`, the newest ones). */
  list(sinceMs: number, limit = 2_000): Promise<AlarmAck[]> {
    return this.storage.alarmAcks(sinceMs, limit);
  }
}
