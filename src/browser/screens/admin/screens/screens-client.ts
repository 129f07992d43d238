/**
 * The admin screen's client of the screens' health listing (src/core/contract/screen-health-api.ts), served by the
 * web server to administrators and dispatchers. Every answer is an outcome the tab can say in words; none throws. The
 * answer is checked for shape: a proxy's page shows as "malformed answer", never as "no screens".
 */
import { type ScreenList, screenListSchema } from '../../../../core/contract/screen-health-api';

export const SCREENS_URL = '/api/screens';

export type ScreensOutcome =
  | { kind: 'ok'; value: ScreenList }
  | { kind: 'denied'; status: number }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unreachable'; detail: string };

export async function fetchScreens(): Promise<ScreensOutcome> {
  let res: Response;
  try {
    res = await fetch(SCREENS_URL, { cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    return { kind: 'unreachable', detail: (e as Error).message };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'denied', status: res.status };
  if (res.status >= 500 || res.status === 429) return { kind: 'unreachable', detail: `HTTP ${res.status}` };
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // not JSON: judged below
  }
  if (!res.ok) {
    const error = (json as { error?: unknown } | null)?.error;
    return { kind: 'rejected', status: res.status, detail: typeof error === 'string' ? error.slice(0, 200) : '' };
  }
  const parsed = screenListSchema.safeParse(json);
  return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'unreachable', detail: 'malformed answer' };
}
