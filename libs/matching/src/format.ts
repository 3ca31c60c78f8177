/** Numbers as a consultant says them: no trailing zeros, at most `digits` decimals. */
export function fmt(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}
