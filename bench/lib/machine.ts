import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem, release, type } from 'node:os';
import type { Machine } from './results.js';

export function describeMachine(): Machine {
  let cpu = 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: leave unknown
  }
  return {
    nproc: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpu,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}
