/**
 * What the dispatcher's connection subscribes to, by the dispatch scope (DISPATCH_SCOPE, the page's runtime config):
 *
 * - 'area' (one PC, the default): every device's raw telemetry and status through the edge judge, the substation
 *   snapshots to seed the table from, and the live core's alarms, status and reliability — as it always was.
 * - 'substation' (a region): no raw device topic. The device documents of the substations the dispatcher selected
 *   (live/devices/<id>), and the live core's figures for the area's totals; the same alarms, status and reliability.
 *   A new selection subscribes to the new substations' documents and unsubscribes from the old ones; the page's store
 *   holds just the substations selected so far (scopedArea), so the table, the sums and the snapshot work walk those,
 *   not 100,000 devices.
 *
 * The plan is pure (the ingest worker runs it, tests read it); the broker's ACL (src/services/broker/acl.ts,
 * REGION_DISPATCH_FILTERS) allows a region's dispatcher user exactly the 'substation' plan's filters.
 */
import type { AreaConfig } from '../../core/config/area-schema';
import { LIVE_SCOPES, liveTopics } from '../../core/contract/live-core-terms';
import { type DispatchScope, substationDevicesTopic, substationMembers } from '../../core/contract/substation-devices';
import { ALL_STATUS_FILTER, ALL_TELEMETRY_FILTER, SIM_CLOCK_TOPIC } from '../../core/contract/topics';
import { DISPATCH_LIVE_TOPICS, SUBSTATION_SEED_FILTER } from './ingest-protocol';

/**
 * What the worker does with a subscription's messages: judge them into the store ('judge'), forward them to the main
 * thread's live-core stores ('live'), seed the table from them ('seed'), or read them as device documents ('devices').
 */
export type SubscriptionRoute = 'judge' | 'live' | 'seed' | 'devices';
export interface PlannedSubscription {
  filter: string;
  route: SubscriptionRoute;
}

export function subscriptionPlan(scope: DispatchScope, substationIds: readonly string[]): PlannedSubscription[] {
  // The clock first: its retained value must be known before retained telemetry is judged.
  const clock: PlannedSubscription = { filter: SIM_CLOCK_TOPIC, route: 'judge' };
  if (scope === 'area')
    return [
      clock,
      { filter: ALL_TELEMETRY_FILTER, route: 'judge' },
      { filter: ALL_STATUS_FILTER, route: 'judge' },
      ...DISPATCH_LIVE_TOPICS.map((filter) => ({ filter, route: 'live' as const })),
      { filter: SUBSTATION_SEED_FILTER, route: 'seed' },
    ];
  // One subscription per topic: overlapping filters would deliver a message twice.
  const live = new Set<string>([...DISPATCH_LIVE_TOPICS, ...LIVE_SCOPES.map((s) => liveTopics.figures(s))]);
  return [
    clock,
    ...[...live].map((filter) => ({ filter, route: 'live' as const })),
    ...[...new Set(substationIds)].map((id) => ({ filter: substationDevicesTopic(id), route: 'devices' as const })),
  ];
}

/**
 * To the ingest worker: subscribe by this scope and selection from now on (sent before its start message too, so it
 * starts with them; without one it starts in area scope).
 */
export interface SelectSubstations {
  type: 'select';
  dispatchScope: DispatchScope;
  substationIds: readonly string[];
}

/** What a new plan subscribes to and unsubscribes from; what both have stays subscribed (no retained replay). */
export function planChange(
  before: readonly PlannedSubscription[],
  after: readonly PlannedSubscription[],
): { subscribe: PlannedSubscription[]; unsubscribe: string[] } {
  const had = new Set(before.map((p) => p.filter));
  const has = new Set(after.map((p) => p.filter));
  return {
    subscribe: after.filter((p) => !had.has(p.filter)),
    unsubscribe: [...had].filter((f) => !has.has(f)),
  };
}

/**
 * The area as the page's store sees it in substation scope: the selected substations and their devices (feeders, and
 * the PV sites and charging stations on them); everything else of the configuration (thresholds, factors, intervals)
 * as it is. Unknown ids select nothing.
 */
export function scopedArea(area: AreaConfig, substationIds: readonly string[]): AreaConfig {
  const members = substationMembers(area);
  const keep = new Set(substationIds.flatMap((id) => (members.get(id) ?? []).map((m) => m.id)));
  return {
    ...area,
    substations: area.substations.filter((s) => keep.has(s.id)),
    feeders: area.feeders.filter((f) => keep.has(f.id)),
    pvSites: area.pvSites.filter((p) => keep.has(p.id)),
    chargingStations: area.chargingStations.filter((c) => keep.has(c.id)),
  };
}

/** The substations a dispatcher may pick: those with feeders (a 220 kV station's own reading is not a desk's view). */
export function pickableSubstations(area: AreaConfig): AreaConfig['substations'] {
  const withFeeders = new Set(area.feeders.map((f) => f.substationId));
  return area.substations.filter((s) => withFeeders.has(s.id));
}

/** The page's view in substation scope: the selection and the area of just its devices. */
export interface ScopedView {
  substationIds: readonly string[];
  area: AreaConfig;
}

/**
 * Owns the selection: each new one is handed on (`apply`: the store re-scoped to its area, the worker's subscriptions
 * moved). Selecting the same substations again returns the same view, so React's repeated renders and StrictMode's
 * double effects cost nothing.
 */
export class SubstationSelection {
  private view: ScopedView;

  constructor(
    private readonly area: AreaConfig,
    private readonly apply: (view: ScopedView) => void,
    initial: readonly string[] = [],
  ) {
    this.view = { substationIds: initial, area: scopedArea(area, initial) };
  }

  current(): ScopedView {
    return this.view;
  }

  select(substationIds: readonly string[]): ScopedView {
    const ids = [...new Set(substationIds)];
    if (ids.length === this.view.substationIds.length && ids.every((id, i) => id === this.view.substationIds[i]))
      return this.view;
    this.view = { substationIds: ids, area: scopedArea(this.area, ids) };
    this.apply(this.view);
    return this.view;
  }
}
