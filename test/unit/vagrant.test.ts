import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { BufferUi } from '../../src/core/ui.js';
import { type Artifact, filesArtifact } from '../../src/plugins/artifact.js';
import type { PostProcessorContext } from '../../src/plugins/plugin.js';
import type { VagrantConfig } from '../../src/post-processors/vagrant/config.js';
import { runVagrant } from '../../src/post-processors/vagrant/run.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { type LoadedTemplate, loadTemplate, renderRuntime } from '../../src/template/index.js';
import { makeSmallQcow2 } from './export-fixtures.js';
import { QEMU, templateFailure } from './template-fixture.js';

let dir: string;
let disk: string;
let template: LoadedTemplate;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-vagrant-'));
  disk = await makeSmallQcow2(
    join(await mkdir(join(dir, 'output-qemu'), { recursive: true }).then(() => dir), 'output-qemu'),
    'packer-qemu',
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function resolve(pp: Record<string, unknown>): Promise<VagrantConfig> {
  const file = join(dir, 't.json');
  await writeFile(
    file,
    JSON.stringify({ builders: [QEMU], 'post-processors': [{ type: 'vagrant', ...pp }] }),
  );
  template = await loadTemplate(file, { cwd: dir });
  const [build] = resolveBuilds(template);
  return build?.postProcessors[0]?.[0]?.config as VagrantConfig;
}

function context(): PostProcessorContext {
  return {
    ui: new BufferUi(),
    signal: new AbortController().signal,
    render: (text, data) => renderRuntime(text, data, { template }),
    log: SILENT_LOG,
    runUuid: 'run',
    force: false,
    buildName: 'qemu',
    builderType: 'qemu',
  };
}

function qemuArtifact(accelerator?: string): Artifact {
  return {
    ...filesArtifact('transcend.qemu', [disk], 'VM files', 'qcow2'),
    ...(accelerator ? { accelerator } : {}),
  };
}

function members(box: string): string[] {
  return execFileSync('tar', ['-tf', box], { encoding: 'utf8' }).trim().split('\n');
}

function member(box: string, name: string): Buffer {
  return execFileSync('tar', ['-xOf', box, name], { maxBuffer: 1 << 30 });
}

describe('vagrant options', () => {
  it("has Packer's defaults", async () => {
    expect(await resolve({})).toEqual({
      type: 'vagrant',
      output: 'packer_{{ .BuildName }}_{{.Provider}}.box',
      compressionLevel: 6,
      include: [],
      vagrantfileTemplate: undefined,
      providerOverride: undefined,
    });
  });

  it('refuses providers it cannot make, override, a missing Vagrantfile template and a bad level', async () => {
    expect((await templateFailure(() => resolve({ provider_override: 'aws' }))).message).toContain(
      "provider_override 'aws' is not implemented by Kiln",
    );
    expect((await templateFailure(() => resolve({ provider_override: 'qemu' }))).message).toContain(
      'The given provider_override qemu is not valid. Please choose from one of libvirt, virtualbox',
    );
    expect((await templateFailure(() => resolve({ override: { libvirt: {} } }))).message).toContain(
      "'override' is not supported by Kiln",
    );
    expect((await templateFailure(() => resolve({ vagrantfile_template: 'nope.rb' }))).message).toContain(
      "vagrantfile_template 'nope.rb' does not exist",
    );
    expect(
      await resolve({ vagrantfile_template: 'nope.rb', vagrantfile_template_generated: true }),
    ).toMatchObject({
      vagrantfileTemplate: join(dir, 'nope.rb'),
    });
    expect((await templateFailure(() => resolve({ compression_level: 10 }))).message).toContain(
      'compression_level must be -1 to 9; found 10',
    );
  });
});

describe('vagrant libvirt box', () => {
  it("holds Packer's box.img, metadata.json and Vagrantfile, the disk byte for byte", async () => {
    const output = join(dir, 'out', 'packer_{{ .BuildName }}_{{.Provider}}.box');
    const config = { ...(await resolve({})), output };
    const result = await runVagrant(qemuArtifact('tcg'), config, context());
    const box = join(dir, 'out', 'packer_qemu_libvirt.box');
    expect(result.artifact.files).toEqual([box]);
    expect(result.artifact.id).toBe('libvirt');
    expect(result.keepInputDefault).toBe(false);
    execFileSync('gzip', ['-t', box]);
    expect(members(box)).toEqual(['Vagrantfile', 'box.img', 'metadata.json']);
    expect(member(box, 'metadata.json').toString()).toBe(
      '{"format":"qcow2","provider":"libvirt","virtual_size":1}\n',
    );
    expect(member(box, 'box.img').equals(await readFile(disk))).toBe(true);
    expect(member(box, 'Vagrantfile').toString()).toContain('    libvirt.driver = "qemu"\n');
    expect(await readdir(join(dir, 'out'))).toEqual(['packer_qemu_libvirt.box']);
  });

  it('renders the Vagrantfile template, lets an included metadata.json win, and writes a plain tar at level 0', async () => {
    const template = join(dir, 'Vagrantfile.tpl');
    await writeFile(template, '# {{ .Provider }} box of {{ .BuildName }}\n');
    const extra = join(dir, 'metadata.json');
    await writeFile(extra, '{"provider":"libvirt","format":"qcow2","virtual_size":9}');
    const output = join(dir, 'plain.box');
    const config = {
      ...(await resolve({ compression_level: 0 })),
      output,
      vagrantfileTemplate: template,
      include: [extra],
    };
    await runVagrant(qemuArtifact(), config, context());
    expect((await readFile(output)).subarray(257, 262).toString()).toBe('ustar');
    expect(member(output, 'Vagrantfile').toString()).toContain('libvirt.driver = "kvm"');
    expect(member(output, 'Vagrantfile').toString()).toContain('# libvirt box of qemu\n');
    expect(member(output, 'metadata.json').toString()).toContain('"virtual_size":9');
  });

  it('says which builder it cannot box without provider_override', async () => {
    const input = filesArtifact('kiln.post-processor.convert', [disk], 'disk', 'qcow2');
    await expect(
      runVagrant(input, { ...(await resolve({})), output: join(dir, 'x.box') }, context()),
    ).rejects.toThrow("vagrant: Unknown artifact type, can't build box: kiln.post-processor.convert");
  });
});

describe('vagrant virtualbox box', () => {
  it('converts the disk to a streamOptimized VMDK described by box.ovf, with base_mac from the OVF', async () => {
    const output = join(dir, 'vb.box');
    const config = { ...(await resolve({ provider_override: 'virtualbox' })), output };
    await runVagrant(qemuArtifact(), config, context());
    expect(members(output)).toEqual(['Vagrantfile', 'box-disk001.vmdk', 'box.ovf', 'metadata.json']);
    expect(member(output, 'metadata.json').toString()).toBe('{"provider":"virtualbox"}\n');
    const x = join(dir, 'x');
    await mkdir(x);
    await execa('tar', ['-xzf', output, '-C', x]);
    await execa('xmllint', ['--noout', join(x, 'box.ovf')]);
    const ovf = await readFile(join(x, 'box.ovf'), 'utf8');
    expect(ovf).toContain('ovf:href="box-disk001.vmdk"');
    expect(ovf).toContain(`ovf:capacity="${64 * 1024 * 1024}"`);
    const mac = /MACAddress="([0-9A-F]{12})"/.exec(ovf)?.[1];
    expect(mac).toMatch(/^080027/);
    expect(await readFile(join(x, 'Vagrantfile'), 'utf8')).toContain(`config.vm.base_mac = "${mac}"`);
    const { stdout } = await execa('qemu-img', ['info', '--output=json', join(x, 'box-disk001.vmdk')]);
    expect(JSON.parse(stdout)['format-specific']?.data?.['create-type']).toBe('streamOptimized');
    await execa('qemu-img', ['compare', '-f', 'qcow2', '-F', 'vmdk', disk, join(x, 'box-disk001.vmdk')]);
    expect(existsSync(`${output}.kiln-partial`)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('.kiln-vagrant-'))).toEqual([]);
  });
});
