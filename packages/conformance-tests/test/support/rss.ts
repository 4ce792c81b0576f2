import { readFileSync } from 'node:fs';

/** A process's resident set size in MiB, from /proc (Linux); undefined where there is no /proc. */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kB = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kB === undefined ? undefined : Math.round((Number(kB) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; samples are (ms since start, MiB). */
export function sampleRss(pid: number, everyMs = 250) {
  const started = Date.now();
  const samples: { atMs: number; mib: number }[] = [];
  const take = () => {
    const mib = rssMiB(pid);
    if (mib !== undefined) samples.push({ atMs: Date.now() - started, mib });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
