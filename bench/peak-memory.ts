import { readFileSync } from "node:fs";

/** Peak resident memory of this process so far, in MB (Linux `VmHWM`; falls back to current RSS). */
export function peakMemoryMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 1024 / 1024;
}
