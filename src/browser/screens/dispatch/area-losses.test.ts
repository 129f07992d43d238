import { describe, expect, it } from 'vitest';
import { lossesLine } from './area-losses';
import { lossesFigure, MIDNIGHT, NOW } from './losses-figure-fixture';

const ok = lossesFigure({ kwh: 1234, pctOfIntake: 0.75 });

describe("the dispatcher's losses line", () => {
  it('says the losses now and today with their share of the intake', () => {
    expect(lossesLine({ tsMs: NOW, losses: ok }, NOW, 'en')).toEqual({
      state: 'ok',
      text: '152 kW (0.76%) · today 1.23 MWh (0.75%)',
    });
    expect(lossesLine({ tsMs: NOW, losses: ok }, NOW, 'zh').text).toBe('152 kW (0.76%) · 今日 1.23 MWh (0.75%)');
  });

  it('says from when today is counted when that is after midnight, and the time of old figures', () => {
    const since = { ...ok, today: { ...ok.today, countedSinceMs: MIDNIGHT + 9.5 * 3_600_000 } };
    expect(lossesLine({ tsMs: NOW, losses: since }, NOW + 60_000, 'en').text).toBe(
      '152 kW (0.76%) · today since 09:30: 1.23 MWh (0.75%) (as of 14:00:00)',
    );
  });

  it('never shows a number it does not have: why not, and no share while exporting', () => {
    const missing = { ...ok, kw: null, pctOfIntake: null, notComputable: 'feeder-missing' as const };
    expect(lossesLine({ tsMs: NOW, losses: missing }, NOW, 'en')).toEqual({
      state: 'not-computable',
      text: 'not computable: a feeder has no live value · today 1.23 MWh (0.75%)',
    });
    const exporting = { ...ok, intakeKw: -900, kw: 10, pctOfIntake: null };
    expect(lossesLine({ tsMs: NOW, losses: exporting }, NOW, 'en').text).toBe('10.0 kW · today 1.23 MWh (0.75%)');
    expect(lossesLine(null, NOW, 'en')).toEqual({ state: 'none', text: 'none (not published by the live service)' });
    expect(lossesLine({ tsMs: NOW, losses: null }, NOW, 'zh').state).toBe('none');
  });
});
