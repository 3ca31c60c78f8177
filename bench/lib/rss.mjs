// The resident memory of a process, from /proc (Linux).
import { readFileSync } from 'node:fs';

/** RSS of `pid` in MB, NaN when it cannot be read. */
export function rssMb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Samples the RSS of `pid` every `everyMs` until `stop()`, which returns the peak and the peak of
 * each `windowMs` (to tell a warm-up spike from growth), in MB.
 */
export function sampleRss(pid, { everyMs = 500, windowMs = 5000 } = {}) {
  const perWindow = Math.max(1, Math.round(windowMs / everyMs));
  const windows = [];
  let peak = rssMb(pid);
  let samples = 0;
  const timer = setInterval(() => {
    const mb = rssMb(pid);
    peak = Math.max(peak, mb);
    if (samples++ % perWindow === 0) windows.push(mb);
    else windows[windows.length - 1] = Math.max(windows[windows.length - 1], mb);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peak, windows };
    },
  };
}
