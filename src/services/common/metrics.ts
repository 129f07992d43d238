/**
 * Prometheus metrics for the Node services (prom-client): a registry per service instance (tests run several brokers
 * in one process, so nothing goes into prom-client's global registry) and the handler for `GET /metrics`.
 * Metric names start with the service (`broker_…`) and counters end in `_total`, as Prometheus expects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export { Counter, Gauge, Registry };

export interface MetricsRegistryOptions {
  /**
   * The process's own figures (RSS, heap, event-loop lag, open handles) under `process_*` and `nodejs_*`. One per
   * process: the service's main turns them on, tests that start a broker in-process leave them off.
   */
  processMetrics?: boolean;
}

export function createMetricsRegistry(service: string, opts: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Answers `GET /metrics` (text exposition format) and returns true; returns false for any other request. */
export function handleMetricsRequest(registry: Registry, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return false;
  registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(text);
    },
    (err: Error) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`metrics unavailable: ${err.message}\n`);
    },
  );
  return true;
}
