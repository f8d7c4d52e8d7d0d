// `kiln doctor` against a made-up machine (a PATH of stand-in programs and a root directory of /dev, /sys,
// /usr/share), a few cases only a replaced probe can show (no permission as root), and one real run here.
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../src/commands/doctor.js';
import { type HostProbes, hostProbes } from '../../src/commands/host-probes.js';
import { Capture } from './cli-streams.js';
import { useTempDir } from './template-fixture.js';

const KILN = resolve(import.meta.dirname, '../../bin/kiln.js');
const { dir } = useTempDir();

/** A PATH directory holding programs that print `version` for --version/-version. */
async function fakePath(programs: Record<string, string>): Promise<string> {
  const bin = await mkdtemp(join(dir(), 'bin-'));
  for (const [name, version] of Object.entries(programs)) {
    await writeFile(join(bin, name), `#!/bin/sh\necho '${version}'\n`);
    await chmod(join(bin, name), 0o755);
  }
  return bin;
}

async function touch(path: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, '');
}

async function doctor(programs: Record<string, string>, override: Partial<HostProbes> = {}) {
  const env = { PATH: await fakePath(programs), KILN_CACHE_DIR: join(dir(), 'cache') };
  const probes = { ...hostProbes({ env, root: join(dir(), 'root') }), ...override };
  const out = new Capture();
  const code = await runDoctorCommand({ probes, env, cwd: dir(), signal: AbortSignal.timeout(10_000), out });
  return { code, text: out.text() };
}

const QEMU = {
  'qemu-system-x86_64': 'QEMU emulator version 7.2.22',
  'qemu-system-aarch64': 'QEMU emulator version 7.2.22',
  'qemu-img': 'qemu-img version 7.2.22',
};

describe('kiln doctor', () => {
  it('reports versions and what is missing, and passes with QEMU and qemu-img', async () => {
    const run = await doctor({ ...QEMU, xorriso: 'xorriso 1.5.4' });
    expect(run.code).toBe(0);
    expect(run.text).toMatch(
      /^ok +qemu-system-x86_64 +.*bin-\w+\/qemu-system-x86_64: QEMU emulator version 7\.2\.22$/m,
    );
    expect(run.text).toMatch(/^ok +other QEMU +qemu-system-aarch64 /m);
    expect(run.text).toMatch(/^ok +qemu-img +.*qemu-img version 7\.2\.22$/m);
    expect(run.text).toMatch(/^ok +xorriso +.*xorriso 1\.5\.4$/m);
    expect(run.text).toMatch(/^no +swtpm +not found/m);
    expect(run.text).toMatch(/^no +OVMF +no \/usr\/share\/OVMF\/\*\.fd/m);
    expect(run.text).toMatch(/^warn +\/dev\/kvm +absent: builds run under TCG/m);
    expect(run.text).toMatch(/^ok +cache directory +.*cache: [\d.]+ \w?i?B free$/m);
    expect(run.text).toContain('Kiln can build here, with TCG (no usable KVM).');
  });

  it('exits 1 and names what is missing when qemu-img or QEMU is not there', async () => {
    const run = await doctor({ 'qemu-system-x86_64': 'QEMU emulator version 7.2.22' });
    expect(run.code).toBe(1);
    expect(run.text).toMatch(
      /^FAIL +qemu-img +not found on PATH: no build can run\n +-> apt-get install qemu-utils$/m,
    );
    expect(run.text).toContain('Kiln cannot build here: qemu-img missing.');
    const none = await doctor({});
    expect(none.code).toBe(1);
    expect(none.text).toContain('Kiln cannot build here: qemu-system-x86_64 and qemu-img missing.');
  });

  it('lists OVMF firmware files', async () => {
    await touch(join(dir(), 'root/usr/share/OVMF/OVMF_CODE_4M.fd'));
    await touch(join(dir(), 'root/usr/share/OVMF/OVMF_VARS_4M.fd'));
    const run = await doctor(QEMU);
    expect(run.text).toMatch(/^ok +OVMF +\/usr\/share\/OVMF: OVMF_CODE_4M\.fd, OVMF_VARS_4M\.fd$/m);
  });

  it('explains PVM: /dev/kvm opens but ordinary guests die', async () => {
    await touch(join(dir(), 'root/dev/kvm'));
    await mkdir(join(dir(), 'root/sys/module/kvm_pvm'), { recursive: true });
    const run = await doctor(QEMU);
    expect(run.code).toBe(0);
    expect(run.text).toMatch(/^warn +\/dev\/kvm +KVM here is paravirtual \(kvm_pvm\)/m);
    expect(run.text).toContain('ordinary guests die with "KVM internal error"');
  });

  it('names the group to join when /dev/kvm is not accessible', async () => {
    await touch(join(dir(), 'root/dev/kvm'));
    const run = await doctor(QEMU, {
      readWritable: async () => false,
      kvmUnusable: async () => '/dev/kvm is not accessible to this user',
      kvmGroup: async () => 'kvm',
    });
    expect(run.text).toMatch(/^warn +\/dev\/kvm +no permission: builds run under TCG/m);
    expect(run.text).toContain(`join the 'kvm' group that owns /dev/kvm (sudo usermod -aG kvm "$USER")`);
  });

  it('says usable when KVM runs the probe guest, and warns about little free disk', async () => {
    await touch(join(dir(), 'root/dev/kvm'));
    const run = await doctor(QEMU, {
      kvmUnusable: async () => undefined,
      freeBytes: async () => 2 * 1024 ** 3,
    });
    expect(run.text).toMatch(/^ok +\/dev\/kvm +usable: KVM ran a probe guest$/m);
    expect(run.text).toMatch(
      /^warn +output directory +.*: 2\.0 GiB free\n +-> less than 10\.0 GiB for disk images$/m,
    );
    expect(run.text).toContain('Kiln can build here, with KVM.');
  });

  it('runs for real on this machine (QEMU and qemu-img are installed for the tests)', async () => {
    const run = await execa('node', [KILN, 'doctor'], { reject: false, all: true });
    expect(run.exitCode).toBe(0);
    for (const name of ['qemu-system-x86_64', 'qemu-img', '/dev/kvm', 'OVMF', 'swtpm', 'cache directory'])
      expect(run.all).toContain(name);
    expect(run.all).toMatch(/^ok +qemu-img +\/\S+qemu-img: qemu-img version \d/m);
  });
});
