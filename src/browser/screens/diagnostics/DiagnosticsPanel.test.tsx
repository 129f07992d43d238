// @vitest-environment jsdom
/**
 * The dispatcher's diagnostics panel counts what the page refused of the live service's own documents, per document,
 * beside the raw-device ingest's refusals: a junk alarm list or status is counted and said, never applied.
 */
import { readFileSync } from 'node:fs';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAreaConfig } from '../../../core/config/area-schema';
import { DataClock } from '../../../core/contract/data-clock';
import { liveTopics } from '../../../core/contract/live-core';
import { dayStartMs } from '../../../core/time/shanghai';
import { AreaLossesStore } from '../../live/area-losses-store';
import { LiveAlarmsStore } from '../../live/live-alarms-store';
import { LiveReliabilityStore } from '../../live/live-reliability-store';
import { deliverPayload } from '../../live/live-source-fixture';
import { LiveStatusStore } from '../../live/live-status-store';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext } from '../../live/runtime-context';
import { TelemetryStore } from '../../live/telemetry-store';
import { LangProvider } from '../../ui/i18n/lang-context';
import { DiagnosticsPanel } from './DiagnosticsPanel';

const area = parseAreaConfig(readFileSync('public/config/area.json', 'utf8'), 'area.json');
const enc = (s: string) => new TextEncoder().encode(s);

afterEach(cleanup);

describe('dispatcher diagnostics', () => {
  it('counts refused live-service documents per document and says the last in words', () => {
    const liveAlarms = new LiveAlarmsStore();
    const liveStatus = new LiveStatusStore();
    const state = { url: 'ws://127.0.0.1/mqtt', phase: 'connected', attempts: 0, lastError: null };
    const connection = { onState: () => () => {}, getState: () => state };
    const runtime = {
      area,
      store: new TelemetryStore(area, { dayStartMs }),
      liveAlarms,
      liveStatus,
      areaLosses: new AreaLossesStore(),
      reliability: new LiveReliabilityStore(new DataClock()),
      connection,
    } as unknown as AppRuntime;
    render(
      <RuntimeContext.Provider value={runtime}>
        <LangProvider lang="en">
          <DiagnosticsPanel />
        </LangProvider>
      </RuntimeContext.Provider>,
    );
    const row = screen.getByTestId('diag-live-refused');
    expect(row.textContent).toBe('alarms 0 · status 0 · losses 0 · reliability 0');
    act(() => {
      deliverPayload(liveAlarms.handle, liveTopics.alarmsDispatch, enc('{"ts": oops'));
      deliverPayload(liveAlarms.handle, liveTopics.alarmsDispatch, enc('{"ts": 1, "alarms": "none"}'));
      deliverPayload(liveStatus.handle, liveTopics.status, enc('[]'));
    });
    expect(row.textContent).toBe('alarms 2 · status 1 · losses 0 · reliability 0');
    expect(row.getAttribute('title')).toMatch(/^schema: ts: /);
  });
});
