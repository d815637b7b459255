/**
 * Human's `match.similarity` with its default options (Euclidean distance, multiplier 25, result
 * normalised from 0.2..0.8 to 0..1 and rounded to hundredths), in plain Node: main has no Human.
 * Split in two so a search over thousands of descriptors sums squares in one tight loop.
 */

/** Dimensions summed between two looks at the bound. */
const BLOCK = 64;

/**
 * The sum of squared differences of two descriptors of the same length, or Infinity as soon as it
 * passes `bound` (the sum only grows): most kept faces are strangers, given up on a third of the way.
 * Four running sums let the CPU overlap the additions; they can differ from Human's one running sum
 * in the last bits only, far below the hundredths the similarity is rounded to.
 */
export function squaredDistance(a: Float32Array, b: Float32Array, bound = Number.POSITIVE_INFINITY): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  const length = a.length;
  let i = 0;
  while (i + 3 < length) {
    const blockEnd = Math.min(length - 3, i + BLOCK);
    for (; i < blockEnd; i += 4) {
      const d0 = (a[i] as number) - (b[i] as number);
      const d1 = (a[i + 1] as number) - (b[i + 1] as number);
      const d2 = (a[i + 2] as number) - (b[i + 2] as number);
      const d3 = (a[i + 3] as number) - (b[i + 3] as number);
      sum0 += d0 * d0;
      sum1 += d1 * d1;
      sum2 += d2 * d2;
      sum3 += d3 * d3;
    }
    if (sum0 + sum1 + sum2 + sum3 > bound) return Number.POSITIVE_INFINITY;
  }
  for (; i < length; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    sum0 += difference * difference;
  }
  const sum = sum0 + sum1 + sum2 + sum3;
  return sum > bound ? Number.POSITIVE_INFINITY : sum;
}

const MULTIPLIER = 25;
const RANGE = { min: 0.2, max: 0.8 } as const;

/** Human's similarity (0 different .. 1 the same) from squaredDistance, rounded as Human rounds it. */
export function similarityFromSquaredDistance(sum: number): number {
  const distance = Math.round(100 * MULTIPLIER * sum) / 100;
  if (distance === 0) return 1;
  const normalised = (1 - Math.sqrt(distance) / 100 - RANGE.min) / (RANGE.max - RANGE.min);
  return Math.round(100 * Math.max(Math.min(normalised, 1), 0)) / 100;
}

/**
 * The largest squared distance whose similarity can still reach `minSimilarity`: a hundredth lower,
 * since Human rounds the similarity, and a little more, since it rounds the distance too.
 */
export function squaredDistanceBound(minSimilarity: number): number {
  const lowest = Math.max(0, minSimilarity - 0.01);
  const root = 100 * (1 - RANGE.min - lowest * (RANGE.max - RANGE.min));
  return (root * root) / MULTIPLIER + 1;
}

export const faceSimilarity = (a: Float32Array, b: Float32Array): number => similarityFromSquaredDistance(squaredDistance(a, b));
