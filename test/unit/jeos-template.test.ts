// templates/debian12-jeos.json (built here from Debian packages: test OS installer + debootstrap root filesystem):
// it validates, its BIOS and UEFI builds differ only in firmware and boot command, the install.cfg it puts on
// its cidata CD is valid shell asking for GRUB and sudo, and its cleanup scripts exist and parse.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
type Builder = Record<string, unknown> & { name: string; cd_content: Record<string, string> };
interface Template {
  variables: Record<string, string>;
  'sensitive-variables': string[];
  builders: Builder[];
  provisioners: { scripts: string[] }[];
}
const template = JSON.parse(readFileSync(join(ROOT, 'templates/debian12-jeos.json'), 'utf8')) as Template;
const tmp = mkdtempSync(join(tmpdir(), 'kiln-jeos-unit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('templates/debian12-jeos.json', () => {
  it('validates with kiln validate (ISO checksum and root filesystem directory stood in for)', async () => {
    const sums = join(tmp, 'iso.sha256');
    writeFileSync(sums, `${'ab'.repeat(32)}  kiln-testos.iso\n`);
    const argv = ['validate', '-var', `iso_checksum=file:${sums}`, '-var', `rootfs_directory=${tmp}`];
    const run = await execa('node', [join(ROOT, 'bin/kiln.js'), ...argv, 'templates/debian12-jeos.json'], {
      cwd: ROOT,
      reject: false,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('The configuration is valid.');
  });

  it('has a BIOS and a UEFI build, the same but for the firmware and the boot command', () => {
    const [bios, uefi] = template.builders as [Builder, Builder];
    expect([bios.name, uefi.name]).toEqual(['debian12-jeos-bios', 'debian12-jeos-uefi']);
    const rest = (b: Builder) => {
      const { name: _n, efi_boot: _e, efi_drop_efivars: _d, boot_command: _c, boot_wait: _w, ...others } = b;
      return { ...others, output_directory: undefined };
    };
    expect(rest(uefi)).toEqual(rest(bios));
    expect(uefi.efi_boot).toBe(true);
    expect(bios.efi_boot).toBeUndefined();
  });

  it('marks the password sensitive and writes an install.cfg that is valid shell asking for GRUB and sudo', async () => {
    expect(template['sensitive-variables']).toEqual(['ssh_password']);
    const config = (template.builders[0] as Builder).cd_content['install.cfg'] as string;
    expect(config).toContain('KILN_BOOTLOADER=grub');
    expect(config).toContain('KILN_SUDO=nopasswd');
    expect(config).toContain("KILN_PASSWORD='{{user `ssh_password`}}'");
    const file = join(tmp, 'install.cfg');
    writeFileSync(
      file,
      config.replaceAll(/\{\{user `(\w+)`\}\}/g, (_, v: string) => template.variables[v] ?? ''),
    );
    await execa('sh', ['-n', file]);
  });

  it('shrinks with scripts that exist and parse, generalize last', async () => {
    const scripts = template.provisioners.flatMap((p) => p.scripts);
    expect(scripts.at(-1)).toBe('provisioners/shared/generalize.sh');
    for (const script of scripts) {
      expect(existsSync(join(ROOT, script))).toBe(true);
      await execa('sh', ['-n', join(ROOT, script)]);
    }
  });
});
