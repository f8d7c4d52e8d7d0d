// Which process a PID is now, from /proc: a PID recorded by an earlier run may since belong to another
// process, so nothing is signalled unless it is still the one that was recorded.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** A process as a later run can recognise it: its PID and the kernel's start time for it (clock ticks). */
export interface ProcessIdentity {
  readonly pid: number;
  readonly started: string | undefined;
}

export function identify(pid: number): ProcessIdentity {
  return { pid, started: startTime(pid) };
}

/** The same process is still alive (not a later one that reused its PID). */
export function isStillRunning(process: ProcessIdentity): boolean {
  const started = startTime(process.pid);
  return started !== undefined && started === process.started && !isZombie(process.pid);
}

/** The process's command line (arguments joined by spaces), undefined when it is gone. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the PID is gone (it need not be Kiln's child). */
export async function endProcess(pid: number, graceMs = 5_000): Promise<void> {
  send(pid, 'SIGTERM');
  let killed = false;
  for (let waited = 0; isAlive(pid); waited += POLL_MS) {
    if (waited >= graceMs && !killed) {
      send(pid, 'SIGKILL');
      killed = true;
    }
    // A SIGKILLed process is gone within moments; past twice the grace something else holds it: stop waiting.
    if (waited > graceMs * 2) return;
    await delay(POLL_MS);
  }
}

const POLL_MS = 50;

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  return startTime(pid) !== undefined && !isZombie(pid);
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function startTime(pid: number): string | undefined {
  // Field 22 of stat; after the command name (field 2) it is the 20th.
  return statFields(pid)?.[19];
}

function isZombie(pid: number): boolean {
  return statFields(pid)?.[0] === 'Z';
}
