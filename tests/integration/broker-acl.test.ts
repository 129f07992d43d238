import { afterAll, describe, expect, it } from 'vitest';
import { brokerTcpUrl, brokerWsUrl, clientTracker, connectAs, startTestBroker } from '../support/broker-fixture';
import { startedForFile } from '../support/for-file';

const broker = startedForFile('the broker', startTestBroker);
const { track, endAll } = clientTracker();
afterAll(endAll);

describe('embedded broker authentication and ACL', () => {
  it('refuses anonymous and wrong-password logins', async () => {
    await expect(connectAs(brokerTcpUrl(broker()), {})).rejects.toThrow(/Not authorized|Bad username|refused/i);
    await expect(connectAs(brokerTcpUrl(broker()), { username: 'dashboard', password: 'nope' })).rejects.toThrow();
    expect(broker().stats.refusedLogins).toBeGreaterThanOrEqual(2);
  });

  it('delivers a feeds publish to a dashboard subscriber over WebSocket', async () => {
    const dash = track(await connectAs(brokerWsUrl(broker()), 'dashboard'));
    const feeds = track(await connectAs(brokerTcpUrl(broker()), 'feeds'));
    const topic = 'gaozhu/v1/feeder/sc/acl-test/telemetry';
    await dash.subscribeAsync(topic);
    const got = new Promise<string>((resolve) => dash.on('message', (_t, p) => resolve(p.toString())));
    await feeds.publishAsync(topic, '{"hello":1}');
    expect(await got).toBe('{"hello":1}');
  });

  it('refuses a publish with the dashboard credentials: nothing reaches subscribers', async () => {
    const listener = track(await connectAs(brokerTcpUrl(broker()), 'recorder'));
    const topic = 'gaozhu/v1/feeder/sc/forged/telemetry';
    await listener.subscribeAsync(topic);
    let received = 0;
    listener.on('message', () => received++);
    const dash = track(await connectAs(brokerTcpUrl(broker()), 'dashboard'));
    const closed = new Promise<void>((resolve) => dash.once('close', () => resolve()));
    dash.publish(topic, '{"forged":true}');
    await closed; // Aedes drops the connection of an MQTT 3.1.1 client whose publish is not authorised
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toBe(0);
    expect(broker().stats.refusedPublishes).toBeGreaterThanOrEqual(1);
  });

  it('refuses subscriptions outside the contract root', async () => {
    const dash = track(await connectAs(brokerTcpUrl(broker()), 'dashboard'));
    // SUBACK 0x80 (failure): mqtt.js rejects the subscription; the connection stays up.
    await expect(dash.subscribeAsync('#')).rejects.toThrow(/Subscribe error/);
    await expect(dash.subscribeAsync('$SYS/#')).rejects.toThrow(/Subscribe error/);
    expect(dash.connected).toBe(true);
  });
});
