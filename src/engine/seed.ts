/**
 * Returns the seed to pass to tfjs's random ops for `seed`. tfjs 4.22 draws
 * unseeded numbers when the seed is 0, because it tests the seed for truth,
 * so 0 becomes the smallest positive number, which no integer seed equals.
 * Every seed then draws the same numbers on every call.
 */
export function tfjsSeed(seed: number): number {
  return seed === 0 ? Number.MIN_VALUE : seed;
}

/**
 * Largest training seed. The trainer seeds weight initialisation with
 * seed · 1000 + parameter index and each epoch's shuffle with seed + epoch,
 * and both must be integers below 2^53 for a double to hold them exactly.
 * 2^32 − 1, the range of a 32-bit seed, keeps them far below that.
 */
export const MAX_SEED = 2 ** 32 - 1;
