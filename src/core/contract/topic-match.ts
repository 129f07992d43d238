/**
 * MQTT topic filter matching (`+` one level, `#` the rest), for dispatching messages to local subscribers. It walks
 * both strings level by level without splitting them: it runs for every filter on every message in the ingest worker
 * (tens of thousands a second), where two arrays per call were most of its cost.
 */
const PLUS = 43;
const HASH = 35;

/** End of the level starting at `from`: the next '/' or the end of the string. */
function levelEnd(s: string, from: number): number {
  const i = s.indexOf('/', from);
  return i === -1 ? s.length : i;
}

export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  // Start of the current level in each; past the length once its last level is used.
  let f = 0;
  let t = 0;
  while (f <= filter.length) {
    const fEnd = levelEnd(filter, f);
    const single = fEnd - f === 1 ? filter.charCodeAt(f) : -1;
    if (single === HASH) return true;
    if (t > topic.length) return false;
    const tEnd = levelEnd(topic, t);
    if (single !== PLUS) {
      if (tEnd - t !== fEnd - f) return false;
      for (let k = 0; k < fEnd - f; k++) if (filter.charCodeAt(f + k) !== topic.charCodeAt(t + k)) return false;
    }
    f = fEnd + 1;
    t = tEnd + 1;
  }
  return t > topic.length;
}
