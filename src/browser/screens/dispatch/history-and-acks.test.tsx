// @vitest-environment jsdom
/**
 * The HTTP parts of the dispatch screen against a mocked history service (msw): the drill-down's history notice goes
 * loading → ok / empty / error (with retry), and the acknowledgement client reads, posts and reports failures.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AckServiceError, fetchAcks, postAck } from '../../history/acks-client';
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
    expect(seen.sort()).toEqual(['iA|gaotan-f01|1m', 'pKw|gaotan-f01|1m', 'uKv|gaotan-f01|1m']);
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

describe('acknowledgement client', () => {
  it('lists acknowledgements since a time and posts one', async () => {
    const acks = [{ alarmId: 'overload:f1:1', by: '李调度', atMs: 5 }];
    server.use(
      http.get(`${BASE}/alarms/acks`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('since')).toBe('1000');
        return HttpResponse.json({ acks: [...acks, { junk: true }] });
      }),
      http.post(`${BASE}/alarms/acks`, async ({ request }) => {
        const body = (await request.json()) as { alarmId: string; by: string };
        return HttpResponse.json({ ...body, atMs: 42 }, { status: 201 });
      }),
    );
    expect(await fetchAcks(BASE, 1000)).toEqual(acks);
    expect(await postAck(BASE, { alarmId: 'overload:f1:1', by: '王' })).toEqual({
      alarmId: 'overload:f1:1',
      by: '王',
      atMs: 42,
    });
  });

  it('returns an empty list when there are none', async () => {
    server.use(http.get(`${BASE}/alarms/acks`, () => HttpResponse.json({ acks: [] })));
    expect(await fetchAcks(BASE, 0)).toEqual([]);
  });

  it('reports a refused or unreachable service as an error (the screen then marks acks 未同步)', async () => {
    server.use(
      http.get(`${BASE}/alarms/acks`, () => HttpResponse.error()),
      http.post(`${BASE}/alarms/acks`, () => HttpResponse.json({ error: 'by: …' }, { status: 400 })),
    );
    await expect(fetchAcks(BASE, 0)).rejects.toThrow();
    await expect(postAck(BASE, { alarmId: 'a:b:1', by: 'x' })).rejects.toBeInstanceOf(AckServiceError);
  });
});
