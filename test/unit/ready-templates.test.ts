// The ready JeOS templates (templates/{debian12,ubuntu2404,rocky9,almalinux9,alpine320}.json): their ISOs cannot
// be downloaded here, so each is proven as far as this machine allows: `kiln validate` loads it (every key
// known, boot commands parsed) against a checksum file in the distribution's own SUMS format, and its shape is
// what the README promises (a BIOS and a UEFI build, variables, secrets marked, cleanup scripts, an export).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const KILN = join(ROOT, 'bin/kiln.js');
const HEX = 'ab'.repeat(32);

/** Each template and one line of its distribution's checksum file for an ISO named `iso`. */
interface Ready {
  sums: (iso: string) => string;
  mirror: boolean;
}
const READY: Record<string, Ready> = {
  debian12: { sums: (iso) => `${HEX}  ${iso}\n`, mirror: true },
  ubuntu2404: { sums: (iso) => `${HEX} *${iso}\n`, mirror: false },
  rocky9: { sums: (iso) => `# ${iso}: 1 bytes\nSHA256 (${iso}) = ${HEX}\n`, mirror: true },
  almalinux9: { sums: (iso) => `# ${iso}: 1 bytes\nSHA256 (${iso}) = ${HEX}\n`, mirror: true },
  alpine320: { sums: (iso) => `${HEX}  ${iso}\n`, mirror: true },
};

type Builder = Record<string, unknown> & { name: string; boot_command: string[] };
interface Template {
  variables: Record<string, string> & { iso_url: string; iso_checksum: string };
  'sensitive-variables': string[];
  builders: Builder[];
  provisioners: { type: string; scripts: string[] }[];
  'post-processors': { type: string }[];
}

const load = (name: string): Template =>
  JSON.parse(readFileSync(join(ROOT, 'templates', `${name}.json`), 'utf8')) as Template;

const tmp = mkdtempSync(join(tmpdir(), 'kiln-ready-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `kiln validate templates/<name>.json` run from the repository's root, with a checksum file holding `sums`. */
function validate(name: string, sums: string) {
  const file = join(tmp, `${name}.sums`);
  writeFileSync(file, sums);
  const argv = [KILN, 'validate', '-var', `iso_checksum=file:${file}`, `templates/${name}.json`];
  return execa('node', argv, { cwd: ROOT, reject: false });
}

describe.each(Object.entries(READY))('templates/%s.json', (name, ready) => {
  const template = load(name);
  const { iso_url: isoUrl, iso_checksum: isoChecksum } = template.variables;

  it('validates with kiln validate, the ISO found in a checksum file of the distribution format', async () => {
    const run = await validate(name, ready.sums(basename(isoUrl)));
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('The configuration is valid.');
    expect(run.exitCode).toBe(0);
  });

  it("takes the ISO's checksum from the distribution's own SUMS file beside it, over HTTPS", () => {
    expect(isoUrl).toMatch(/^https:\/\/[^/]+\/.+\.iso$/);
    const dir = isoUrl.slice(0, isoUrl.lastIndexOf('/') + 1);
    expect(isoChecksum).toMatch(/^file:https:\/\//);
    const sumsUrl = isoChecksum.slice('file:'.length);
    expect([`${dir}SHA256SUMS`, `${dir}CHECKSUM`, `${isoUrl}.sha256`]).toContain(sumsUrl);
  });

  it('has a BIOS and a UEFI build, the same but for the firmware and the boot command', () => {
    const names = template.builders.map((b) => b.name);
    expect(names).toEqual([`${name}-bios`, `${name}-uefi`]);
    const [bios, uefi] = template.builders as [Builder, Builder];
    expect(bios.efi_boot).toBeUndefined();
    expect(uefi.efi_boot).toBe(true);
    const rest = (b: Builder) => {
      const {
        name: _n,
        efi_boot: _e,
        efi_drop_efivars: _d,
        boot_command: _b,
        output_directory: _o,
        ...others
      } = b;
      return others;
    };
    expect(rest(uefi)).toEqual(rest(bios));
    expect(bios.output_directory).not.toBe(uefi.output_directory);
  });

  it('has variables for the user, password, disk size and mirror, and marks the password sensitive', () => {
    const keys = ['ssh_username', 'ssh_password', 'disk_size', 'output_directory'];
    if (ready.mirror) keys.push(name === 'debian12' ? 'mirror_host' : 'mirror');
    expect(Object.keys(template.variables)).toEqual(expect.arrayContaining(keys));
    expect(template['sensitive-variables']).toEqual(['ssh_password']);
    for (const b of template.builders) {
      expect(b.ssh_password).toBe('{{user `ssh_password`}}');
      expect(b.disk_size).toBe('{{user `disk_size`}}');
      expect(b.disk_discard).toBe('unmap');
    }
  });

  it('cleans up with scripts that exist and parse, generalize last, and exports with convert', async () => {
    const scripts = template.provisioners.flatMap((p) => p.scripts);
    expect(scripts.at(-1)).toBe('provisioners/shared/generalize.sh');
    for (const script of scripts) {
      expect(existsSync(join(ROOT, script))).toBe(true);
      await execa('sh', ['-n', join(ROOT, script)]);
    }
    expect(template['post-processors'].map((p) => p.type)).toEqual(['convert']);
  });
});

it('refuses a ready template whose checksum file has no line for its ISO', async () => {
  const isoUrl = load('debian12').variables.iso_url;
  const run = await validate('debian12', `${HEX}  some-other.iso\n`);
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain(`no checksum found for ${basename(isoUrl)}`);
});
