// Build names as Packer 1.6.6 sees them: `name` rendered with user variables for -only/-except and build_name,
// only/except/override in the template matching the name as written, fixer-renamed types keeping their names.
import { describe, expect, it } from 'vitest';
import { resolveBuildsWithWarnings } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
const load = async (content: Record<string, unknown>) =>
  loadTemplate(tmp.write('t.json', content), { cwd: tmp.dir() });

const BENTO = {
  variables: { template: 'fedora-37-x86_64' },
  builders: [{ ...QEMU, name: '{{ user `template` }}', vm_name: 'vm-{{ build_name }}' }],
  provisioners: [
    { type: 'shell', inline: ['echo a'], only: ['{{ user `template` }}'] },
    { type: 'shell', inline: ['echo b'], except: ['{{ user `template` }}'] },
  ],
};

describe('builder names built from variables', () => {
  it('renders the name for -only, build_name and the build, as Packer does', async () => {
    const { builds } = resolveBuildsWithWarnings(await load(BENTO), { only: ['fedora-37-x86_64'] });
    expect(builds.map((b) => b.name)).toEqual(['fedora-37-x86_64']);
    const config = builds[0]?.config as { vmName: string };
    expect(config.vmName).toBe('vm-fedora-37-x86_64');
  });

  it('matches provisioner only/except against the name as written (Packer 1.6.6 does)', async () => {
    const [build] = resolveBuildsWithWarnings(await load(BENTO)).builds;
    expect(build?.provisioners.map((p) => p.applies)).toEqual([true, false]);
    const rendered = {
      ...BENTO,
      provisioners: [{ type: 'shell', inline: ['x'], only: ['fedora-37-x86_64'] }],
    };
    const error = await templateFailure(load(rendered));
    expect(error.message).toMatch(/'only' specified builder 'fedora-37-x86_64' not found/);
  });

  it('reports a name that cannot be rendered at load', async () => {
    const error = await templateFailure(load({ builders: [{ ...QEMU, name: 'x{{ build_name }}' }] }));
    expect(error.message).toMatch(
      /\(builders\[0\]\.name\): Error interpolating builder 'x\{\{ build_name \}\}'.*build_name not available/,
    );
  });

  it('fails when -only matches the raw name only', async () => {
    const error = await templateFailure(async () =>
      resolveBuildsWithWarnings(await load(BENTO), { only: ['{{ user `template` }}'] }),
    );
    expect(error.message).toMatch(/matches no build; builds in this template: 'fedora-37-x86_64'/);
  });
});

describe('builder types renamed by a fixer', () => {
  it('keep the name written in the template, so only/except still refer to it', async () => {
    const template = await load({
      builders: [{ type: 'vmware', iso_url: 'x.iso' }, { ...QEMU }],
      provisioners: [{ type: 'shell', inline: ['x'], only: ['vmware'] }],
    });
    expect(template.raw.builders.map((b) => [b.type, b.name])).toEqual([
      ['vmware-iso', 'vmware'],
      ['qemu', 'qemu'],
    ]);
    const { builds } = resolveBuildsWithWarnings(template, { only: ['qemu'] });
    expect(builds[0]?.provisioners[0]?.applies).toBe(false);
  });

  it('leaves an explicit name alone', async () => {
    const template = await load({ builders: [{ type: 'proxmox', name: 'pve', iso_file: 'x' }] });
    expect(template.raw.builders.map((b) => [b.type, b.name])).toEqual([['proxmox-iso', 'pve']]);
  });
});

describe('syntaxOnly loading (validate -syntax-only, console)', () => {
  const LATER = {
    variables: { req: null, a: '{{user `b`}}', b: '{{user `a`}}', ok: 'yes' },
    builders: [{ ...QEMU }],
    provisioners: [{ type: 'shell', inline: ['x'], only: ['nope'] }],
  };

  it('turns what Packer checks after parsing into warnings and keeps the variables that resolve', async () => {
    const template = await loadTemplate(tmp.write('t.json', LATER), { cwd: tmp.dir(), syntaxOnly: true });
    expect(template.variables.get('ok')).toBe('yes');
    const warnings = template.warnings.join('\n');
    expect(warnings).toMatch(/required variable not set: req/);
    expect(warnings).toMatch(/reference each other/);
    expect(warnings).toMatch(/'only' specified builder 'nope' not found/);
    const empty = await loadTemplate(tmp.write('e.json', { builders: [] }), {
      cwd: tmp.dir(),
      syntaxOnly: true,
    });
    expect(empty.warnings.join('\n')).toMatch(/at least one builder must be defined/);
  });

  it('still fails on what Packer fails to parse', async () => {
    for (const bad of [
      { bogus: 1, builders: [{ ...QEMU }] },
      { builders: [{ name: 'x' }] },
      { builders: [{ ...QEMU }, { ...QEMU }] },
      { variables: { a: 5 }, builders: [{ ...QEMU }] },
    ]) {
      await templateFailure(loadTemplate(tmp.write('t.json', bad), { cwd: tmp.dir(), syntaxOnly: true }));
    }
  });

  it('fails on all of it without syntaxOnly', async () => {
    const error = await templateFailure(load(LATER));
    expect(error.message).toMatch(/4 errors occurred/);
  });
});
