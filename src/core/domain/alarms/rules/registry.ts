/**
 * Every rule the engine runs, in evaluation order. A new rule is one file beside this one, one line here, its id in
 * ALARM_RULES (../types.ts) and its words in the screens' label tables.
 */
import { chargerFaultRule } from './charger-fault';
import { feederTripRule } from './feeder-trip';
import { loadingRule } from './loading';
import { offlineRule } from './offline';
import { pvTripRule } from './pv-trip';
import type { AlarmRuleDef } from './rule';
import { sourceDownRule } from './source-down';
import { staleRule } from './stale';
import { voltageRule } from './voltage';

export const ALARM_RULE_DEFS: readonly AlarmRuleDef[] = [
  offlineRule,
  staleRule,
  loadingRule,
  voltageRule,
  pvTripRule,
  chargerFaultRule,
  feederTripRule,
  sourceDownRule,
];
