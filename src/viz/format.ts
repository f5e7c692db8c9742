/**
 * The shortest decimal that reads back as the same float32: the exact stored weight, without
 * the float64 noise of `String(x)` (0.1f prints as "0.1", not "0.10000000149011612").
 */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as a weight`);
  const single = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(single.toPrecision(digits));
    if (Math.fround(candidate) === single) return String(candidate);
  }
  return String(Number(single.toPrecision(9)));
}

/** Cuts a label to `chars` characters (counting code points), marking the cut with an ellipsis. */
export function truncateLabel(text: string, chars: number): string {
  const points = Array.from(text);
  return points.length <= chars ? text : `${points.slice(0, chars - 1).join('')}\u2026`;
}
