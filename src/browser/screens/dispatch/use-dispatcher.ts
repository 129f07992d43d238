/**
 * Who acknowledges: the dispatcher's name, asked once (and remembered per browser) before the first acknowledgement,
 * or when the dispatcher asks to change it.
 */
import { useCallback, useState } from 'react';
import type { Alarm } from '../../../core/domain/alarms/types';
import { DISPATCHER_NAME_KEY, readLocal, writeLocal } from './dispatch-storage';
import type { DispatchAlarms } from './use-dispatch-alarms';

export interface Dispatcher {
  name: string | null;
  /** The alarm waiting for a name, 'change' when the dispatcher asked, null when no name is asked. */
  asking: Alarm | 'change' | null;
  acknowledge: (a: Alarm) => void;
  askToChange: () => void;
  cancel: () => void;
  save: (name: string) => void;
}

export function useDispatcher(alarms: Pick<DispatchAlarms, 'acknowledge'>): Dispatcher {
  const [name, setName] = useState<string | null>(() => readLocal(DISPATCHER_NAME_KEY));
  const [asking, setAsking] = useState<Alarm | 'change' | null>(null);
  const ackAlarm = alarms.acknowledge;
  const acknowledge = useCallback(
    (a: Alarm) => {
      if (name) ackAlarm(a, name);
      else setAsking(a);
    },
    [name, ackAlarm],
  );
  const askToChange = useCallback(() => setAsking('change'), []);
  const cancel = useCallback(() => setAsking(null), []);
  const save = (next: string) => {
    setName(next);
    writeLocal(DISPATCHER_NAME_KEY, next);
    setAsking(null);
    if (asking && asking !== 'change') ackAlarm(asking, next);
  };
  return { name, asking, acknowledge, askToChange, cancel, save };
}
