/**
 * Online backup and restore of the history database, against the real broker and real SQLite files: minutes and
 * alarm events recorded, a backup taken while the recorder keeps writing, checked and named in Shanghai time, the
 * oldest pruned; the restore refuses while a service serves the file and refuses a damaged backup; restored into a
 * fresh data directory, a history service started on it answers the same series and alarm log as the original.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlarmEvent, alarmEventSchema, liveTopics } from '../../src/core/contract/live-core';
import { SIM_CLOCK_TOPIC } from '../../src/core/contract/topics';
import type { RunningBroker } from '../../src/services/broker/broker';
import type { BackupReport } from '../../src/services/history/backup-schedule';
import { RestoreRefused, restoreHistoryDb } from '../../src/services/history/restore';
import type { RunningHistoryService } from '../../src/services/history/service';
import { BackupCheckError } from '../../src/services/history/storage/sqlite/sqlite-backup';
import { readAreaConfig } from '../support/area-config';
import { brokerTcpUrl, connectAs, startTestBroker } from '../support/broker-fixture';
import { startTestHistoryService } from '../support/history-fixture';
import { tempHistoryDbPath } from '../support/temp-db';
import { waitFor } from '../support/wait-for';

const config = readAreaConfig();
const feeder = config.feeders[0]!;
const feederTopic = `gaozhu/v1/feeder/${feeder.province}/${feeder.id}/telemetry`;
// Local midnight 2026-03-02 in Shanghai.
const T0 = Date.UTC(2026, 2, 1, 16, 0, 0);
const MIN = 60_000;

let broker: RunningBroker;
let feeds: MqttClient;
let live: MqttClient;
let dirA: string;
let original: RunningHistoryService;
let restored: RunningHistoryService | null = null;
let sent = 0;

const feederKw = (sec: number) => 1000 + 100 * Math.floor(sec / 60);
function publishFeeder(sec: number) {
  const pKw = feederKw(sec);
  feeds.publish(
    feederTopic,
    JSON.stringify({
      ts: T0 + sec * 1000,
      pKw,
      qKvar: 100,
      iA: Math.hypot(pKw, 100) / (Math.sqrt(3) * 10.2),
      uKv: 10.2,
      eImportKwh: Math.round((5000 + sec * 0.3) * 1000) / 1000,
      eExportKwh: 12,
    }),
  );
  sent++;
}

async function json<T>(s: RunningHistoryService, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${s.port}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
type Health = { recorder: { state: string; counts: Record<string, number> }; backup: BackupReport | null };

async function start(dbPath: string, backupDir: string): Promise<RunningHistoryService> {
  const s = await startTestHistoryService(broker, config, {
    dbPath,
    flushIntervalMs: 50,
    backup: { dir: backupDir, intervalMs: 0, keep: 2 },
  });
  await waitFor(async () => (await json<Health>(s, '/api/health')).recorder.state === 'connected', 'the recorder');
  return s;
}

const alarmId = `overload:${feeder.id}:${T0 + 2 * MIN}`;
const events: AlarmEvent[] = [
  {
    ts: T0 + 2 * MIN,
    alarmId,
    type: 'raised',
    rule: 'overload',
    severity: 'major',
    deviceId: feeder.id,
    value: 104,
    by: null,
    note: null,
  },
  {
    ts: T0 + 3 * MIN,
    alarmId,
    type: 'acknowledged',
    rule: 'overload',
    severity: 'major',
    deviceId: feeder.id,
    value: 104,
    by: '张工',
    note: '已派人',
  },
];

const seriesPath = `/api/series?metric=pKw&entity=${feeder.id}&from=${T0}&to=${T0 + 5 * MIN}&step=1m`;
const logPath = `/api/alarm-log?from=${T0}&to=${T0 + 60 * MIN}`;

beforeAll(async () => {
  broker = await startTestBroker();
  feeds = await connectAs(brokerTcpUrl(broker), 'feeds');
  live = await connectAs(brokerTcpUrl(broker), 'live');
  dirA = mkdtempSync(join(tmpdir(), 'gaozhu-backup-a-'));
  original = await start(join(dirA, 'history.sqlite'), join(dirA, 'backups'));
  await feeds.publishAsync(SIM_CLOCK_TOPIC, JSON.stringify({ wallMs: Date.now(), worldMs: T0 + 5 * MIN, speed: 0 }), {
    retain: true,
  });
});

afterAll(async () => {
  await restored?.close();
  await original?.close();
  feeds?.end(true);
  live?.end(true);
  await broker?.close();
});

describe('history backup and restore', () => {
  let backupFile = '';
  let seriesBefore: unknown;
  let logBefore: { alarms: unknown[] };

  it('backs up while the recorder is writing: checked, named in Shanghai time, in /api/health and /metrics', async () => {
    for (let sec = 0; sec < 5 * 60; sec += 10) publishFeeder(sec);
    for (const e of events)
      await live.publishAsync(liveTopics.alarmEvents, JSON.stringify(alarmEventSchema.parse(e)), { qos: 1 });
    await waitFor(async () => {
      const h = await json<Health>(original, '/api/health');
      return (h.recorder.counts.received ?? 0) >= sent;
    }, 'the minutes');
    await waitFor(async () => (await json<{ alarms: unknown[] }>(original, logPath)).alarms.length === 1, 'the log');
    await original.flush();
    seriesBefore = await json(original, seriesPath);
    logBefore = await json(original, logPath);
    expect((seriesBefore as { points: [number, number][] }).points.map((p) => p[1])).toEqual([
      1000, 1100, 1200, 1300, 1400,
    ]);

    // The recorder keeps taking and flushing readings (later minutes) all through the backup.
    let writing = true;
    const receivedAtStart = (await json<Health>(original, '/api/health')).recorder.counts.received ?? 0;
    const writer = (async () => {
      for (let sec = 5 * 60; writing && sec < 60 * 60; sec += 10) {
        publishFeeder(sec);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await waitFor(
      async () => ((await json<Health>(original, '/api/health')).recorder.counts.received ?? 0) > receivedAtStart + 5,
      'writes under way',
    );
    const report = (await original.backupNow())!;
    writing = false;
    await writer;

    expect(report.lastError).toBeNull();
    expect(report.lastIntegrity).toBe('ok');
    expect(report.lastFile).toMatch(/^history-\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\+0800\.sqlite$/);
    backupFile = join(report.dir, report.lastFile!);
    expect(existsSync(backupFile)).toBe(true);
    expect(readdirSync(report.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    const health = await json<Health>(original, '/api/health');
    expect(health.backup).toMatchObject({ lastFile: report.lastFile, failures: 0, kept: 1 });
    const metrics = await (await fetch(`http://127.0.0.1:${original.port}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`history_backup_last_size_bytes\\{[^}]*\\} ${report.lastSizeBytes}\\b`));
    expect(metrics).toMatch(/history_backups_total\{[^}]*\} 1\b/);
    expect(metrics).toMatch(/history_backup_failures_total\{[^}]*\} 0\b/);
  });

  it('keeps the newest N backups', async () => {
    const dir = (await json<Health>(original, '/api/health')).backup!.dir;
    for (let i = 0; i < 2; i++) {
      // Names have one-second resolution: wait for the next second rather than take the collision suffix.
      const second = Math.floor(Date.now() / 1000);
      while (Math.floor(Date.now() / 1000) === second) await new Promise((r) => setTimeout(r, 50));
      expect((await original.backupNow())!.lastError).toBeNull();
    }
    const kept = readdirSync(dir).filter((n) => n.endsWith('.sqlite'));
    expect(kept).toHaveLength(2);
    expect(kept).not.toContain(backupFile.split('/').pop());
    backupFile = join(dir, kept.sort()[0]!);
  });

  it('refuses to restore over a database a service is using, and refuses a damaged backup', async () => {
    await expect(restoreHistoryDb({ backupFile, dbPath: join(dirA, 'history.sqlite') })).rejects.toThrow(
      RestoreRefused,
    );
    const fresh = tempHistoryDbPath('gaozhu-backup-x-');
    const health = `http://127.0.0.1:${original.port}/api/health`;
    await expect(restoreHistoryDb({ backupFile, dbPath: fresh, mustNotAnswer: [health] })).rejects.toThrow(
      /answers: stop the running services/,
    );
    const damaged = join(dirA, 'damaged.sqlite');
    const bytes = readFileSync(backupFile);
    bytes.fill(0x5a, 4096, 12_288); // two pages of the tables overwritten
    writeFileSync(damaged, bytes);
    await expect(restoreHistoryDb({ backupFile: damaged, dbPath: fresh })).rejects.toThrow(BackupCheckError);
    expect(existsSync(fresh)).toBe(false);
  });

  it('restored into a fresh data directory, a service on it answers the same series and alarm log', async () => {
    const dirB = mkdtempSync(join(tmpdir(), 'gaozhu-backup-b-'));
    const dbB = join(dirB, 'data', 'history.sqlite');
    const r = await restoreHistoryDb({ backupFile, dbPath: dbB });
    expect(r.check.integrity).toBe('ok');
    expect(r.asidePath).toBeNull();
    restored = await start(dbB, join(dirB, 'backups'));
    expect(await json(restored, seriesPath)).toEqual(seriesBefore);
    // The alarm log's rows (nowMs is each service's world clock, not data).
    const log = await json<{ alarms: { ack: unknown }[] }>(restored, logPath);
    expect(log.alarms).toEqual(logBefore.alarms);
    expect(log.alarms[0]?.ack).toMatchObject({ by: '张工', note: '已派人' });

    // Restoring again over it (stopped) keeps the replaced file aside.
    await restored.close();
    restored = null;
    const again = await restoreHistoryDb({ backupFile, dbPath: dbB });
    expect(again.asidePath).not.toBeNull();
    expect(existsSync(again.asidePath!)).toBe(true);
  });
});
