// @vitest-environment jsdom
/**
 * The HTTP parts of the dispatch screen against mocked services (msw): the drill-down's history notice goes
 * loading → ok / empty / error (with retry), the live service's acknowledgement answers become outcomes the screen can
 * say in words, and the alarm log is read with its filters.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alarmLogRow } from '../../history/alarm-log-fixture';
import { createHistoryClient, HistoryError } from '../../history/history-client';
import { postAlarmAck } from '../../live/alarm-ack-client';
import { overloadAlarm } from '../../live/live-alarm-fixture';
import { alarmLogCsvRequest, alarmLogRequest } from './alarm-log';
import { HistoryNotice, useFeederHistory } from './feeder-history';

const BASE = 'http://history.test/api';
const NOW = Date.UTC(2026, 0, 15, 4);
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  cleanup();
});
afterAll(() => server.close());

function Harness() {
  const { state, reload } = useFeederHistory(BASE, 'gaotan-f01', NOW);
  return (
    <div>
      <span data-testid="status">{state.status}</span>
      <HistoryNotice state={state} onRetry={reload} />
    </div>
  );
}

const series = (value: number | null) => ({
  metric: 'pKw',
  entity: 'gaotan-f01',
  unit: 'kW',
  step: '1m',
  agg: 'avg',
  timeZone: 'Asia/Shanghai',
  from: NOW - 86_400_000,
  to: NOW,
  points: [
    [NOW - 120_000, value],
    [NOW - 60_000, value],
  ],
});

describe('drill-down history over HTTP', () => {
  it('shows loading, then the curves (no notice) when the service has data', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/series`, async ({ request }) => {
        const u = new URL(request.url);
        seen.push(`${u.searchParams.get('metric')}|${u.searchParams.get('entity')}|${u.searchParams.get('step')}`);
        expect(Number(u.searchParams.get('to')) - Number(u.searchParams.get('from'))).toBe(86_400_000);
        await gate;
        return HttpResponse.json(series(1234));
      }),
    );
    render(<Harness />);
    expect(screen.getByTestId('history-loading').textContent).toContain('正在加载');
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ok'));
    expect(screen.queryByTestId('history-loading')).toBeNull();
    // P twice: today's window and the same hours a day earlier (the dashed comparison curve).
    expect(seen.sort()).toEqual(['iA|gaotan-f01|1m', 'pKw|gaotan-f01|1m', 'pKw|gaotan-f01|1m', 'uKv|gaotan-f01|1m']);
  });

  it('says so when the service has nothing for the feeder (all buckets null)', async () => {
    server.use(http.get(`${BASE}/series`, () => HttpResponse.json(series(null))));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('history-empty')).toBeTruthy());
  });

  it('shows an error with a retry that recovers', async () => {
    let fail = true;
    server.use(
      http.get(`${BASE}/series`, () =>
        fail ? HttpResponse.json({ error: 'boom' }, { status: 503 }) : HttpResponse.json(series(5)),
      ),
    );
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('history-error').textContent).toContain('HTTP 503'));
    fail = false;
    await act(async () => screen.getByRole('button').click());
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('ok'));
  });

  it('treats a malformed body as an error, not a crash', async () => {
    server.use(http.get(`${BASE}/series`, () => HttpResponse.text('<html>proxy error</html>')));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('history-error')).toBeTruthy());
  });
});

const ALARM_ID = 'overload:gaotan-f01:1768449600000';
const liveAlarm = overloadAlarm({ value: 121, peakValue: 123, ack: { by: '王', note: '', atMs: 1768449700000 } });

describe('acknowledgement client (live service)', () => {
  it('posts {by, note} to /alarms/<id>/ack and returns the alarm as the service now has it', async () => {
    server.use(
      http.post(`${BASE}/alarms/:id/ack`, async ({ request, params }) => {
        expect(params.id).toBe(ALARM_ID);
        expect(await request.json()).toEqual({ by: '王', note: '' });
        return HttpResponse.json(liveAlarm, { status: 201 });
      }),
    );
    expect(await postAlarmAck(BASE, ALARM_ID, { by: '王', note: '' })).toEqual({ kind: 'ok', alarm: liveAlarm });
  });

  it("says what the service said no to: 404 unknown, 409 cleared, 400 bad input (with the service's words)", async () => {
    const answer = { status: 404 };
    server.use(
      http.post(`${BASE}/alarms/:id/ack`, () =>
        HttpResponse.json({ error: 'by: required' }, { status: answer.status }),
      ),
    );
    expect(await postAlarmAck(BASE, ALARM_ID, { by: 'x', note: '' })).toEqual({ kind: 'not-found' });
    answer.status = 409;
    expect(await postAlarmAck(BASE, ALARM_ID, { by: 'x', note: '' })).toEqual({ kind: 'cleared' });
    answer.status = 400;
    expect(await postAlarmAck(BASE, ALARM_ID, { by: '', note: '' })).toEqual({
      kind: 'rejected',
      status: 400,
      detail: 'by: required',
    });
  });

  it('reports no answer, a 5xx or a malformed body as unreachable (the screen keeps the ack 未同步 and retries)', async () => {
    server.use(http.post(`${BASE}/alarms/:id/ack`, () => HttpResponse.error()));
    expect((await postAlarmAck(BASE, ALARM_ID, { by: 'x', note: '' })).kind).toBe('unreachable');
    server.use(http.post(`${BASE}/alarms/:id/ack`, () => HttpResponse.text('bad gateway', { status: 502 })));
    expect((await postAlarmAck(BASE, ALARM_ID, { by: 'x', note: '' })).kind).toBe('unreachable');
    server.use(http.post(`${BASE}/alarms/:id/ack`, () => HttpResponse.text('<html>', { status: 201 })));
    expect((await postAlarmAck(BASE, ALARM_ID, { by: 'x', note: '' })).kind).toBe('unreachable');
  });
});

describe('alarm log client', () => {
  const filters = { fromMs: 1000, toMs: null, deviceId: 'gaotan-f01', rule: 'overload', state: 'cleared' } as const;
  const row = alarmLogRow();
  const history = createHistoryClient(BASE);

  it('asks with the filters and validates the answer', async () => {
    server.use(
      http.get(`${BASE}/alarm-log`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(Object.fromEntries(q)).toEqual({
          from: '1000',
          deviceId: 'gaotan-f01',
          rule: 'overload',
          state: 'cleared',
          limit: '500',
        });
        return HttpResponse.json({ timeZone: 'Asia/Shanghai', nowMs: 5, alarms: [row], limited: false });
      }),
    );
    const res = await history.alarmLog(alarmLogRequest(filters));
    expect(res.alarms).toEqual([row]);
    expect(history.alarmLogCsvUrl(alarmLogCsvRequest(filters))).toBe(
      `${BASE}/alarm-log.csv?from=1000&deviceId=gaotan-f01&rule=overload&state=cleared&limit=5000`,
    );
  });

  it("turns a refusal, no answer or a body off the contract into an error with the service's words", async () => {
    server.use(http.get(`${BASE}/alarm-log`, () => HttpResponse.json({ error: 'from: not a time' }, { status: 400 })));
    const fetchLog = () => history.alarmLog(alarmLogRequest(filters));
    await expect(fetchLog()).rejects.toThrow('alarm log: from: not a time');
    server.use(http.get(`${BASE}/alarm-log`, () => HttpResponse.error()));
    await expect(fetchLog()).rejects.toBeInstanceOf(HistoryError);
    await expect(fetchLog()).rejects.toThrow('unreachable');
    server.use(http.get(`${BASE}/alarm-log`, () => HttpResponse.json({ alarms: 'x' })));
    await expect(fetchLog()).rejects.toThrow('contract');
  });
});
