// templates/debian12-jeos.json for real, both builds in one `kiln build` (one after the other): the test OS
// installer unpacks the debootstrap root filesystem and installs its GRUB (BIOS: dos label + MBR gap; UEFI: GPT +
// ESP), Kiln's provisioners shrink and generalize it; then each image boots on its own and the template's user
// logs in: systemd is PID 1, sudo works, the host keys are new; the BIOS image also reaches the mirror with apt.
// The UEFI image ships without efivars.fd (efi_drop_efivars) and boots under OVMF with an empty variable store.
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
const FIRMWARES = ['bios', 'uefi'] as const;
type Firmware = (typeof FIRMWARES)[number];
let dir: string;
let out: string;
let buildOutput: string | undefined;
const vms = new Map<Firmware, BootedImage>();

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

/** The host key one build printed (its lines carry the build's name, as Packer's do). */
function buildHostKey(firmware: Firmware): string | undefined {
  const line = new RegExp(`debian12-jeos-${firmware}: build-host-key: (\\S+)`);
  return line.exec(buildOutput ?? '')?.[1];
}

beforeAll(async () => {
  await ensureJeosInputs();
  dir = await mkdtemp(join(tmpdir(), 'kiln-jeos-'));
  out = join(dir, 'output');
}, 1_800_000);

afterAll(async () => {
  for (const vm of vms.values()) await vm.stop(); // QEMU stops even when an assertion failed
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kiln build templates/debian12-jeos.json', () => {
  it('installs Debian 12 with GRUB for BIOS and UEFI, provisions both and leaves compressed qcow2s', async () => {
    const template = await templateThatShowsTheHostKey();
    // One build at a time: each VM takes about one of the machine's two cores under TCG.
    const run = await runKiln(['build', '-parallel-builds=1', '-var', `output_directory=${out}`, template], {
      timeoutMs: 1_800_000,
    });
    buildOutput = run.output;
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output.match(/HTTP GET \/rootfs\.tar\.zst -> 200/g)).toHaveLength(2);
    expect(run.output).not.toContain(PASSWORD);
    expect(run.output.match(/generalize: done/g)).toHaveLength(2);
    expect(run.output).toMatch(/jeos slim: removed grub-efi-amd64-bin efibootmgr/);
    expect(run.output).toMatch(/jeos slim: removed grub-pc-bin/);
    // efi_drop_efivars: the UEFI image has no variable store beside it.
    for (const firmware of FIRMWARES)
      expect(await readdir(join(out, firmware))).toEqual(['debian12-jeos.qcow2']);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    for (const firmware of FIRMWARES) expect(buildHostKey(firmware)).toMatch(/^AAAA/);
  }, 1_800_000);

  describe.each(FIRMWARES)('the %s image on its own', (firmware) => {
    it('boots into systemd as PID 1 with the firmware it was built for', async () => {
      expect(buildOutput, 'the build did not run').toBeDefined();
      const image = join(out, firmware, 'debian12-jeos.qcow2');
      vms.set(
        firmware,
        await bootImage(image, 'qcow2', PASSWORD, { username: USER, uefi: firmware === 'uefi' }),
      );
      const facts = await vms
        .get(firmware)!
        .run(
          'cat /proc/1/comm; . /etc/os-release; echo "$VERSION_CODENAME"; test -d /sys/firmware/efi && echo uefi || echo bios',
        );
      expect(facts.stdout.split('\n').slice(0, 3)).toEqual(['systemd', 'bookworm', firmware]);
    }, 400_000);

    it('gives the user password-less sudo', async () => {
      const sudo = await vms.get(firmware)!.run('sudo -n true && sudo -n id -u');
      expect(sudo.exitCode).toBe(0);
      expect(sudo.stdout.trim()).toBe('0');
    });

    it('made new SSH host keys at first boot', async () => {
      const key = await vms.get(firmware)!.run('cut -d" " -f2 /etc/ssh/ssh_host_ed25519_key.pub');
      expect(key.stdout.trim()).toMatch(/^AAAA/);
      expect(key.stdout.trim()).not.toBe(buildHostKey(firmware));
    });

    if (firmware === 'uefi') {
      it('keeps only the UEFI GRUB, with the ESP mounted', async () => {
        const grub = await vms
          .get(firmware)!
          .run(`findmnt -n -o FSTYPE /boot/efi; dpkg -l 'grub-*-bin' | awk '$1 == "ii" { print $2 }'`);
        expect(grub.stdout).toMatch(/^vfat$/m);
        expect(grub.stdout).toMatch(/^grub-efi-amd64-bin$/m);
        expect(grub.stdout).not.toMatch(/^grub-pc-bin$/m);
      });
    }

    if (firmware === 'bios') {
      // Once is enough (the same root filesystem in both): under TCG it takes minutes.
      it('runs apt-get update against the host mirror', { timeout: 450_000 }, async (context) => {
        const mirror = hostDebianMirror();
        if (!mirror || !(await mirrorAnswers(mirror))) {
          context.skip('the Debian mirror in /etc/apt/sources.list* does not answer from this host');
        }
        const update = await vms.get(firmware)!.run('sudo -n apt-get update 2>&1; echo "exit=$?"', 400_000);
        expect(update.stdout).toContain('exit=0');
        expect(update.stdout).not.toMatch(/^(W|E): /m);
      });
    }

    it('shuts down', async () => {
      await vms.get(firmware)?.stop();
      vms.delete(firmware);
    });
  });
});
