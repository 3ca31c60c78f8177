/** Numbers as a consultant says them: no trailing zeros, at most `digits` decimals. */
export function fmt(n: number, digits = 1): string {
  // An integer needs no rounding, and String() gives what toFixed would after the trailing zeros go (at a fraction of the cost).
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(digits)));
}
