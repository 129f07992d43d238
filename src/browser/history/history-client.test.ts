import { describe, expect, it } from 'vitest';
import { ALARM_T0 } from '../live/live-alarm-fixture';
import { alarmLogRow } from './alarm-log-fixture';
import { createHistoryClient, HistoryError } from './history-client';
import { SERIES_ANSWER } from './series-answer-fixture';

const req = { metric: 'pvKw' as const, entity: 'area', fromMs: 0, toMs: 3_600_000, step: '1h' as const };

function client(respond: (url: string, init?: RequestInit) => Promise<Response>) {
  return createHistoryClient('http://history.test/api', (input, init) => respond(String(input), init));
}

/** A client whose every request is answered with `body` as JSON; `asked()` is the URL of the last request. */
function answering(body: unknown) {
  let asked = '';
  const c = client(async (url) => {
    asked = url;
    return Response.json(body);
  });
  return { c, asked: () => asked };
}

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof HistoryError ? e.kind : `other: ${(e as Error).message}`;
  }
}

describe('history client', () => {
  it('asks for the series with its parameters and returns the validated answer', async () => {
    const { c, asked } = answering(SERIES_ANSWER);
    const r = await c.series(req);
    expect(asked()).toBe('http://history.test/api/series?metric=pvKw&entity=area&from=0&to=3600000&step=1h');
    expect(r.points).toEqual([[0, 12.5]]);
  });

  it("names the service's own message on a 400, and calls a dead proxy target unreachable", async () => {
    expect(await kindOf(client(async () => Response.json({ error: 'bad step' }, { status: 400 })).series(req))).toBe(
      'bad-request',
    );
    expect(await kindOf(client(async () => new Response('Bad Gateway', { status: 502 })).series(req))).toBe(
      'unreachable',
    );
    expect(
      await kindOf(
        client(async () => {
          throw new TypeError('fetch failed');
        }).series(req),
      ),
    ).toBe('unreachable');
  });

  it('rejects an answer that does not match the contract', async () => {
    expect(await kindOf(client(async () => Response.json({ points: 'nope' })).series(req))).toBe('invalid-response');
    expect(await kindOf(client(async () => new Response('<html>')).series(req))).toBe('invalid-response');
  });

  it("says what is wrong with a 2xx answer in the client's words (checked off the main thread, same sentences)", async () => {
    const messageOf = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: HistoryError) => `${e.kind} ${e.status}: ${e.message}`,
      );
    expect(await messageOf(client(async () => new Response('')).series(req))).toBe(
      'invalid-response 200: series pvKw/area: the answer is not JSON',
    );
    expect(await messageOf(client(async () => Response.json(null)).health())).toMatch(
      /^invalid-response 200: health: answer does not match the contract \(root: .+\)$/,
    );
    expect(await messageOf(client(async () => Response.json({ points: 'nope' })).series(req))).toMatch(
      /^invalid-response 200: series pvKw\/area: answer does not match the contract \(metric: .+\)$/,
    );
  });

  it('reports an abort during the body as aborted, not as a broken answer', async () => {
    const ctrl = new AbortController();
    const c = client(async () => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"metric":'));
          // The body never completes; the caller aborts while it is being read.
          setTimeout(() => {
            ctrl.abort();
            controller.error(new DOMException('aborted', 'AbortError'));
          }, 10);
        },
      });
      return new Response(body, { status: 200 });
    });
    expect(await kindOf(c.series(req, ctrl.signal))).toBe('aborted');
  });

  it('asks for the alarm log with its filters and validates the rows', async () => {
    const { c, asked } = answering({
      timeZone: 'Asia/Shanghai',
      nowMs: 5_000,
      limited: false,
      alarms: [alarmLogRow({ ack: { by: 'Li', note: '', atMs: ALARM_T0 + 100_000 } })],
    });
    const r = await c.alarmLog({ fromMs: 0, deviceId: 'f1', state: 'cleared', limit: 10 });
    expect(asked()).toBe('http://history.test/api/alarm-log?from=0&deviceId=f1&state=cleared&limit=10');
    expect(r.alarms[0]?.ack?.by).toBe('Li');
    expect(c.alarmLogCsvUrl({})).toBe('http://history.test/api/alarm-log.csv');
    const bad = client(async () =>
      Response.json({ timeZone: 'Asia/Shanghai', nowMs: 1, alarms: [{}], limited: false }),
    );
    expect(await kindOf(bad.alarmLog({}))).toBe('invalid-response');
  });
});
