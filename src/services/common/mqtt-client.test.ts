import { describe, expect, it } from 'vitest';
import { brokerUrlList } from './mqtt-client';

describe('broker URL setting', () => {
  it('passes one URL through untouched', () => {
    expect(brokerUrlList('mqtt://127.0.0.1:1883')).toEqual({ firstUrl: 'mqtt://127.0.0.1:1883' });
    expect(brokerUrlList('ws://h/mqtt')).toEqual({ firstUrl: 'ws://h/mqtt' });
  });

  it('turns a comma-separated list of cluster nodes into mqtt.js servers, first one first', () => {
    expect(brokerUrlList('mqtt://10.0.0.1:1883, mqtt://10.0.0.2:1884,mqtt://n3.local:1885')).toEqual({
      firstUrl: 'mqtt://10.0.0.1:1883',
      servers: [
        { host: '10.0.0.1', port: 1883, protocol: 'mqtt' },
        { host: '10.0.0.2', port: 1884, protocol: 'mqtt' },
        { host: 'n3.local', port: 1885, protocol: 'mqtt' },
      ],
    });
    expect(brokerUrlList('ws://a:8083/mqtt,ws://b:8084/mqtt').servers?.map((s) => s.protocol)).toEqual(['ws', 'ws']);
  });

  it('refuses lists mqtt.js would misread, naming the URL', () => {
    expect(() => brokerUrlList(' , ')).toThrow(/names no broker/);
    expect(() => brokerUrlList('mqtt://a:1883,ws://b:8083/mqtt')).toThrow(/"ws:\/\/b:8083\/mqtt" differs/);
    expect(() => brokerUrlList('ws://a:1/mqtt,ws://b:2/other')).toThrow(/differs from the first/);
    expect(() => brokerUrlList('mqtt://a:1883,mqtt://b')).toThrow(/"mqtt:\/\/b" needs an explicit port/);
    expect(() => brokerUrlList('mqtt://a:1883,not a url')).toThrow(/is not a URL/);
  });
});
