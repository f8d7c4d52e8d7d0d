// kiln build -cache for real, on the test OS with three provisioners (a shell-local that appends to a counter
// file on the host, then two shell ones). The tests run in order and share one cache: cold build, full hit,
// partial hit after changing the second provisioner, miss after changing an installer file, two concurrent
// builds. The counter proves which builds really ran the first provisioner. Then UEFI with a second disk and a
// TPM: the variable store and the second disk are files of each snapshot, the TPM state is in its stream.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQemuImg } from '../../src/disk/qemu-img.js';
import { bootImage } from './helpers/boot-image.js';
import { type CliRun, expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso, REPO_ROOT, TESTOS_TEMPLATE } from './helpers/testos.js';

const PASSWORD = 'tr0mbone-sky';
let dir: string;
let counter: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-snapshot-cache-'));
  counter = join(dir, 'counter');
  await cp(join(REPO_ROOT, 'http/testos'), join(dir, 'http'), { recursive: true });
  await writeTemplate('a.json', 'first');
  await writeTemplate('b.json', 'changed');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemplate(name: string, second: string): Promise<void> {
  const template = JSON.parse(await readFile(TESTOS_TEMPLATE, 'utf8'));
  template.builders[0].http_directory = join(dir, 'http');
  template.provisioners = [
    { type: 'shell-local', inline: [`echo ran >> ${counter}`] },
    { type: 'shell', inline: [`echo ${second} > /root/second`, 'echo guest-clock=$(date +%s)'] },
    template.provisioners[0],
  ];
  template['post-processors'] = [];
  await writeFile(join(dir, name), JSON.stringify(template, null, 2));
}

/** What OVMF measured into the TPM at boot: the same after a resume only if the TPM state came along. */
const PCR0 = 'echo "pcr0=$(cat /sys/class/tpm/tpm0/pcr-sha256/0)"';

/**
 * The test OS under OVMF (as media-devices.test.ts builds it) with a second disk and a TPM: a marker, a
 * provisioner that writes to the second disk, then a changeable one that reads it back.
 */
async function writeUefiTemplate(name: string, second: string): Promise<void> {
  const template = JSON.parse(await readFile(TESTOS_TEMPLATE, 'utf8'));
  const builder = template.builders[0];
  builder.http_directory = join(dir, 'http-uefi');
  builder.efi_boot = true;
  // OVMF takes a while under TCG; the systemd-boot menu waits for ever, so a late start costs only time.
  builder.boot_wait = '40s';
  builder.boot_command = ['e<wait><end> url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/install.cfg<enter>'];
  builder.ssh_timeout = '10m';
  builder.disk_additional_size = ['64M'];
  builder.vtpm = true;
  template.provisioners = [
    template.provisioners[0],
    { type: 'shell', inline: ['printf kept-on-vdb | dd of=/dev/vdb conv=fsync 2>/dev/null', PCR0] },
    {
      type: 'shell',
      inline: [
        'test -d /sys/firmware/efi',
        PCR0,
        `echo ${second} > /root/second`,
        'echo "vdb=$(head -c 11 /dev/vdb)"',
      ],
    },
  ];
  template['post-processors'] = [];
  await writeFile(join(dir, name), JSON.stringify(template, null, 2));
}

async function build(template: string, out: string, cache = 'cache'): Promise<CliRun> {
  const run = await runKiln(
    ['build', '-cache', '-var', `output_directory=${join(dir, out)}`, join(dir, template)],
    { env: { KILN_CACHE_DIR: join(dir, cache) } },
  );
  expect(run.exitCode, run.output).toBe(0);
  expect(await expectNothingLeftBehind(run.output)).toEqual([]);
  return run;
}

async function counted(): Promise<number> {
  return (await readFile(counter, 'utf8')).trim().split('\n').length;
}

/** A standalone image, as a cold build leaves: checks clean, no backing file, no internal snapshots. */
async function expectStandalone(out: string): Promise<void> {
  const image = join(dir, out, 'kiln-testos.qcow2');
  const signal = AbortSignal.timeout(60_000);
  await runQemuImg(['check', image], { signal });
  const info = JSON.parse(await runQemuImg(['info', '--output=json', image], { signal }));
  expect(info.format).toBe('qcow2');
  expect(info['backing-filename']).toBeUndefined();
  expect(info.snapshots ?? []).toEqual([]);
}

describe.sequential('kiln build -cache on the test OS', () => {
  it('a cold build records the install and each provisioner', async () => {
    const run = await build('a.json', 'cold');
    expect(run.output).toContain('Typing the boot command');
    expect(run.output).toContain('Cached snapshot install + 3 provisioners');
    expect(await counted()).toBe(1);
    await expectStandalone('cold');
  });

  it('a rebuild of the same template resumes after the last provisioner: a cache hit', async () => {
    const run = await build('a.json', 'hit');
    expect(run.output).toMatch(/==> qemu: Resuming from cache: install \+ 3 provisioners \(saved \d/);
    expect(run.output).not.toContain('Typing the boot command');
    expect(await counted()).toBe(1);
    await expectStandalone('hit');
  });

  it('changing the second provisioner reruns from the second; the first ran once across both builds', async () => {
    const started = Date.now() / 1000;
    const run = await build('b.json', 'partial');
    const ended = Date.now() / 1000;
    expect(run.output).toMatch(/Resuming from cache: install \+ 1 provisioner \(saved/);
    // The resumed guest wakes with the clock of the cold build's snapshot, before this run began; Kiln sets it.
    const guestClock = Number(/guest-clock=(\d+)/.exec(run.output)?.[1]);
    expect(guestClock).toBeGreaterThanOrEqual(Math.floor(started) - 1);
    expect(guestClock).toBeLessThanOrEqual(Math.ceil(ended) + 1);
    expect(await counted()).toBe(1);
    await expectStandalone('partial');
    const vm = await bootImage(join(dir, 'partial', 'kiln-testos.qcow2'), 'qcow2', PASSWORD);
    try {
      expect((await vm.run('cat /root/second')).stdout.trim()).toBe('changed');
      expect((await vm.run('cat /etc/kiln/marker')).stdout).toContain('built-by=kiln');
    } finally {
      await vm.stop();
    }
  });

  it('changing an installer file (http_directory) is a miss: the install runs again', async () => {
    await writeFile(join(dir, 'http', 'install.cfg.hbs'), '# edited\n', { flag: 'a' });
    const run = await build('a.json', 'miss');
    expect(run.output).not.toContain('Resuming from cache');
    expect(run.output).toContain('Typing the boot command');
    expect(await counted()).toBe(2);
  });

  it('two concurrent builds writing the same snapshots both succeed and leave usable entries', async () => {
    const [one, two] = await Promise.all([build('b.json', 'conc-1'), build('b.json', 'conc-2')]);
    for (const run of [one, two]) {
      expect(run.output).toMatch(/Resuming from cache: install \+ 1 provisioner/);
      expect(run.output).toContain('Cached snapshot install + 3 provisioners');
    }
    // Both planned before either recorded, so both wrote the same keys: the later rename lost, and said so.
    expect(`${one.output}${two.output}`).toContain('another build had just saved the same one');
    const again = await build('b.json', 'after-conc');
    expect(again.output).toMatch(/Resuming from cache: install \+ 3 provisioners/);
    expect(again.output).not.toContain('Ignoring and removing cached snapshot');
    expect(await counted()).toBe(2);
  });
});

function pcr0s(output: string): string[] {
  return [...output.matchAll(/pcr0=(\w*)/g)].map((m) => m[1] as string);
}

describe.sequential('kiln build -cache under UEFI (efi_boot) with disk_additional_size and vtpm', () => {
  let coldPcr0: string | undefined;

  it('a cold build records snapshots that hold the variable store and the second disk', async () => {
    await cp(join(REPO_ROOT, 'http/testos'), join(dir, 'http-uefi'), { recursive: true });
    await writeUefiTemplate('uefi-a.json', 'first');
    await writeUefiTemplate('uefi-b.json', 'changed');
    const run = await build('uefi-a.json', 'uefi-cold', 'cache-uefi');
    expect(run.output).not.toContain('-cache is not used');
    coldPcr0 = pcr0s(run.output)[0];
    expect(coldPcr0).toMatch(/^[0-9A-F]{64}$/i);
    expect(run.output).toContain('Cached snapshot install + 3 provisioners');
    const entries = join(dir, 'cache-uefi', 'snapshots');
    for (const key of (await readdir(entries)).filter((name) => !name.startsWith('.'))) {
      const entry = JSON.parse(await readFile(join(entries, key, 'entry.json'), 'utf8'));
      const names = entry.files.map((file: { name: string }) => file.name);
      expect(names).toEqual(['disk.qcow2', 'disk-1.qcow2', 'vmstate', 'efivars.fd']);
    }
  });

  it('changing the last provisioner resumes before it, with both disks, and the image boots under OVMF', async () => {
    const run = await build('uefi-b.json', 'uefi-partial', 'cache-uefi');
    expect(run.output).toMatch(/Resuming from cache: install \+ 2 provisioners \(saved/);
    expect(run.output).not.toContain('Typing the boot command');
    // Written to the second disk by the cold build's second provisioner, restored from the cache.
    expect(run.output).toContain('vdb=kept-on-vdb');
    expect(pcr0s(run.output)).toEqual([coldPcr0]);
    const outputs = (await readdir(join(dir, 'uefi-partial'))).sort();
    expect(outputs).toEqual(['efivars.fd', 'kiln-testos.qcow2', 'kiln-testos.qcow2-1']);
    await expectStandalone('uefi-partial');
    const image = join(dir, 'uefi-partial', 'kiln-testos.qcow2');
    const vm = await bootImage(image, 'qcow2', PASSWORD, { uefi: true });
    try {
      expect((await vm.run('cat /root/second')).stdout.trim()).toBe('changed');
      expect((await vm.run('test -d /sys/firmware/efi && echo uefi')).stdout.trim()).toBe('uefi');
    } finally {
      await vm.stop();
    }
  });
});
