// Upload throughput of Kiln's file provisioner against OpenSSH's scp: the same 200 MB file to the same
// loopback sshd, alternating A B A B so background load hits both alike. Run on demand:
// npx vitest run --project bench bench/file-upload.bench.test.ts
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFileProvisioner } from '../src/provisioners/file/run.js';
import { type ProvisionFixture, startProvisionFixture } from '../test/unit/provision-fixture.js';

const SIZE_MB = Number(process.env.KILN_BENCH_UPLOAD_MB ?? 200);
const ROUNDS = Number(process.env.KILN_BENCH_ROUNDS ?? 3);

let fx: ProvisionFixture;
let source: string;

beforeAll(async () => {
  fx = await startProvisionFixture();
  source = join(fx.dir, 'payload.bin');
  // Random bytes, so neither side gains from compression; written in chunks, never held whole.
  const file = await open(source, 'w');
  for (let i = 0; i < SIZE_MB; i++) await file.write(randomBytes(1024 * 1024));
  await file.close();
}, 120_000);
afterAll(async () => {
  await fx?.stop();
});

async function timed(work: () => Promise<void>, target: string): Promise<number> {
  await rm(target, { force: true });
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  expect((await stat(target)).size).toBe(SIZE_MB * 1024 * 1024);
  await rm(target, { force: true });
  return seconds;
}

const kiln = (target: string) => () =>
  runFileProvisioner(
    { type: 'file', sources: [source], destination: target, direction: 'upload', generated: false },
    fx.context(),
  );

const scp = (target: string) => async () => {
  await promisify(execFile)('scp', [
    '-q',
    ...['-i', fx.keyFile, '-P', String(fx.sshd.port)],
    ...['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes'],
    source,
    `root@127.0.0.1:${target}`,
  ]);
};

describe(`upload of ${SIZE_MB} MB to the loopback sshd`, () => {
  it('file provisioner vs scp, alternating', async () => {
    const rows: { round: number; kiln: number; scp: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const k = await timed(kiln(join(fx.dir, 'kiln.bin')), join(fx.dir, 'kiln.bin'));
      const s = await timed(scp(join(fx.dir, 'scp.bin')), join(fx.dir, 'scp.bin'));
      rows.push({ round, kiln: k, scp: s });
    }
    const mbps = (seconds: number) => (SIZE_MB / seconds).toFixed(1);
    for (const r of rows)
      console.log(
        `round ${r.round}: kiln ${mbps(r.kiln)} MB/s (${r.kiln.toFixed(2)} s), scp ${mbps(r.scp)} MB/s (${r.scp.toFixed(2)} s)`,
      );
    const total = (key: 'kiln' | 'scp') => rows.reduce((sum, r) => sum + r[key], 0);
    const ratio = total('scp') / total('kiln');
    console.log(`kiln/scp throughput ratio: ${ratio.toFixed(2)} (goal >= 0.8)`);
    expect(ratio).toBeGreaterThan(0);
  });
});
