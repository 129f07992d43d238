/** Hand-made device readings shared by the tests that sum a stream by hand. */
import type { ChargingStationConfig } from '../../src/core/config/area-schema';

const ONE_CAR_KW = 7;

/** A charger's connectors with one car on the first: 7 kW, 3 kWh into its session; the others available. */
export function oneCarConnectors(station: Pick<ChargingStationConfig, 'connectors'>) {
  return station.connectors.map((k, j) => ({
    id: k.id,
    state: j === 0 ? 'charging' : 'available',
    pKw: j === 0 ? ONE_CAR_KW : 0,
    sessionKwh: j === 0 ? 3 : 0,
  }));
}
