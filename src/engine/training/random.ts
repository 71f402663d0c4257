import seedrandom from 'seedrandom';

/** Returns a seeded random number generator uniform on [0, 1). */
export function createRandom(seed: number): () => number {
  return seedrandom(String(seed));
}

/** Returns indices 0 … n−1 in a seeded random order (Fisher–Yates). */
export function shuffledIndices(n: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices;
}
