// Measures the fastest boot_key_interval that loses no key: types a 500-character boot command into the test
// OS's isolinux prompt at several intervals and compares what the installer received (its console echoes the
// url= parameter) with what was typed. Run on demand: npx vitest run --project bench
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseBootCommand, typeBootCommand } from '../src/bootcommand/index.js';
import { DEFAULT_KEY_INTERVAL_MS } from '../src/builders/qemu/steps/type-boot-command.js';
import { findFreePort } from '../src/net/ports.js';
import { connectVnc } from '../src/vnc/index.js';
import { startTestVm } from '../test/integration/helpers/test-vm.js';
import { ensureTestOsIso } from '../test/integration/helpers/testos.js';

const INTERVALS_MS = [
  ...new Set([
    ...(process.env.KILN_BENCH_INTERVALS ?? '0,5,10,20,25').split(',').map(Number),
    DEFAULT_KEY_INTERVAL_MS,
  ]),
];
const TRIALS = Number(process.env.KILN_BENCH_TRIALS ?? 2);
// Every typeable character that survives the installer's unquoted shell word splitting: no spaces, no glob
// characters (* ? [), no quotes, no < > (they could form boot-command key names).
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&()+,;=:@%/{}|^#';

function payload(length: number, seed: number): string {
  let x = seed;
  let out = '';
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += ALPHABET[x % ALPHABET.length];
  }
  return out;
}

async function trial(
  iso: string,
  intervalMs: number,
  seed: number,
): Promise<{ sent: string; received: string; ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-bench-'));
  const vncPort = await findFreePort('127.0.0.1', { min: 5900, max: 6000 });
  const serial = join(dir, 'serial.log');
  const vm = startTestVm([
    ...['-nic', 'user,model=virtio-net-pci', '-cdrom', iso, '-boot', 'once=d'],
    ...['-vnc', `127.0.0.1:${vncPort - 5900}`, '-serial', `file:${serial}`],
  ]);
  try {
    await sleep(3000);
    // Port 1 refuses at once, so the installer prints the URL, fails and powers off.
    const url = `http://10.0.2.2:1/${payload(500 - 'install url=http://10.0.2.2:1/'.length, seed)}`;
    const command = `<esc><wait>install url=${url}<enter>`;
    const vnc = await connectVnc({ host: '127.0.0.1', port: vncPort, signal: AbortSignal.timeout(10_000) });
    const started = Date.now();
    await typeBootCommand(parseBootCommand(command), vnc, {
      keyIntervalMs: intervalMs,
      signal: AbortSignal.timeout(120_000),
    });
    const ms = Date.now() - started - 1000;
    await vnc.close();
    await Promise.race([vm.exited, sleep(60_000)]);
    const log = await readFile(serial, 'utf8');
    const received = /kiln-installer: config url: (\S*)/.exec(log)?.[1] ?? '(installer never started)';
    return { sent: url, received, ms };
  } finally {
    await vm.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('boot_key_interval', () => {
  it('loses no key at the chosen default', async () => {
    const iso = await ensureTestOsIso();
    const rows: string[] = [];
    const damagedAtDefault: string[] = [];
    for (const interval of INTERVALS_MS) {
      for (let t = 0; t < TRIALS; t++) {
        const { sent, received, ms } = await trial(iso, interval, 7 + t);
        const lost = sent === received ? 0 : Math.max(1, sent.length - received.length);
        if (lost && interval === DEFAULT_KEY_INTERVAL_MS)
          damagedAtDefault.push(`trial ${t + 1}: ${received}`);
        rows.push(
          `${interval} ms\ttrial ${t + 1}\t${sent === received ? 'intact' : `DAMAGED (${received.length}/${sent.length} chars)`}\ttyped in ${(ms / 1000).toFixed(1)} s`,
        );
        if (lost && process.env.KILN_BENCH_VERBOSE) rows.push(`  sent     ${sent}\n  received ${received}`);
      }
    }
    process.stdout.write(`\n${rows.join('\n')}\n`);
    expect(damagedAtDefault, `keys lost at the default ${DEFAULT_KEY_INTERVAL_MS} ms`).toEqual([]);
  }, 1_800_000);
});
