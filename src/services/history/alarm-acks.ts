/**
 * Alarm acknowledgements shared by every dispatcher screen. Input is validated (lengths, characters); the text is stored
 * as given and only ever returned inside JSON, so a hostile string stays inert data.
 */
import { ALARM_ACK_LIMITS, type AlarmAckInput, alarmAckInputSchema } from '../../core/contract/history-api';
import type { AlarmAck, HistoryStorage } from './storage/history-storage';

export const ACK_LIMITS = ALARM_ACK_LIMITS;

export class AckInputError extends Error {}

export function parseAckInput(body: unknown): AlarmAckInput {
  const r = alarmAckInputSchema.safeParse(body);
  if (!r.success) {
    // An unknown field is named first, as it says most about a wrong client.
    const issue = r.error.issues.find((i) => i.code === 'unrecognized_keys') ?? r.error.issues[0];
    throw new AckInputError(issue?.message ?? 'invalid acknowledgement');
  }
  const { alarmId, by, note } = r.data;
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
