/**
 * Returns the seed to pass to tfjs's random ops for `seed`. tfjs 4.22 draws
 * unseeded numbers when the seed is 0, because it tests the seed for truth,
 * so 0 becomes the smallest positive number, which no integer seed equals.
 * Every seed then draws the same numbers on every call.
 */
export function tfjsSeed(seed: number): number {
  return seed === 0 ? Number.MIN_VALUE : seed;
}
