// HCL2 sources and builds evaluated into Kiln's template model (test/fixtures/hcl2-build/multi): build names,
// source uses, provisioner only/except/override and timing, dynamic blocks, post-processor chains, the null
// data source, `build.*` left for run-time rendering, and -only/-except on the build names.
import { describe, expect, it } from 'vitest';
import { resolveBuildsWithWarnings } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';

const MULTI = new URL('../fixtures/hcl2-build/multi', import.meta.url).pathname;

async function multi(filter: { only?: string[]; except?: string[] } = {}) {
  const template = await loadTemplate(MULTI, { env: {} });
  return { template, ...resolveBuildsWithWarnings(template, filter) };
}

type Shell = { inline?: string[] };
const inline = (config: unknown) => (config as Shell).inline;

describe('HCL2 builds from sources', () => {
  it('names each build <build name>.<type>.<source name>, or <type>.<name> when the build has no name', async () => {
    const { builds } = await multi();
    expect(builds.map((b) => b.name)).toEqual(['deb.qemu.a', 'deb.qemu.b2', 'qemu.a']);
    expect(builds.map((b) => b.type)).toEqual(['qemu', 'qemu', 'qemu']);
  });

  it('evaluates sources with source.name/type, var, local, path.root and a build’s added arguments', async () => {
    const { template } = await multi();
    const [a, b2] = template.raw.builders;
    expect(a?.config).toMatchObject({
      disk_size: '2G',
      output_directory: `${MULTI}/out/a`,
      vm_name: 'qemu-a.qcow2',
      qemu_img_args: { convert: ['-o', 'compat=1.1'] },
    });
    // source "source.qemu.b" { name = "b2" … } renames the use and adds memory and output_directory.
    expect(b2?.config).toMatchObject({
      memory: 2048,
      output_directory: `${MULTI}/out/b2`,
      qemu_img_args: { create: ['-o', 'lazy_refcounts=on'] },
    });
    expect(b2?.config).not.toHaveProperty('disk_size');
  });

  it('gives each build the provisioners that apply to its source, with override, timing and dynamic blocks', async () => {
    const { builds } = await multi();
    const [a, b2, plain] = builds;
    expect(a?.provisioners.map((p) => inline(p.config))).toEqual([
      ['echo deb a hello from 2G', 'echo {{ .Host }}:{{ .Port }}'],
    ]);
    expect(a?.provisioners[0]).toMatchObject({ pauseBeforeMs: 2000, maxRetries: 3, timeoutMs: 300000 });
    expect(b2?.provisioners.map((p) => inline(p.config))).toEqual([
      ['echo deb b2 hello from 2G', 'echo {{ .Host }}:{{ .Port }}'],
      ['echo overridden for b2'],
      ['echo step 0 one'],
      ['echo step 1 two'],
    ]);
    expect(plain?.provisioners).toEqual([]);
    expect(inline(a?.errorCleanupProvisioner?.config)).toEqual(['echo cleanup a']);
    expect(inline(b2?.errorCleanupProvisioner?.config)).toEqual(['echo cleanup b2']);
    expect(plain?.errorCleanupProvisioner).toBeUndefined();
  });

  it('keeps post-processor chains per build, with only, name and keep_input_artifact', async () => {
    const { builds } = await multi();
    const chains = (i: number) =>
      builds[i]?.postProcessors.map((chain) => chain.map((pp) => [pp.type, pp.name, pp.keepInputArtifact]));
    expect(chains(0)).toEqual([
      [['checksum', 'checksum', undefined]],
      [
        ['compress', 'pack', undefined],
        ['checksum', 'checksum', true],
      ],
    ]);
    expect(chains(1)).toEqual([
      [
        ['compress', 'pack', undefined],
        ['checksum', 'checksum', true],
      ],
    ]);
    expect(chains(2)).toEqual([]);
  });

  it('matches -only and -except globs on the full build name; matching nothing is an error', async () => {
    expect((await multi({ only: ['deb.*'] })).builds.map((b) => b.name)).toEqual([
      'deb.qemu.a',
      'deb.qemu.b2',
    ]);
    expect((await multi({ only: ['qemu.a'] })).builds.map((b) => b.name)).toEqual(['qemu.a']);
    expect((await multi({ except: ['*.b2'] })).builds.map((b) => b.name)).toEqual(['deb.qemu.a', 'qemu.a']);
    await expect(multi({ only: ['qemu.nope'] })).rejects.toThrow(
      "-only=qemu.nope matches no build; builds in this template: 'deb.qemu.a', 'deb.qemu.b2', 'qemu.a'",
    );
  });

  it('-except on a post-processor name drops it and the rest of its chain, as Packer breaks there', async () => {
    const { builds } = await multi({ except: ['pack'] });
    expect(builds[0]?.postProcessors.map((chain) => chain.map((pp) => pp.name))).toEqual([['checksum']]);
  });

  it('feeds sensitive variables to the redactor, and input variables to .hbs rendering', async () => {
    const { template } = await multi();
    expect(template.sensitiveValues).toEqual(['s3cret-pw']);
    expect(template.sensitiveVariables).toEqual(['password']);
    // An http_directory's .hbs files render with the input variables.
    expect(Object.fromEntries(template.variables)).toEqual({ disk: '2G', password: 's3cret-pw' });
  });
});
