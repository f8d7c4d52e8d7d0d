// HCL2 build errors: plugin decoders' problems at the HCL file:line:col with a source frame (multi-file
// directories), and Packer's messages for bad source references, duplicates, missing builds and refusals.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { templateFailure, useTempDir } from './template-fixture.js';

const UNKNOWN_KEY = new URL('../fixtures/hcl2-build/unknown-key', import.meta.url).pathname;
const tmp = useTempDir();

const SOURCE = `source "qemu" "vm" {
  iso_url      = "https://example.invalid/vm.iso"
  iso_checksum = "none"
  ssh_username = "root"
}
`;

async function failure(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) tmp.write(name, text);
  const error = await templateFailure(async () => resolveBuilds(await loadTemplate(tmp.dir(), { env: {} })));
  return error.message;
}

describe('HCL2 build errors', () => {
  it('an unknown key in a source or provisioner points at its file:line:col, with a source frame', async () => {
    const error = await templateFailure(async () =>
      resolveBuilds(await loadTemplate(UNKNOWN_KEY, { env: {} })),
    );
    expect(error.message).toContain(
      `${UNKNOWN_KEY}/b-source.pkr.hcl:5:3: builds["qemu.vm"].disk_sizes: unknown configuration key: 'disk_sizes' (did you mean 'disk_size'?)\n   4:   ssh_username = "root"\n   5:   disk_sizes   = "4G"\n        ^`,
    );
    expect(error.message).toContain(
      `${UNKNOWN_KEY}/a-build.pkr.hcl:6:5: builds["qemu.vm"].provisioner[0].inlined: unknown configuration key: 'inlined'`,
    );
  });

  it('a wrong type is the decoder’s error at the argument', async () => {
    const message = await failure({
      'a.pkr.hcl': `${SOURCE.replace('}', '  cpus = "many"\n}')}build { sources = ["source.qemu.vm"] }\n`,
    });
    expect(message).toContain(
      'a.pkr.hcl:5:3 (builds["qemu.vm"].cpus): expected an integer, found string "many"',
    );
  });

  it('an unknown source gets Packer’s message and suggestion', async () => {
    const message = await failure({ 'a.pkr.hcl': `${SOURCE}build { sources = ["source.qemu.mv"] }\n` });
    expect(message).toContain('a.pkr.hcl:6:1: Unknown source qemu.mv: Did you mean to use "qemu.vm"?');
  });

  it('a build may add arguments to a source, not set one twice', async () => {
    const message = await failure({
      'a.pkr.hcl': `${SOURCE}build {\n  source "source.qemu.vm" {\n    ssh_username = "other"\n  }\n}\n`,
    });
    expect(message).toContain(
      'a.pkr.hcl:8:5: Duplicate argument: Argument "ssh_username" was already set at',
    );
  });

  it('duplicate sources, a build without sources and no build at all are Packer’s errors', async () => {
    expect(await failure({ 'a.pkr.hcl': SOURCE, 'b.pkr.hcl': `${SOURCE}build {}\n` })).toMatch(
      /b\.pkr\.hcl:1:1: Duplicate source block: This source block has the same builder type and name as a previous block declared at .*a\.pkr\.hcl:1,1-19\..*\n[\s\S]*missing source reference: a build block must reference at least one source to be built/,
    );
    tmp.write('b.pkr.hcl', '');
    expect(await failure({ 'a.pkr.hcl': SOURCE })).toContain('Missing build block');
  });

  it('refuses data sources and blocks Kiln does not implement, by name', async () => {
    expect(await failure({ 'a.pkr.hcl': `data "amazon-ami" "x" {}\n` })).toContain(
      'a.pkr.hcl:1:1: Unknown data type amazon-ami: known data sources: [http null host-info]',
    );
    const message = await failure({
      'a.pkr.hcl': `${SOURCE}build {\n  sources = ["source.qemu.vm"]\n  hcp_packer_registry {}\n  bogus {}\n}\n`,
    });
    expect(message).toContain('Kiln does not implement hcp_packer_registry');
    expect(message).toContain('Unsupported block type: Blocks of type "bogus" are not expected here.');
  });

  it('an unknown builder type is refused for the selected build only', async () => {
    tmp.write(
      'a.pkr.hcl',
      `${SOURCE}source "docker" "d" { image = "x" }\nbuild { sources = ["source.qemu.vm", "source.docker.d"] }\n`,
    );
    const template = await loadTemplate(tmp.dir(), { env: {} });
    expect(resolveBuilds(template, { only: ['qemu.*'] }).map((b) => b.name)).toEqual(['qemu.vm']);
    const error = await templateFailure(() => resolveBuilds(template));
    expect(error.message).toContain(
      'a.pkr.hcl:6:8 (builds["docker.d"].type): unknown builder type \'docker\'',
    );
  });

  it('build.* outside a provisioner and provisioner only/except together are errors', async () => {
    const message = await failure({
      'a.pkr.hcl': `${SOURCE.replace('}', '  vm_name = build.ID\n}')}build {\n  sources = ["source.qemu.vm"]\n  provisioner "shell" {\n    only = ["qemu.vm"]\n    except = ["qemu.vm"]\n    inline = ["x"]\n  }\n}\n`,
    });
    expect(message).toContain(
      'a.pkr.hcl:5:13: Unsupported attribute: This object does not have an attribute named "ID".',
    );
    expect(message).toContain("only one of 'only' or 'except' may be specified");
  });

  it('the null data source needs an input; http needs a url', async () => {
    const message = await failure({
      'a.pkr.hcl': `data "null" "n" {}\ndata "http" "h" {}\n${SOURCE}build { sources = ["source.qemu.vm"] }\n`,
    });
    expect(message).toContain('The `input` must be specified');
    expect(message).toContain('the `url` must be specified');
  });
});
