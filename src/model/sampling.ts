/** How the next token is chosen when generating: temperature 0 is greedy (argmax). */
export interface SamplingOptions {
  temperature: number;
  /** Nucleus sampling: keep the most likely tokens whose probabilities add up to at least topP. */
  topP: number;
}

export const GREEDY: SamplingOptions = { temperature: 0, topP: 1 };

function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}

/**
 * Picks the next token id from one position's logits. `random` returns uniform numbers in [0, 1)
 * (a seeded generator makes a generation reproducible).
 */
export function sampleToken(logits: ArrayLike<number>, options: SamplingOptions, random: () => number): number {
  if (!(options.temperature > 0)) return argmax(logits);
  if (!(options.topP > 0 && options.topP <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${options.topP}`);
  const max = logits[argmax(logits)];
  const weighted = Array.from(logits, (logit, id) => ({ id, p: Math.exp((logit - max) / options.temperature) }));
  const total = weighted.reduce((sum, entry) => sum + entry.p, 0);
  weighted.sort((a, b) => b.p - a.p || a.id - b.id);
  // The nucleus: the smallest prefix of the ranking whose probability reaches topP.
  let kept = 0;
  let mass = 0;
  while (kept < weighted.length && mass < options.topP * total) mass += weighted[kept++].p;
  let target = random() * mass;
  for (let k = 0; k < kept; k++) {
    target -= weighted[k].p;
    if (target < 0) return weighted[k].id;
  }
  return weighted[kept - 1].id;
}
