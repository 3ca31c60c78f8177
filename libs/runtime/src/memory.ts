import { setFlagsFromString } from 'node:v8';

/**
 * Caps how far V8 grows the old generation before its next full collection, at `percent` % above
 * what survived the last one (`--heap-growing-percent`). Under a high allocation rate V8 otherwise
 * lets it grow up to 4×, which made the API's memory spike under intake load (docs/performance.md,
 * "The API's memory"). 0 leaves V8's heuristics alone. Called first thing in a process.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
