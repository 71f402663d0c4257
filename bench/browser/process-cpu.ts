import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of the CPU times in /proc/<pid>/stat. */
let clockTicks = 0;

/** Reads the command name, the parent PID and the user plus system clock ticks from a /proc stat file. */
function readStat(path: string): { name: string; parent: number; ticks: number } {
  const stat = readFileSync(path, 'utf8');
  // The command name is in brackets and may contain spaces, so the fields are split after it. The parent
  // PID, utime and stime, fields 4, 14 and 15 of the line in proc(5), are then at indexes 1, 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * Returns the CPU time, in milliseconds, that each thread of the Chromium
 * processes started by this process has used so far. The keys are the process
 * type and the thread's name, as in `gpu-process/Thread<00>` or
 * `renderer/chromium`, where a process's main thread carries the executable's
 * name. Threads of one type and name are summed. SwiftShader's worker threads,
 * `Thread<NN>` in the GPU process, emit no trace events, so /proc is the only
 * place their time shows. Returns null where /proc is missing (any system but Linux).
 */
export function chromiumThreadCpuMs(): Map<string, number> | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  clockTicks ||= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const processes: { pid: number; parent: number; type: string }[] = [];
  for (const entry of entries) {
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(commandLine)?.[1] ?? (commandLine.includes('chrom') ? 'browser' : 'other');
      processes.push({ pid: Number(entry), parent: readStat(`/proc/${entry}/stat`).parent, type });
    } catch {
      // The process ended while it was being read.
    }
  }
  const descendants = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const entry of processes) {
      if (!descendants.has(entry.pid) && descendants.has(entry.parent)) {
        descendants.add(entry.pid);
        grew = true;
      }
    }
  }

  const times = new Map<string, number>();
  for (const { pid, type } of processes) {
    if (pid === process.pid || !descendants.has(pid) || type === 'other') continue;
    let threads: string[] = [];
    try {
      threads = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const thread of threads) {
      try {
        const { name, ticks } = readStat(`/proc/${pid}/task/${thread}/stat`);
        const key = `${type}/${name}`;
        times.set(key, (times.get(key) ?? 0) + (ticks * 1000) / clockTicks);
      } catch {
        // The thread ended while it was being read.
      }
    }
  }
  return times;
}

/** Sums the CPU time of the threads whose key starts with `prefix`, e.g. `gpu-process/`; NaN without /proc. */
export function cpuMsOf(times: Map<string, number> | null, prefix: string): number {
  if (!times) return Number.NaN;
  let sum = 0;
  for (const [key, milliseconds] of times) if (key.startsWith(prefix)) sum += milliseconds;
  return sum;
}
