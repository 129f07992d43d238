import { describe, expect, it } from 'vitest';
import { stoppable } from './stoppable';

describe('stoppable', () => {
  // A minute's waits that did not end at stop would time the test out.
  it('ends the current wait and aborts the requests at stop, and waits no more after it', async () => {
    const life = stoppable();
    const waiting = life.sleep(60_000);
    life.stop();
    await waiting;
    await life.sleep(60_000);
    expect(life.stopped).toBe(true);
    expect(life.signal.aborted).toBe(true);
  });

  it('waits its time while not stopped', async () => {
    const life = stoppable();
    let woke = false;
    const waiting = life.sleep(20).then(() => {
      woke = true;
    });
    expect(woke).toBe(false);
    await waiting;
    expect(woke).toBe(true);
    expect(life.signal.aborted).toBe(false);
  });
});
