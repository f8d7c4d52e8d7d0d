// HCL2 data sources: Packer's `null` (input → output) and `http` (a GET against a local server: body, url and
// response headers, a non-200 answer is Packer's error), used from locals and sources; and what the snapshot
// cache hashes of an HCL2 provisioner.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionerIdentity } from '../../src/registry/provisioner-identity.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/version') {
      response.writeHead(200, {
        'content-type': 'text/plain',
        'x-token-seen': request.headers['x-token'] ?? '',
      });
      response.end('12.5');
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

const BUILD = `source "qemu" "vm" {
  iso_url      = "https://example.invalid/debian-\${local.version}.iso"
  iso_checksum = "none"
  ssh_username = data.null.user.output
  vm_name      = local.seen
}
build { sources = ["source.qemu.vm"] }
`;

describe('HCL2 data sources', () => {
  it('null passes its input through; http fetches a body and headers, usable in locals and sources', async () => {
    tmp.write(
      'a.pkr.hcl',
      `data "null" "user" { input = "root" }\n` +
        `data "http" "version" {\n  url = "${base}/version"\n  request_headers = { X-Token = "t0k" }\n}\n` +
        'locals {\n  version = data.http.version.body\n  seen = data.http.version.request_headers["X-Token-Seen"]\n}\n' +
        BUILD,
    );
    const template = await loadTemplate(tmp.dir(), { env: {} });
    expect(template.raw.builders[0]?.config).toMatchObject({
      iso_url: 'https://example.invalid/debian-12.5.iso',
      ssh_username: 'root',
      vm_name: 't0k',
    });
  });

  it('host-info reports this host as the plugin does (GOOS, GOARCH, release files) and takes no arguments', async () => {
    tmp.write(
      'a.pkr.hcl',
      'data "host-info" "this" {}\n' +
        'locals {\n  version = data.host-info.this.os_type\n  seen = "${data.host-info.this.architecture}/${data.host-info.this.platform}"\n}\n' +
        BUILD.replace('data.null.user.output', 'data.host-info.this.family'),
    );
    const template = await loadTemplate(tmp.dir(), { env: {} });
    // This machine is Debian 12 on x86-64, as CI's.
    expect(template.raw.builders[0]?.config).toMatchObject({
      iso_url: 'https://example.invalid/debian-linux.iso',
      ssh_username: 'debian',
      vm_name: 'amd64/debian',
    });
    tmp.write('a.pkr.hcl', 'data "host-info" "this" {\n  os_type = "x"\n}\n');
    const error = await templateFailure(loadTemplate(tmp.dir(), { env: {} }));
    expect(error.message).toContain('Unsupported argument');
  });

  it('an http answer other than 200 is Packer’s error', async () => {
    tmp.write('a.pkr.hcl', `data "http" "v" { url = "${base}/missing" }\n`);
    const error = await templateFailure(loadTemplate(tmp.dir(), { env: {} }));
    expect(error.message).toContain('HTTP request error. Response code: 404');
  });
});

describe('HCL2 snapshot-cache keys', () => {
  it('hash a provisioner evaluated at a fixed time and uuid, as JSON templates are rendered for the key', async () => {
    tmp.write(
      'a.pkr.hcl',
      'source "qemu" "vm" {\n  iso_url = "x.iso"\n  iso_checksum = "none"\n  ssh_username = "root"\n}\n' +
        'build {\n  sources = ["source.qemu.vm"]\n' +
        '  provisioner "shell" { inline = ["echo ${timestamp()} ${uuidv4()}"] }\n}\n',
    );
    const identity = async () => {
      const template = await loadTemplate(tmp.dir(), { env: {} });
      const [build] = resolveBuilds(template);
      const provisioner = build?.provisioners[0];
      if (!provisioner) throw new Error('no provisioner');
      return { template, definition: provisionerIdentity(provisioner, template, 'qemu.vm')?.definition };
    };
    const first = await identity();
    await new Promise((done) => setTimeout(done, 1100));
    const second = await identity();
    expect(first.definition).toEqual(second.definition);
    expect(JSON.stringify(first.definition)).toContain(
      'echo 1970-01-01T00:00:00Z 00000000-0000-0000-0000-000000000000',
    );
    expect(first.template.raw.provisioners[0]?.config).not.toEqual(
      second.template.raw.provisioners[0]?.config,
    );
  });
});
