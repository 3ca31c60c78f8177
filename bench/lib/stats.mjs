// Latency statistics for the benchmarks.
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samplesMs) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    n: s.length,
    mean: sum / (s.length || 1),
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1],
  };
}

/** Runs `fn` `iterations` times after `warmup` runs, sequentially; returns the latency summary in ms. */
export async function timeIt(fn, { iterations = 200, warmup = 20 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarize(samples);
}

/** Runs `fn` with `concurrency` parallel loops for `durationMs`; returns throughput and latency. */
export async function loadLoop(fn, { concurrency = 50, durationMs = 10_000 } = {}) {
  const samples = [];
  let errors = 0;
  let i = 0;
  const until = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const n = i++;
        const t = process.hrtime.bigint();
        try {
          await fn(n);
        } catch {
          errors++;
        }
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return { ...summarize(samples), errors, perSecond: samples.length / seconds, seconds };
}

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
