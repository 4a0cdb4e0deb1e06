import fs from 'node:fs';
import os from 'node:os';
import { readGpus } from './host-facts';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds and resident bytes of a process from /proc (Linux); null elsewhere or once it has exited. */
function readProcess(pid: number): { cpuSeconds: number; rssBytes: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    const rssBytes = Number(fields[21]) * 4096;
    return { cpuSeconds, rssBytes };
  } catch {
    return null;
  }
}

/**
 * System readings of one engine process every few seconds: CPU (percent of one core), RSS, and per GPU its
 * utilisation, memory and power, with the energy in joules integrated over the run.
 */
export function startSystemSampler(pid: number | undefined, onReading: (readings: Record<string, number>) => void, intervalMs = 5_000): () => void {
  let last = pid ? readProcess(pid) : null;
  let lastAt = Date.now();
  let energyJoules = 0;
  const sample = async () => {
    const now = Date.now();
    const readings: Record<string, number> = {};
    const current = pid ? readProcess(pid) : null;
    if (current && last) readings.cpu_percent = Math.round((100 * (current.cpuSeconds - last.cpuSeconds)) / ((now - lastAt) / 1000));
    if (current) readings.rss_bytes = current.rssBytes;
    readings.host_memory_used_bytes = os.totalmem() - os.freemem();
    for (const gpu of await readGpus()) {
      readings[`gpu${gpu.index}_utilization_percent`] = gpu.utilizationPercent;
      readings[`gpu${gpu.index}_memory_used_bytes`] = gpu.memoryUsedBytes;
      if (gpu.powerWatts !== null) {
        readings[`gpu${gpu.index}_power_watts`] = gpu.powerWatts;
        energyJoules += gpu.powerWatts * ((now - lastAt) / 1000);
        readings.gpu_energy_joules = Math.round(energyJoules);
      }
    }
    last = current;
    lastAt = now;
    onReading(readings);
  };
  const timer = setInterval(() => void sample(), intervalMs);
  return () => clearInterval(timer);
}
