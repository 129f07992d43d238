/**
 * Stateless noise keyed by (seed, time): every smooth wiggle of the world is a pure function of time, so values don't
 * depend on how often advanceTo is called, and a world can be queried at any instant without replaying its past.
 */

/** Uniform [0, 1) from an integer lattice point (murmur3 finaliser). */
export function hash01(seed: number, i: number): number {
  let h = (Math.imul(i | 0, 0x27d4eb2d) ^ seed) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Smooth value noise in [-1, 1] with one lattice point per unit of x. */
export function valueNoise(seed: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const a = hash01(seed, i);
  const b = hash01(seed, i + 1);
  const s = f * f * (3 - 2 * f);
  return 2 * (a + (b - a) * s) - 1;
}
