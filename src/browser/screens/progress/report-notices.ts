/**
 * What the report says about its own data: the service's error, an empty period, and the notices above a report
 * (backfill running, a capped range, a window only partly covered). Pure: words from data, no markup.
 */
import type { Lang } from '../../../core/lang';
import { formatDateTime } from '../../../core/time/shanghai';
import type { HistoryError } from '../../history/history-client';
import { cutOffMs, type DisplayStep } from './period';
import { rangeText } from './period-view';
import type { LoadedProgress } from './progress-data';
import type { ProgressFigures } from './progress-figures';
import { HISTORY_ERROR_TEXT, type ProgressMessageId, progressTr, STEP_UNIT } from './progress-messages';

export type NoticeKind = 'warn' | 'info' | 'error';

export interface ReportNotice {
  key: string;
  kind: NoticeKind;
  testId: string;
  text: string;
}

/** Coverage below this share of the elapsed buckets is called out. */
const FULL_COVERAGE = 0.99;

/** A window only partly covered: a warning for this period, a note for last year (it only drops the comparison). */
const PARTIAL_NOTICES: (Omit<ReportNotice, 'text'> & {
  window: keyof ProgressFigures['coverage'];
  messageId: ProgressMessageId;
})[] = [
  {
    window: 'current',
    key: 'partial-current',
    kind: 'warn',
    testId: 'notice-partial-current',
    messageId: 'state.partialCurrent',
  },
  {
    window: 'lastYear',
    key: 'partial-ly',
    kind: 'info',
    testId: 'notice-partial-last-year',
    messageId: 'state.partialLastYear',
  },
];

const minutes = (ms: number) => formatDateTime(ms).slice(0, 16);

export function errorText(error: HistoryError, lang: Lang, baseUrl: string): string {
  const text = progressTr(lang)(HISTORY_ERROR_TEXT[error.kind], { url: baseUrl, message: error.message });
  // The unreachable text names the service's address; what the browser said follows it.
  return error.kind === 'unreachable' ? `${text} (${error.message})` : text;
}

/** Why a loaded period shows nothing (not started, or no history), and what the service holds. */
export function emptyText(loaded: LoadedProgress, lang: Lang): string {
  const tr = progressTr(lang);
  const { period } = loaded;
  const { firstMs, lastMs } = loaded.health.coverage;
  const future = cutOffMs(period, loaded.nowMs) <= period.fromMs;
  const why = future ? tr('period.future') : tr('state.empty', { range: rangeText(period.fromMs, period.toMs) });
  const holds =
    firstMs !== null && lastMs !== null
      ? tr('state.emptyCoverage', { from: minutes(firstMs), to: minutes(lastMs) })
      : tr('state.noCoverage');
  return `${why} ${holds}`;
}

export function reportNotices(
  loaded: LoadedProgress,
  figures: ProgressFigures,
  step: DisplayStep,
  lang: Lang,
): ReportNotice[] {
  const tr = progressTr(lang);
  const unit = tr(STEP_UNIT[step]);
  const cov = figures.coverage;
  const notices: ReportNotice[] = [];
  const backfill = loaded.health.backfill;
  if (backfill?.state === 'running')
    notices.push({
      key: 'backfill',
      kind: 'warn',
      testId: 'notice-backfill',
      text: tr('state.backfill', { time: minutes(backfill.doneToMs) }),
    });
  for (const reason of loaded.serviceNotes)
    notices.push({ key: reason, kind: 'warn', testId: 'notice-capped', text: tr('state.capped', { reason }) });
  for (const { window, messageId, ...notice } of PARTIAL_NOTICES) {
    const c = cov[window];
    if (c.fraction < FULL_COVERAGE)
      notices.push({ ...notice, text: tr(messageId, { covered: c.coveredBuckets, elapsed: c.elapsedBuckets, unit }) });
  }
  return notices;
}
