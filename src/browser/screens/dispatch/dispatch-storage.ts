/** What the console remembers per browser. Storage may be disabled or full: then it lasts for this session only. */

export const DISPATCHER_NAME_KEY = 'gaozhu.dispatch.dispatcherName';
export const MUTED_KEY = 'gaozhu.dispatch.muted';
export const TAB_KEY = 'gaozhu.dispatch.tab';
/** '1' when the dispatcher has folded the alarm pane away (more room for the table on a small screen). */
export const ALARMS_COLLAPSED_KEY = 'gaozhu.dispatch.alarmsCollapsed';

export function readLocal(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeLocal(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* storage disabled: remembered for this session only */
  }
}
