/**
 * The wall's URL parameters, in the Grafana manner: `?scene=supply|transition|emobility` pins a scene, `?rotate=off`
 * stops the rotation, `?dwell=<seconds>` sets how long each scene stays, `?kiosk` hides the chrome and the cursor.
 * `?crash=<panel>` is a test hook: that panel throws once after load, to prove it is isolated and restarts.
 */
export const SCENES = ['supply', 'transition', 'emobility'] as const;
export type SceneId = (typeof SCENES)[number];

export interface WallParams {
  /** Scene to show first (and only, when rotation is off); null = start with the first. */
  scene: SceneId | null;
  rotate: boolean;
  dwellMs: number;
  kiosk: boolean;
  crashPanel: string | null;
}

export const DEFAULT_DWELL_S = 30;
/** Below this a scene cannot be read from across the hall before it leaves. */
const MIN_DWELL_S = 5;
const MAX_DWELL_S = 3600;

const isScene = (s: string | null): s is SceneId => (SCENES as readonly string[]).includes(s ?? '');

export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const sceneRaw = q.get('scene')?.trim().toLowerCase() ?? null;
  const scene = isScene(sceneRaw) ? sceneRaw : null;
  const rotateRaw = q.get('rotate')?.trim().toLowerCase();
  // A pinned scene without an explicit rotate=on stays put: that is what someone typing ?scene= means.
  const rotate = rotateRaw === 'off' || rotateRaw === 'false' || rotateRaw === '0' ? false : !(scene && !rotateRaw);
  const dwellS = Number(q.get('dwell'));
  const dwellMs =
    (Number.isFinite(dwellS) && dwellS > 0 ? Math.min(MAX_DWELL_S, Math.max(MIN_DWELL_S, dwellS)) : DEFAULT_DWELL_S) *
    1000;
  const kioskRaw = q.get('kiosk');
  const kiosk = kioskRaw !== null && kioskRaw !== 'off' && kioskRaw !== 'false' && kioskRaw !== '0';
  const crash = q.get('crash');
  const crashPanel = crash && /^[A-Za-z0-9-]{1,32}$/.test(crash) ? crash : null;
  return { scene, rotate, dwellMs, kiosk, crashPanel };
}

/** The scene after `current` in the rotation. */
export function nextScene(current: SceneId): SceneId {
  const i = SCENES.indexOf(current);
  return SCENES[(i + 1) % SCENES.length] as SceneId;
}
