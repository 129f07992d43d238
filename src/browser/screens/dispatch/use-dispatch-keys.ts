/** Keyboard operation of the console (`?` lists the keys): global, except while typing in a field (only Esc counts). */
import { type RefObject, useEffect, useEffectEvent } from 'react';
import type { Alarm, AlarmAck } from '../../../core/domain/alarms/types';
import type { GridHandle } from './device-grid';
import { alarmToAcknowledge, deviceOfRow, tabOfKey } from './dispatch-keys';
import { TABS, type Tab } from './dispatch-tables';

export interface DispatchKeyTargets {
  tab: Tab;
  selectedRowId: string | null;
  selectedAlarmId: string | null;
  alarmRows: readonly Alarm[];
  ackOf: (a: Alarm) => AlarmAck | null;
  askingName: boolean;
  help: boolean;
  feederOpen: boolean;
  gridRef: RefObject<GridHandle | null>;
  filterRef: RefObject<HTMLInputElement | null>;
  closeNameDialog: () => void;
  setHelp: (next: (open: boolean) => boolean) => void;
  closeFeeder: () => void;
  openFor: (rowId: string) => void;
  acknowledge: (a: Alarm) => void;
  setTab: (tab: Tab) => void;
}

export function useDispatchKeys(k: DispatchKeyTargets): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    const typing = !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
    if (e.key === 'Escape') {
      if (k.askingName) k.closeNameDialog();
      else if (k.help) k.setHelp(() => false);
      else if (typing) el?.blur();
      else if (k.feederOpen) k.closeFeeder();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey || k.askingName) return;
    const tab = tabOfKey(e.key, TABS);
    if (e.key === '/') {
      e.preventDefault();
      k.filterRef.current?.focus();
    } else if (e.key === '?') {
      k.setHelp((h) => !h);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      k.gridRef.current?.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      const id = k.gridRef.current?.selected();
      if (id) k.openFor(id);
    } else if (e.key === 'a') {
      const deviceId = deviceOfRow(k.tab, k.selectedRowId);
      const pick = alarmToAcknowledge(k.alarmRows, k.selectedAlarmId, deviceId, k.ackOf);
      if (pick) k.acknowledge(pick);
    } else if (tab) {
      k.setTab(tab);
    }
  });
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
