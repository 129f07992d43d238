/** What the feeds' scenario control answers a request with, for the world's tests of scenarios without the HTTP server. */
import type { ScenarioError } from './scenarios';
import type { World } from './world';

/** `ok` when `w` takes the scenario `body`, else the status its refusal carries (400 bad request, 404 unknown device). */
export function scenarioStatus(w: World, body: unknown, ok: number): number {
  try {
    w.applyScenario(body);
    return ok;
  } catch (e) {
    return (e as ScenarioError).status;
  }
}
