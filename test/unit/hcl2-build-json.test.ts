// Sources and builds written in HCL's JSON syntax (*.pkr.json) load as their native twins do
// (test/fixtures/hcl2-build/multi-json mirrors multi): one decoder, fed JSON bodies read by Packer's schemas.
import { describe, expect, it } from 'vitest';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { templateFailure, useTempDir } from './template-fixture.js';

const MULTI = new URL('../fixtures/hcl2-build/multi', import.meta.url).pathname;
const MULTI_JSON = new URL('../fixtures/hcl2-build/multi-json', import.meta.url).pathname;
const tmp = useTempDir();

/** The raw template a load gives the builders, provisioners and post-processors, the fixture's path unified. */
async function loaded(dir: string): Promise<unknown> {
  const template = await loadTemplate(dir, { env: {} });
  return JSON.parse(JSON.stringify(template.raw).replaceAll(dir, '<dir>'));
}

async function failure(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) tmp.write(name, text);
  return (await templateFailure(async () => resolveBuilds(await loadTemplate(tmp.dir(), { env: {} }))))
    .message;
}

const QEMU = { iso_url: 'https://example.invalid/vm.iso', iso_checksum: 'none', ssh_username: 'root' };

describe('HCL2 sources and builds in *.pkr.json', () => {
  it('loads the JSON twin of a configuration exactly as the native one', async () => {
    const native = await loaded(MULTI);
    expect(await loaded(MULTI_JSON)).toEqual(native);
    // What is compared: three builds, provisioners with only/except/override and timing, post-processor chains.
    expect(native).toMatchObject({
      builders: [{ name: 'deb.qemu.a' }, { name: 'deb.qemu.b2' }, { name: 'qemu.a' }],
      provisioners: { length: 5 },
      postProcessors: { length: 3 },
    });
  });

  it('reports an unknown key of a JSON source at its file:line:col', async () => {
    const source = { source: { qemu: { vm: { ...QEMU, disk_sizes: '4G' } } } };
    const message = await failure({
      'a.pkr.json': JSON.stringify(source, null, 2),
      'b.pkr.json': JSON.stringify({ build: { sources: ['source.qemu.vm'] } }),
    });
    expect(message).toContain(
      `${tmp.dir()}/a.pkr.json:8:9 (builds["qemu.vm"].disk_sizes): unknown configuration key: 'disk_sizes' (did you mean 'disk_size'?)\n   7:         "ssh_username": "root",\n   8:         "disk_sizes": "4G"\n              ^`,
    );
  });

  it('refuses a property a JSON build block does not have, with hcl’s JSON message', async () => {
    const message = await failure({
      'a.pkr.json': JSON.stringify({ source: { qemu: { vm: QEMU } } }),
      'b.pkr.json': `{"build": {\n  "sources": ["source.qemu.vm"],\n  "provisioners": {}\n}}`,
    });
    expect(message).toContain(
      `b.pkr.json:3:3: Extraneous JSON object property: No argument or block type is named "provisioners". Did you mean "provisioner"?`,
    );
  });

  it('mixes a native source with a JSON build in one directory; JSON meta-arguments are templates', async () => {
    tmp.write(
      'a.pkr.hcl',
      `variable "flavour" {\n  default = "mixed"\n}\nsource "qemu" "vm" {\n  iso_url = "https://example.invalid/vm.iso"\n  iso_checksum = "none"\n  ssh_username = "root"\n}\n`,
    );
    tmp.write(
      'b.pkr.json',
      JSON.stringify({
        build: {
          name: `\${var.flavour}`,
          sources: ['source.qemu.vm'],
          provisioner: { shell: { inline: [`echo \${source.name}`], except: ['qemu.other'] } },
        },
      }),
    );
    const template = await loadTemplate(tmp.dir(), { env: {} });
    expect(resolveBuilds(template).map((b) => b.name)).toEqual(['mixed.qemu.vm']);
    expect(template.raw.builders.map((b) => b.config)).toEqual([QEMU]);
    expect(template.raw.provisioners.map((p) => p.config)).toEqual([{ inline: ['echo vm'] }]);
  });

  it('expands dynamic blocks of a JSON post-processors chain; a missing for_each is reported once', async () => {
    tmp.write('a.pkr.json', JSON.stringify({ source: { qemu: { vm: QEMU } } }));
    const dynamic = (content: object) => ({
      for_each: { a: 1, b: 2 },
      labels: ['checksum'],
      iterator: 'pp',
      content,
    });
    const chain = { dynamic: { 'post-processor': dynamic({ name: `\${pp.key}`, checksum_types: ['md5'] }) } };
    tmp.write(
      'b.pkr.json',
      JSON.stringify({ build: { sources: ['source.qemu.vm'], 'post-processors': chain } }),
    );
    const template = await loadTemplate(tmp.dir(), { env: {} });
    expect(template.raw.postProcessors.map((c) => c.map((pp) => [pp.type, pp.name, pp.config]))).toEqual([
      [
        ['checksum', 'a', { checksum_types: ['md5'] }],
        ['checksum', 'b', { checksum_types: ['md5'] }],
      ],
    ]);
    const message = await failure({
      'b.pkr.json': JSON.stringify({
        build: { sources: ['source.qemu.vm'], dynamic: { provisioner: { labels: ['shell'], content: {} } } },
      }),
    });
    expect(message.match(/Missing required argument: The argument "for_each" is required/g)).toHaveLength(1);
  });
});
