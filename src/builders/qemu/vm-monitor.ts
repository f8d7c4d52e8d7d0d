// Watches a running VM (process exit and QMP run state) so every wait fails within seconds when the VM is
// dead, instead of waiting out ssh_timeout.
import { readFile } from 'node:fs/promises';
import { KilnError, throwIfAborted } from '../../core/errors.js';
import { stripTerminalControls } from '../../core/terminal-text.js';
import { withDeadline } from '../../core/wait.js';
import type { QmpConnection, QmpEvent } from './qmp.js';
import { describeExit, type VmProcess } from './vm-process.js';

const DEAD_STATES = new Set(['internal-error', 'guest-panicked', 'io-error', 'shutdown']);
const POLL_MS = 1_000;
/** How long a failed wait gives the VM's exit to be noticed before it reports its own error. */
const DEATH_NOTICE_MS = 1_000;

export interface VmMonitor {
  /** Why the VM can no longer make progress, or undefined while it runs. */
  deadReason(): string | undefined;
  /** Resolves with the reason as soon as the VM is dead. */
  readonly dead: Promise<string>;
  /** Set while Kiln itself powers the VM off, so a clean exit is not reported as a failure. */
  expectExit(): void;
  close(): void;
}

export interface MonitorOptions {
  vm: VmProcess;
  qmp: QmpConnection;
  accelerator: string;
  /** The guest's serial console log; its tail is added to the reason. */
  serialLog?: string;
}

export function monitorVm({ vm, qmp, accelerator, serialLog }: MonitorOptions): VmMonitor {
  let reason: string | undefined;
  let expected = false;
  let resolveDead: (reason: string) => void = () => {};
  const dead = new Promise<string>((resolve) => {
    resolveDead = resolve;
  });
  let marked = false;
  const markDead = async (why: string) => {
    // Claimed before the await: an exit and a QMP status seen together must report once, the first.
    if (marked || expected) return;
    marked = true;
    reason = `${why}${await consoleTail(serialLog)}`;
    resolveDead(reason);
  };
  void vm.exited.then((exit) => markDead(`the VM stopped: ${describeExit(exit)}`));
  const checkStatus = async () => {
    try {
      const { status } = await qmp.queryStatus();
      if (!DEAD_STATES.has(status)) return;
      const stderr = vm.errorLines();
      await markDead(`${describeState(status, accelerator)}${stderr ? `\nQEMU said: ${stderr}` : ''}`);
    } catch {
      // QMP closes when QEMU exits; the exit handler reports that.
    }
  };
  const onEvent = (event: QmpEvent) => {
    if (event.event === 'STOP' || event.event === 'GUEST_PANICKED' || event.event === 'SHUTDOWN')
      void checkStatus();
  };
  qmp.on('event', onEvent);
  const timer = setInterval(() => void checkStatus(), POLL_MS);
  timer.unref();
  return {
    deadReason: () => reason,
    dead,
    expectExit: () => {
      expected = true;
    },
    close: () => {
      clearInterval(timer);
      qmp.off('event', onEvent);
    },
  };
}

function describeState(status: string, accelerator: string): string {
  switch (status) {
    case 'internal-error':
      return accelerator === 'kvm'
        ? 'the VM stopped with a KVM internal error: this host\'s KVM cannot run this guest; set "accelerator": "tcg" (or "auto")'
        : 'the VM stopped with an internal error in QEMU';
    case 'guest-panicked':
      return 'the guest kernel panicked';
    case 'io-error':
      return 'the VM stopped on a disk I/O error (is the disk full?)';
    default:
      return 'the guest powered off';
  }
}

async function consoleTail(serialLog: string | undefined): Promise<string> {
  if (!serialLog) return '';
  try {
    // Only what the console printed as text: escape sequences would act on the user's terminal.
    const lines = stripTerminalControls(await readFile(serialLog, 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '');
    const tail = lines.slice(-8);
    return tail.length ? `\nlast lines of the guest console:\n${tail.map((l) => `  | ${l}`).join('\n')}` : '';
  } catch {
    return '';
  }
}

/**
 * Runs `work` with a signal that also aborts when the VM dies, and turns that abort into an error that says
 * why the VM died: a wait on a dead VM ends within a second instead of at its timeout.
 */
export async function whileVmAlive<T>(
  monitor: VmMonitor,
  signal: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const dead = monitor.deadReason();
  if (dead) throw new KilnError(dead, { code: 'vm-dead' });
  throwIfAborted(signal);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  let died: string | undefined;
  void monitor.dead.then((reason) => {
    died = reason;
    controller.abort(new KilnError(reason, { code: 'vm-dead' }));
  });
  try {
    return await work(controller.signal);
  } catch (error) {
    if (signal.aborted) throw error;
    // A killed QEMU drops its SSH forward at the moment it dies: the session's error can arrive first.
    const reason = died ?? (await deadWithin(monitor, DEATH_NOTICE_MS));
    if (reason !== undefined) throw new KilnError(reason, { code: 'vm-dead', cause: error });
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function deadWithin(monitor: VmMonitor, ms: number): Promise<string | undefined> {
  const outcome = await withDeadline(monitor.dead, ms, new AbortController().signal);
  return outcome === 'timeout' ? undefined : outcome.value;
}
