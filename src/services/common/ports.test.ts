import { describe, expect, it } from 'vitest';
import { PORT_ENV_NAMES } from './ports';

describe('PORT_ENV_NAMES', () => {
  it('names every port variable once (the dev and preview servers share APP_PORT)', () => {
    expect([...PORT_ENV_NAMES].sort()).toEqual([
      'APP_PORT',
      'BROKER_HTTP_PORT',
      'FEEDS_CONTROL_PORT',
      'HISTORY_PORT',
      'LIVE_PORT',
      'MQTT_PORT',
      'MQTT_WS_PORT',
    ]);
  });
});
