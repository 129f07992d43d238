import { describe, expect, it } from 'vitest';
import { DEFAULT_DWELL_S, nextScene, parseWallParams } from './wall-params';

describe('parseWallParams', () => {
  it('defaults: rotate through all scenes from supply, default dwell, no kiosk', () => {
    expect(parseWallParams('')).toEqual({
      scene: null,
      rotate: true,
      dwellMs: DEFAULT_DWELL_S * 1000,
      kiosk: false,
      crashPanel: null,
    });
  });
  it('a pinned scene stays put unless rotate=on is given', () => {
    expect(parseWallParams('?scene=transition')).toMatchObject({ scene: 'transition', rotate: false });
    expect(parseWallParams('?scene=emobility&rotate=on')).toMatchObject({ scene: 'emobility', rotate: true });
    expect(parseWallParams('?scene=nonsense')).toMatchObject({ scene: null, rotate: true });
  });
  it('rotate=off, kiosk as a bare flag, dwell clamped to 5 s – 1 h', () => {
    expect(parseWallParams('?rotate=off&kiosk')).toMatchObject({ rotate: false, kiosk: true });
    expect(parseWallParams('?kiosk=0').kiosk).toBe(false);
    expect(parseWallParams('?dwell=1').dwellMs).toBe(5000);
    expect(parseWallParams('?dwell=12').dwellMs).toBe(12000);
    expect(parseWallParams('?dwell=abc').dwellMs).toBe(DEFAULT_DWELL_S * 1000);
  });
  it('accepts only slug panel names for the crash hook', () => {
    expect(parseWallParams('?crash=kpis').crashPanel).toBe('kpis');
    expect(parseWallParams('?crash=<script>').crashPanel).toBeNull();
  });
  it('rotates supply → transition → emobility → supply', () => {
    expect(nextScene('supply')).toBe('transition');
    expect(nextScene('transition')).toBe('emobility');
    expect(nextScene('emobility')).toBe('supply');
  });
});
