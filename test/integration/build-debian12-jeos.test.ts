// templates/debian12-jeos.json for real (BIOS build): the test OS installer unpacks the debootstrap root
// filesystem and installs its GRUB, Kiln's provisioners shrink and generalize it; then the image boots on its own
// and the template's user logs in: systemd is PID 1, sudo works, the host keys are new, apt reaches the mirror.
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BootedImage, bootImage } from './helpers/boot-image.js';
import { ensureJeosInputs, hostDebianMirror, JEOS_TEMPLATE, mirrorAnswers } from './helpers/jeos.js';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';

const USER = 'kiln';
const PASSWORD = 'kiln-jeos';
let dir: string;
let vm: BootedImage | undefined;
let buildHostKey: string | undefined;

/** The template with a first provisioner that prints the build's ED25519 host key (generalize.sh deletes it). */
async function templateThatShowsTheHostKey(): Promise<string> {
  const template = JSON.parse(readFileSync(JEOS_TEMPLATE, 'utf8')) as { provisioners: unknown[] };
  template.provisioners.unshift({
    type: 'shell',
    inline: ['echo "build-host-key: $(cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub)"'],
  });
  const path = join(dir, 'debian12-jeos.json');
  await writeFile(path, JSON.stringify(template, null, 2));
  return path;
}

beforeAll(async () => {
  await ensureJeosInputs();
  dir = await mkdtemp(join(tmpdir(), 'kiln-jeos-'));
}, 1_800_000);

afterAll(async () => {
  await vm?.stop(); // QEMU stops even when an assertion failed
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kiln build templates/debian12-jeos.json (BIOS)', () => {
  it('installs Debian 12 with GRUB, provisions it and leaves a compressed qcow2', async () => {
    const out = join(dir, 'output');
    const template = await templateThatShowsTheHostKey();
    const run = await runKiln(
      ['build', '-only=debian12-jeos-bios', '-var', `output_directory=${out}`, template],
      { timeoutMs: 900_000 },
    );
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/HTTP GET \/rootfs\.tar\.zst -> 200/);
    expect(run.output).not.toContain(PASSWORD);
    expect(run.output).toContain('generalize: done');
    expect(await readdir(join(out, 'bios'))).toEqual(['debian12-jeos.qcow2']);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    buildHostKey = /build-host-key: (\S+)/.exec(run.output)?.[1];
    expect(buildHostKey).toMatch(/^AAAA/);

    vm = await bootImage(join(out, 'bios', 'debian12-jeos.qcow2'), 'qcow2', PASSWORD, USER);
  }, 1_200_000);

  it('boots into systemd as PID 1', async () => {
    expect(vm, 'the build failed').toBeDefined();
    const pid1 = await vm!.run('cat /proc/1/comm; . /etc/os-release; echo "$VERSION_CODENAME"');
    expect(pid1.stdout.split('\n').slice(0, 2)).toEqual(['systemd', 'bookworm']);
  });

  it('gives the user password-less sudo', async () => {
    const sudo = await vm!.run('sudo -n true && sudo -n id -u');
    expect(sudo.exitCode).toBe(0);
    expect(sudo.stdout.trim()).toBe('0');
  });

  it('made new SSH host keys at first boot', async () => {
    const key = await vm!.run('cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub');
    expect(key.stdout.trim()).toMatch(/^AAAA/);
    expect(key.stdout.trim()).not.toBe(buildHostKey);
  });

  it('runs apt-get update against the host mirror', { timeout: 450_000 }, async (context) => {
    const mirror = hostDebianMirror();
    if (!mirror || !(await mirrorAnswers(mirror))) {
      context.skip('the Debian mirror in /etc/apt/sources.list* does not answer from this host');
    }
    // Under TCG the guest takes minutes to fetch and unpack the Packages indexes.
    const update = await vm!.run('sudo -n apt-get update 2>&1; echo "exit=$?"', 400_000);
    expect(update.stdout).toContain('exit=0');
    expect(update.stdout).not.toMatch(/^(W|E): /m);
  });
});
