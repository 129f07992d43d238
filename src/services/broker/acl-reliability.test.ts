/** Who may read supply reliability: the wall its outages and indicators (feeder, sections, counts), not the records. */
import { describe, expect, it } from 'vitest';
import { LIVE_SCOPES } from '../../core/contract/live-core';
import { reliabilityTopics } from '../../core/contract/reliability';
import { mayPublish, maySubscribe } from './acl';

describe('ACL: supply reliability', () => {
  it('the public wall reads the outages and every scope’s indicators, and publishes none', () => {
    expect(maySubscribe('wall', reliabilityTopics.outages)).toBe(true);
    for (const scope of LIVE_SCOPES) expect(maySubscribe('wall', reliabilityTopics.indicators(scope))).toBe(true);
    expect(maySubscribe('wall', reliabilityTopics.indicators('area').replace(/area$/, '+'))).toBe(true);
    expect(mayPublish('wall', reliabilityTopics.outages)).toBe(false);
  });

  it('the wall cannot read the records stream nor widen to the whole reliability tree', () => {
    expect(maySubscribe('wall', reliabilityTopics.records)).toBe(false);
    expect(maySubscribe('wall', reliabilityTopics.outages.replace(/outages$/, '#'))).toBe(false);
  });

  it('only the live service publishes them; the dispatcher reads them', () => {
    expect(mayPublish('live', reliabilityTopics.outages)).toBe(true);
    expect(mayPublish('feeds', reliabilityTopics.outages)).toBe(false);
    expect(maySubscribe('dashboard', reliabilityTopics.outages)).toBe(true);
  });
});
