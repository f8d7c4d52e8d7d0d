// -only/-except in the template layer, deprecated keys read as `packer fix` rewrites them, unsupported-but-valid options.
import { describe, expect, it } from 'vitest';
import { resolveBuildsWithWarnings } from '../../src/registry/resolve-builds.js';
import { globToRegExp, loadTemplate, TemplateValidationError } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
const HEX = 'ab'.repeat(32);
const load = async (content: Record<string, unknown>) =>
  loadTemplate(tmp.write('t.json', content), { cwd: tmp.dir() });

const TEMPLATE = {
  builders: [
    { ...QEMU, name: 'qemu-a' },
    { ...QEMU, name: 'qemu-b' },
    { type: 'virtualbox-iso', name: 'vbox', iso_checksum_type: 'md5' },
  ],
  provisioners: [{ type: 'shell', inline: ['true'], only: ['vbox'] }],
};

describe('only / except', () => {
  it('matches globs and reports every skipped build with its type', async () => {
    const result = resolveBuildsWithWarnings(await load(TEMPLATE), { only: ['qemu-*'] });
    expect(result.builds.map((b) => b.name)).toEqual(['qemu-a', 'qemu-b']);
    expect(result.skipped).toEqual([
      { name: 'vbox', type: 'virtualbox-iso', reason: 'not selected by -only=qemu-*' },
    ]);
    // Deprecated keys of a skipped build are not warned about.
    expect(result.warnings.join('\n')).not.toMatch(/iso_checksum_type/);
  });

  it('excludes by name and still errors on an unsupported type that is not excluded', async () => {
    const result = resolveBuildsWithWarnings(await load(TEMPLATE), { except: ['vbox', 'qemu-b'] });
    expect(result.builds.map((b) => b.name)).toEqual(['qemu-a']);
    const error = await templateFailure(async () => resolveBuildsWithWarnings(await load(TEMPLATE)));
    expect(error.message).toMatch(/unknown builder type 'virtualbox-iso'/);
  });

  it('translates glob syntax', () => {
    expect(globToRegExp('a{b,c}?[0-9]*').test('acx1-x')).toBe(true);
    expect(globToRegExp('qemu').test('qemu2')).toBe(false);
  });
});

describe('deprecated keys', () => {
  it('builds as the rewritten template and warns once per key naming the modern form', async () => {
    const template = await load({
      builders: [
        {
          ...QEMU,
          iso_checksum: HEX,
          iso_checksum_type: 'sha256',
          ssh_host_port_min: 3000,
          ssh_host_port_max: 3001,
        },
      ],
    });
    const { builds, warnings } = resolveBuildsWithWarnings(template);
    expect(builds[0]?.config.isoChecksum).toBe(`sha256:${HEX}`);
    expect(builds[0]?.config.hostPortMin).toBe(3000);
    const lines = warnings.filter((w) => w.includes('deprecated'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`'iso_checksum_type' is deprecated; read as 'iso_checksum': "sha256:${HEX}"`);
  });
});

describe('options Packer accepts but Kiln cannot build', () => {
  const template = {
    builders: [QEMU],
    provisioners: [{ type: 'powershell', inline: ['a'] }],
  };

  it('are errors, each named and marked as not implemented', async () => {
    const error = await templateFailure(async () => resolveBuildsWithWarnings(await load(template)));
    expect(error.message).toMatch(/provisioner type 'powershell' is not implemented by Kiln yet/);
    expect(error).toBeInstanceOf(TemplateValidationError);
    const issues = (error as TemplateValidationError).issues;
    expect(issues.map((issue) => issue.notImplemented)).toEqual([true]);
  });

  it('warns instead of failing on an undeclared user variable, which Packer renders as ""', async () => {
    const { builds, warnings } = resolveBuildsWithWarnings(
      await load({ builders: [{ ...QEMU, vm_name: 'x{{user `nope`}}' }] }),
    );
    expect(builds[0]?.config.vmName).toBe('x');
    expect(warnings.join('\n')).toMatch(/variable "nope" is not defined/);
  });
});
