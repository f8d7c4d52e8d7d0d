// The builder's extra media and devices with a real guest: the test OS installer reads its config from a
// cd_files CD and from a floppy_files floppy labelled cidata (no url=, no HTTP), and installs under UEFI with a
// software TPM, reboots into the installed system from the disk, and shows both to a provisioner.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeftBehind, runKiln } from './helpers/kiln-cli.js';
import { ensureTestOsIso } from './helpers/testos.js';
import { writeVariant } from './helpers/variant.js';

let dir: string;
let seed: string;

beforeAll(async () => {
  await ensureTestOsIso();
  dir = await mkdtemp(join(tmpdir(), 'kiln-media-'));
  // The same answers http/testos/install.cfg.hbs renders, as a plain file for the seed media.
  seed = join(dir, 'install.cfg');
  await writeFile(seed, "KILN_USERNAME=root\nKILN_PASSWORD='tr0mbone-sky'\nKILN_HOSTNAME=kiln-seeded\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown>;

/** A test OS build whose installer gets no url=: its config must come from the cidata medium. */
async function seededBuild(name: string, media: Json) {
  const template = await writeVariant(dir, name, (builder, root) => {
    Object.assign(builder, media);
    delete builder.http_directory;
    builder.boot_command = ['<esc><wait>', 'install<enter>'];
    builder.ssh_timeout = '10m';
    root.provisioners = [{ type: 'shell', inline: ['test "$(hostname)" = kiln-seeded'] }];
    delete root['post-processors'];
  });
  const run = await runKiln(['build', '-var', `output_directory=${join(dir, name)}`, template], {
    timeoutMs: 900_000,
  });
  expect(run.exitCode, run.output).toBe(0);
  expect(run.output).not.toContain('HTTP GET');
  expect(await expectNothingLeftBehind(run.output)).toEqual([]);
  return run;
}

describe('extra media and devices in a test OS build', () => {
  it('installs with install.cfg from a cd_files CD labelled cidata', async () => {
    const run = await seededBuild('cd', { cd_files: [seed], cd_label: 'cidata' });
    expect(run.output).toContain('Creating CD disk (label cidata)');
  });

  it('installs with install.cfg from a floppy_files floppy labelled cidata', async () => {
    const run = await seededBuild('floppy', { floppy_files: [seed], floppy_label: 'cidata' });
    expect(run.output).toContain('Creating floppy disk (label cidata)');
  });

  it('installs under UEFI with a TPM, boots the installed disk, and keeps efivars.fd', async () => {
    const out = join(dir, 'efi');
    const template = await writeVariant(dir, 'efi', (builder, root) => {
      builder.efi_boot = true;
      builder.vtpm = true;
      // OVMF takes a while under TCG; the systemd-boot menu waits for ever, so a late start costs only time.
      builder.boot_wait = '40s';
      // systemd-boot: `e` edits the entry's options with the cursor at their start; <end>, then the words.
      builder.boot_command = ['e<wait><end> url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/install.cfg<enter>'];
      builder.ssh_timeout = '10m';
      root.provisioners = [
        {
          type: 'shell',
          inline: [
            'test -d /sys/firmware/efi',
            'test -c /dev/tpm0 || test -c /dev/tpmrm0',
            'echo uefi-tpm-ok',
          ],
        },
      ];
      delete root['post-processors'];
    });
    const run = await runKiln(['build', '-var', `output_directory=${out}`, template], { timeoutMs: 900_000 });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/type=q35/);
    expect(run.output).toContain('uefi-tpm-ok');
    expect((await readdir(out)).sort()).toEqual(['efivars.fd', 'kiln-testos.qcow2']);
    expect(await expectNothingLeftBehind(run.output)).toEqual([]);
    expect(existsSync(join(out, 'efivars.fd.kiln-partial'))).toBe(false);
  });
});
