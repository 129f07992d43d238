import { describe, expect, it } from 'vitest';
import { lossesFigure, MIDNIGHT, NOW } from '../dispatch/losses-figure-fixture';
import { intakeLossesText } from './intake-losses';

const losses = lossesFigure({ kwh: 2140, pctOfIntake: 0.754 });

describe("the progress screen's losses line", () => {
  it("gives today's losses in kWh and % of the intake, and says grid import excludes them", () => {
    expect(intakeLossesText({ tsMs: NOW, losses }, 'en')).toEqual({
      state: 'ok',
      text: 'Losses today (live, as of 14:00:00): 2.14 MWh between the 220 kV intake and the 10 kV feeder heads, 0.75% of the intake. Grid import is metered at the feeder heads and excludes them.',
    });
    expect(intakeLossesText({ tsMs: NOW, losses }, 'zh').text).toBe(
      '今日输配损耗（实时，截至 14:00:00）：220 kV 受入至 10 kV 馈线出口 2.14 MWh，占受入电量 0.75%。网供电量按馈线出口计量，不含此损耗。',
    );
  });

  it('says from when today is counted when that is after midnight', () => {
    const late = { ...losses, today: { ...losses.today, countedSinceMs: MIDNIGHT + 9.5 * 3_600_000 } };
    expect(intakeLossesText({ tsMs: NOW, losses: late }, 'en').text).toContain('(live, counted since 09:30, as of');
  });

  it('is not computable, with why, rather than a number it does not have', () => {
    const never = {
      ...losses,
      kw: null,
      notComputable: 'feeder-missing' as const,
      today: { kwh: null, pctOfIntake: null, countedSinceMs: null, countedMs: 0 },
    };
    const r = intakeLossesText({ tsMs: NOW, losses: never }, 'en');
    expect(r.state).toBe('not-computable');
    expect(r.text).toContain('not computable (a feeder has no live value)');
    expect(r.text).toContain('excludes the transformer and line losses');
    expect(intakeLossesText(null, 'zh').text).toContain('无法计算（实时服务未发布）');
    expect(intakeLossesText({ tsMs: NOW, losses: null }, 'en').text).toContain('not published by the live service');
    const disagree = { ...losses, today: { ...losses.today, kwh: null, pctOfIntake: null } };
    expect(intakeLossesText({ tsMs: NOW, losses: disagree }, 'en').text).toContain('readings disagree');
  });
});
