/**
 * Runtime configuration of the browser app, fetched at start from /config/runtime.json (served from the environment
 * by the app server; see vite.config.ts): where the broker is and the MQTT credentials of the page's role
 * (`?role=public`: the wall user, which reads only the live core; `?role=dispatcher`: the dashboard user, which reads
 * the raw device stream). Nothing here is compiled into the bundle, so the same build runs against any broker.
 * The schema is checked in the document-check worker (checked-documents.ts): main-thread code imports only the type
 * from here, and the broker URL rule from broker-url.ts.
 */
import { z } from 'zod';
import { DISPATCH_SCOPES } from '../../core/contract/substation-devices';

export const runtimeConfigSchema = z.object({
  mqttUrl: z.string(),
  mqttWsPort: z.number().int().positive(),
  mqttWsPath: z.string().startsWith('/'),
  mqttUsername: z.string().min(1),
  mqttPassword: z.string(),
  historyBaseUrl: z.string(),
  /** What the dispatcher subscribes to (DISPATCH_SCOPE, subscription-scope.ts); absent: every device ('area'). */
  dispatchScope: z.enum(DISPATCH_SCOPES).default('area'),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;
