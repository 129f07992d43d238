/** Who may publish and read the feeders' protection and self-healing events (a device stream, not for the wall). */
import { describe, expect, it } from 'vitest';
import { FEEDER_EVENTS_FILTER, feederEventsTopic } from '../../core/contract/feeder-events';
import { mayPublish, maySubscribe } from './acl';

describe('ACL of the feeder events channel', () => {
  const topic = feederEventsTopic('sc', 'xinqu-f06');
  it('the feeds publish it; the live service, dispatchers and the recorder read it; nobody else publishes it', () => {
    expect(mayPublish('feeds', topic)).toBe(true);
    for (const role of ['live', 'dashboard', 'recorder', 'wall'] as const) expect(mayPublish(role, topic)).toBe(false);
    for (const role of ['live', 'dashboard', 'recorder'] as const) {
      expect(maySubscribe(role, FEEDER_EVENTS_FILTER)).toBe(true);
      expect(maySubscribe(role, topic)).toBe(true);
    }
  });
  it('the public wall cannot read it', () => {
    expect(maySubscribe('wall', FEEDER_EVENTS_FILTER)).toBe(false);
    expect(maySubscribe('wall', topic)).toBe(false);
  });
});
