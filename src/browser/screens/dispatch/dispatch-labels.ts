/**
 * The words (and glyphs) for the console's enumerations, as total tables: a rule, severity, state or column without
 * its label is a type error here, not an id shown on screen.
 */
import type { AlarmDisplayState, AlarmRule, AlarmSeverity } from '../../../core/domain/alarms/types';
import type { DispatchMessageId } from './dispatch-messages';
import type { ConnectorRowState, FeederState, PvRowState } from './dispatch-rows';

export type DeviceState = FeederState | PvRowState | ConnectorRowState;

export const STATE_LABEL: Record<DeviceState, DispatchMessageId> = {
  normal: 'state.normal',
  heavy: 'state.heavy',
  overload: 'state.overload',
  stale: 'state.stale',
  offline: 'state.offline',
  'no-data': 'state.no-data',
  producing: 'state.producing',
  idle: 'state.idle',
  tripped: 'state.tripped',
  available: 'state.available',
  charging: 'state.charging',
  faulted: 'state.faulted',
  unavailable: 'state.unavailable',
};

/** A state's glyph beside its word (never colour alone). */
export const STATE_GLYPH: Record<DeviceState, string> = {
  normal: '●',
  heavy: '▲',
  overload: '⬣',
  stale: '◌',
  offline: '✕',
  'no-data': '–',
  producing: '☀',
  idle: '◐',
  tripped: '⚡',
  available: '○',
  charging: '⚡',
  faulted: '✕',
  unavailable: '–',
};

export const RULE_LABEL: Record<AlarmRule, DispatchMessageId> = {
  overload: 'rule.overload',
  'heavy-load': 'rule.heavy-load',
  voltage: 'rule.voltage',
  stale: 'rule.stale',
  offline: 'rule.offline',
  'pv-trip': 'rule.pv-trip',
  'charger-fault': 'rule.charger-fault',
  'feeder-trip': 'rule.feeder-trip',
  'source-down': 'rule.source-down',
};

export const SEVERITY_LABEL: Record<AlarmSeverity, DispatchMessageId> = {
  critical: 'severity.critical',
  major: 'severity.major',
  minor: 'severity.minor',
};

export const SEVERITY_GLYPH: Record<AlarmSeverity, string> = { critical: '⬣', major: '▲', minor: '●' };

export const ALARM_STATE_LABEL: Record<AlarmDisplayState, DispatchMessageId> = {
  active: 'alarmState.active',
  acknowledged: 'alarmState.acknowledged',
  cleared: 'alarmState.cleared',
};
