/**
 * The page's Content-Security-Policy, from what the built app actually loads: module scripts and one module worker
 * from /assets (no inline script, no eval), its own CSS and fonts, fetches to its own origin (/config, /api) and MQTT
 * over WebSocket to the broker. Inline styles stay allowed: React's style props are CSSOM and need nothing, but
 * ECharts builds its tooltips as HTML with style attributes, which style-src without 'unsafe-inline' would strip.
 */
import type { IncomingMessage } from 'node:http';
import type { PublicEndpoints } from './runtime-config';

/** A Host header's host name without the port; null when it is not a plain name or address (never echoed then). */
export function hostNameOf(host: string | undefined): string | null {
  if (!host) return null;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i.test(name) ? name.toLowerCase() : null;
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null; // relative (e.g. '/api'): same origin, covered by 'self'
  }
}

/**
 * The broker's WebSocket origins the page may connect to: the explicit MQTT_PUBLIC_WS_URL, or (the default) the
 * page's own host on the broker's port, as ws: and wss: because the scheme follows the page's (behind a TLS proxy).
 */
export function brokerSources(endpoints: PublicEndpoints, pageHost: string | undefined): string[] {
  if (endpoints.mqttUrl) {
    const origin = originOf(endpoints.mqttUrl);
    return origin ? [origin] : [];
  }
  const name = hostNameOf(pageHost);
  return name ? [`ws://${name}:${endpoints.mqttWsPort}`, `wss://${name}:${endpoints.mqttWsPort}`] : [];
}

export function connectSources(endpoints: PublicEndpoints, pageHost: string | undefined): string[] {
  const history = originOf(endpoints.historyBaseUrl);
  return ["'self'", ...brokerSources(endpoints, pageHost), ...(history ? [history] : [])];
}

/**
 * Directives in helmet's form. connect-src is computed per request (the broker is on the host the page was reached
 * by); `hostOf` says which header names it (X-Forwarded-Host behind a trusted reverse proxy).
 */
export function cspDirectives(
  endpoints: () => PublicEndpoints,
  hostOf: (req: IncomingMessage) => string | undefined,
): Record<string, Iterable<string | ((req: IncomingMessage) => string)>> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // mqtt.js keeps its keepalive timers in a worker made from a blob (worker-timers: a background tab's timers are
    // throttled, a worker's are not). Only script already allowed here ('self') can create one.
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    // The build inlines the smallest font subsets (under Vite's 4 KB asset limit) as data: URLs; a font runs no script.
    'font-src': ["'self'", 'data:'],
    'connect-src': [(req) => connectSources(endpoints(), hostOf(req)).join(' ')],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}
