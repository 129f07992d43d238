/**
 * The history service's last hour of minutes per feeder, for the sparkline cells. A context rather than row data: the
 * seed changes every refresh, and putting it on the rows would re-create all of them; through a context only the
 * sparklines on screen (the virtualised rows) re-render.
 */
import { createContext } from 'react';
import type { SparkSeed } from './dispatch-history';

export const SparkSeedContext = createContext<SparkSeed | null>(null);
