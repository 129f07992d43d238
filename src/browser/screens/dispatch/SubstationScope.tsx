/**
 * A region's dispatcher (DISPATCH_SCOPE=substation, browser/live/subscription-scope.ts) picks the substation the console
 * shows: the page then subscribes to that substation's device document only, and its tables, drill-down and names are
 * those of the substation's devices (the console below is given the scoped area and remounted on each change, so
 * nothing of the previous substation's rows or selection lingers). The area's totals come from the live core's figures
 * and stand beside the picker. In area scope (one PC) this renders the console as it is.
 *
 * The choice is remembered per browser and can be named in the address (`?substation=<id>`, for a link or a test).
 */
import { Fragment, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { AreaConfig } from '../../../core/config/area-schema';
import { type Lang, LOCALE_BY_LANG } from '../../../core/lang';
import type { LiveCoreStore } from '../../live/live-core-store';
import type { RegionScope } from '../../live/region-scope';
import type { AppRuntime } from '../../live/runtime';
import { RuntimeContext, useRuntime, useStoreSnapshot } from '../../live/runtime-context';
import { pickableSubstations } from '../../live/subscription-scope';
import { formatPower } from '../../ui/format/number';
import { useLang } from '../../ui/i18n/lang-context';
import styles from './SubstationScope.module.css';

const REMEMBERED_KEY = 'gaozhu.dispatch.substation';
/** Options listed at once: a region's thousands of substations are found by typing, not by scrolling a list. */
const LISTED = 200;

const WORDS = {
  zh: {
    substation: '变电站',
    find: '查找',
    devices: '台设备',
    area: '全区',
    consumption: '用电',
    feedersLive: '馈线在线',
    waiting: '等待全区数据',
  },
  en: {
    substation: 'Substation',
    find: 'Find',
    devices: 'devices',
    area: 'Area',
    consumption: 'consumption',
    feedersLive: 'feeders live',
    waiting: 'waiting for the area figures',
  },
} as const;

export function SubstationScope({ children }: { children: ReactNode }) {
  const rt = useRuntime();
  if (!rt.region) return children;
  return (
    <RegionConsole rt={rt} region={rt.region}>
      {children}
    </RegionConsole>
  );
}

function firstSelection(pickable: AreaConfig['substations']): string | null {
  const known = (id: string | null | undefined) => (id && pickable.some((s) => s.id === id) ? id : null);
  const fromUrl = new URLSearchParams(window.location.search).get('substation');
  let remembered: string | null = null;
  try {
    remembered = window.localStorage.getItem(REMEMBERED_KEY);
  } catch {
    // storage refused (private mode): the first substation then
  }
  return known(fromUrl) ?? known(remembered) ?? pickable[0]?.id ?? null;
}

function RegionConsole({ rt, region, children }: { rt: AppRuntime; region: RegionScope; children: ReactNode }) {
  const lang = useLang();
  const w = WORDS[lang];
  const pickable = useMemo(
    () => [...pickableSubstations(rt.area)].sort((x, y) => x.name[lang].localeCompare(y.name[lang], lang)),
    [rt.area, lang],
  );
  const [selected, setSelected] = useState(() => firstSelection(pickable));
  const [find, setFind] = useState('');
  // Idempotent for the same substation (subscription-scope.ts SubstationSelection), so a render may ask for it.
  const view = useMemo(() => region.selection.select(selected ? [selected] : []), [region, selected]);
  useEffect(() => {
    if (!selected) return;
    try {
      window.localStorage.setItem(REMEMBERED_KEY, selected);
    } catch {
      // not remembered: the next visit starts at the first substation
    }
  }, [selected]);
  const scoped = useMemo<AppRuntime>(() => ({ ...rt, area: view.area }), [rt, view]);
  const listed = useMemo(() => {
    const q = find.trim().toLowerCase();
    const hits = q ? pickable.filter((s) => `${s.id} ${s.name.zh} ${s.name.en}`.toLowerCase().includes(q)) : pickable;
    const shown = hits.slice(0, LISTED);
    const current = pickable.find((s) => s.id === selected);
    return current && !shown.includes(current) ? [current, ...shown] : shown;
  }, [pickable, find, selected]);
  const devices =
    view.area.substations.length +
    view.area.feeders.length +
    view.area.pvSites.length +
    view.area.chargingStations.length;

  return (
    <div className={styles.region} data-testid="region-scope" data-substation={selected ?? ''}>
      <div className={styles.bar}>
        <label className={styles.field}>
          {w.substation}
          <select
            value={selected ?? ''}
            onChange={(e) => setSelected(e.target.value || null)}
            data-testid="substation-picker"
          >
            {listed.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          {w.find}
          <input
            type="search"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            size={14}
            data-testid="substation-find"
          />
        </label>
        <span data-testid="substation-devices" data-count={devices}>
          {devices.toLocaleString(LOCALE_BY_LANG[lang])} {w.devices}
        </span>
        <span className={styles.spacer} />
        <AreaTotals figures={region.figures} lang={lang} />
      </div>
      <RuntimeContext.Provider value={scoped}>
        <Fragment key={selected ?? ''}>{children}</Fragment>
      </RuntimeContext.Provider>
    </div>
  );
}

function AreaTotals({ figures, lang }: { figures: LiveCoreStore; lang: Lang }) {
  const snap = useStoreSnapshot(figures);
  const w = WORDS[lang];
  const area = snap.figures.area;
  if (!area) return <span data-testid="area-totals">{w.waiting}</span>;
  const feeders = area.coverage.feeder;
  return (
    <span
      className={styles.totals}
      data-testid="area-totals"
      data-feeders-live={feeders.live}
      data-feeders-configured={feeders.configured}
    >
      {w.area} · {w.consumption} {formatPower(area.power.consumptionKw, lang).text} · {w.feedersLive}{' '}
      {feeders.live.toLocaleString(LOCALE_BY_LANG[lang])} / {feeders.configured.toLocaleString(LOCALE_BY_LANG[lang])}
    </span>
  );
}
