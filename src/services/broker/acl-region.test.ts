import { describe, expect, it } from 'vitest';
import { liveTopics } from '../../core/contract/live-core';
import { REGION_DISPATCH_FILTERS, substationDevicesTopic } from '../../core/contract/substation-devices';
import { ALL_TELEMETRY_FILTER, deviceTopic, TOPIC_ROOT } from '../../core/contract/topics';
import { loadMqttUsers } from '../common/credentials';
import { maySubscribe, roleRights } from './acl';
import { mosquittoAcl } from './mosquitto/config';
import { natsPermissions } from './nats/config';

const region = roleRights('substation');
const feeder = deviceTopic({ kind: 'feeder', province: 'sc', deviceId: 'f1', channel: 'telemetry' });

describe('a region dispatcher (DISPATCH_SCOPE=substation) reads what it shows, not the raw stream', () => {
  it('may read one substation’s devices, the figures, status and alarms', () => {
    expect(maySubscribe('dashboard', substationDevicesTopic('gz-110-a'), region)).toBe(true);
    expect(maySubscribe('dashboard', liveTopics.figures('area'), region)).toBe(true);
    expect(maySubscribe('dashboard', liveTopics.status, region)).toBe(true);
    expect(maySubscribe('dashboard', liveTopics.alarmsDispatch, region)).toBe(true);
  });

  it('may not read a device’s raw topics, every device, or the whole root', () => {
    for (const filter of [feeder, ALL_TELEMETRY_FILTER, `${TOPIC_ROOT}/#`, `${TOPIC_ROOT}/live/#`])
      expect(maySubscribe('dashboard', filter, region), filter).toBe(false);
  });

  it('keeps the one-PC dispatcher’s rights and keeps the documents from the public wall', () => {
    const area = roleRights('area');
    expect(maySubscribe('dashboard', ALL_TELEMETRY_FILTER, area)).toBe(true);
    expect(maySubscribe('wall', substationDevicesTopic('gz-110-a'), region)).toBe(false);
    expect(maySubscribe('wall', substationDevicesTopic('gz-110-a'), area)).toBe(false);
  });

  it('writes the same allow list for Mosquitto and NATS', () => {
    const acl = mosquittoAcl(loadMqttUsers(), region);
    const dashboard = acl.split('\n\n').find((b) => b.startsWith('# dashboard')) ?? '';
    expect(dashboard.split('\n').filter((l) => l.startsWith('topic read '))).toEqual(
      REGION_DISPATCH_FILTERS.map((f) => `topic read ${f}`),
    );
    const nats = natsPermissions('dashboard', region);
    expect(nats.subscribe.allow).toContain('gaozhu.v1.live.devices.*');
    // No QoS 1 delivery subject: that one shows every QoS 1 delivery in the account.
    expect(nats.subscribe.allow.some((s) => s.startsWith('$MQTT'))).toBe(false);
    expect(nats.subscribe.allow).not.toContain('gaozhu.v1.>');
  });
});
