// The VM's memory and device state to and from a file with QEMU's migration (QEMU 7.2 has no `file:` URI, so
// `exec:cat`): saving pauses the VM for a one-pass copy; loading needs QEMU started with `-incoming defer`.
import { KilnError } from '../../../core/errors.js';
import { abortableSleep } from '../../../core/wait.js';
import type { QmpConnection } from '../qmp.js';

const POLL_MS = 100;
/** Bytes per second; QEMU's default (128 MiB/s) would make a file write crawl. */
const UNLIMITED_BANDWIDTH = 1024 ** 4;

interface MigrationInfo {
  status?: string;
  'error-desc'?: string;
}

/** Ends the quoted string, adds a backslash-escaped quote, opens a new one. */
const CLOSE_QUOTE_OPEN = "'\\''";

/** Single quotes for `sh -c`, which QEMU runs the exec: command with. */
export function shellQuote(path: string): string {
  return `'${path.split("'").join(CLOSE_QUOTE_OPEN)}'`;
}

/** Writes the state of the (already stopped) VM to `path`; the VM stays paused afterwards. */
export async function saveVmState(qmp: QmpConnection, path: string, signal: AbortSignal): Promise<void> {
  await qmp.command('migrate-set-parameters', { 'max-bandwidth': UNLIMITED_BANDWIDTH });
  await qmp.command('migrate', { uri: `exec:cat > ${shellQuote(path)}` });
  await waitForMigration(qmp, signal, 'saving the VM state');
}

/** Loads the state into a QEMU started with `-incoming defer`; the VM then runs on from where it was saved. */
export async function loadVmState(qmp: QmpConnection, path: string, signal: AbortSignal): Promise<void> {
  await qmp.command('migrate-incoming', { uri: `exec:cat ${shellQuote(path)}` });
  await waitForMigration(qmp, signal, 'loading the cached VM state');
  const { status } = await qmp.queryStatus();
  if (status !== 'running') await qmp.command('cont');
}

async function waitForMigration(qmp: QmpConnection, signal: AbortSignal, what: string): Promise<void> {
  for (;;) {
    const info = await qmp.command<MigrationInfo>('query-migrate');
    if (info.status === 'completed') return;
    if (info.status === 'failed' || info.status === 'cancelled') {
      throw new KilnError(`${what} failed: ${info['error-desc'] ?? info.status}`, { code: 'snapshot' });
    }
    // An incoming migration reports no status until it starts; QEMU's run state says when it is done.
    const idle = info.status === undefined || info.status === 'none';
    if (idle && (await qmp.queryStatus()).status !== 'inmigrate') return;
    await abortableSleep(POLL_MS, signal);
  }
}
