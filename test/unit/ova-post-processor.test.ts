// The ova post-processor from a real qcow2: real tar, sha256sum, xmllint and qemu-img check what it wrote.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageInfo, runQemuImg } from '../../src/builders/qemu/qemu-img.js';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import type { OvaConfig } from '../../src/post-processors/ova/config.js';
import { findGuestOs, type GuestOs } from '../../src/post-processors/ova/guest-os.js';
import { runOva } from '../../src/post-processors/ova/run.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const REQUIRED = join(import.meta.dirname, '../fixtures/ovf/required.xpath');
const signal = new AbortController().signal;
const tmp = useTempDir();

export const OVA_DEFAULTS: OvaConfig = {
  type: 'ova',
  output: undefined,
  vmName: undefined,
  guestOs: findGuestOs('Debian12_64') as GuestOs,
  memoryMiB: 1024,
  cpus: 2,
  networkAdapter: 'e1000',
  diskAdapter: 'sata',
  firmware: 'bios',
};

let dir: string;
let disk: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-ova-'));
  disk = join(dir, 'kiln-testos.qcow2');
  await writeFile(
    join(dir, 'seed.raw'),
    (await execa('head', ['-c', '2M', '/dev/urandom'], { encoding: 'buffer' })).stdout,
  );
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(dir, 'seed.raw'), disk]);
  await execa('qemu-img', ['resize', disk, '64M']);
  await rm(join(dir, 'seed.raw'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ova = (config: Partial<OvaConfig> = {}, output?: string) =>
  runOva({ ...OVA_DEFAULTS, ...config }, filesArtifact('transcend.qemu', [disk], 'VM', 'qcow2'), {
    ui: new BufferUi(),
    signal,
    output,
  });

/** Checks one .ova the way a user's tools would see it; returns the OVF text. */
export async function checkOva(path: string, source: string, sourceFormat: string): Promise<string> {
  const listing = (await execa('tar', ['tvf', path])).stdout.split('\n');
  const names = listing.map((line) => line.split(/\s+/).at(-1) ?? '');
  expect(names).toHaveLength(3);
  expect(names[0]).toMatch(/\.ovf$/);
  expect(names[1]).toMatch(/\.mf$/);
  expect(names[2]).toMatch(/-disk1\.vmdk$/);
  for (const line of listing) expect(line).toMatch(/^-rw-r--r-- /);
  const out = join(path, '..', `unpacked-${Date.now()}`);
  await mkdir(out);
  await execa('tar', ['xf', path, '-C', out]);
  // The .mf in ovftool's form; sha256sum checks it after a rewrite into coreutils' form.
  const mf = await readFile(join(out, names[1] as string), 'utf8');
  expect(mf).toMatch(/^SHA256\(.+\.ovf\)= [0-9a-f]{64}\nSHA256\(.+\.vmdk\)= [0-9a-f]{64}\n$/);
  const sums = mf.replace(/^SHA256\((.+)\)= ([0-9a-f]{64})$/gm, '$2  $1');
  await execa('sha256sum', ['--check', '--strict', '-'], { cwd: out, input: sums });
  const vmdk = join(out, names[2] as string);
  await runQemuImg(['check', '-f', 'vmdk', vmdk], { signal });
  const info = JSON.parse(await runQemuImg(['info', '--output=json', '-f', 'vmdk', vmdk], { signal })) as {
    'format-specific': { data: { 'create-type': string } };
    'virtual-size': number;
  };
  expect(info['format-specific'].data['create-type']).toBe('streamOptimized');
  await runQemuImg(['compare', '-f', sourceFormat, '-F', 'vmdk', source, vmdk], { signal });
  const ovfPath = join(out, names[0] as string);
  await execa('xmllint', ['--noout', ovfPath]);
  const xpaths = (await readFile(REQUIRED, 'utf8')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  for (const xpath of xpaths) {
    const result = await execa('xmllint', ['--xpath', `boolean(${xpath})`, ovfPath], { reject: false });
    expect(result.stdout, xpath).toBe('true');
  }
  const ovf = await readFile(ovfPath, 'utf8');
  expect(ovf).toContain(`ovf:capacity="${info['virtual-size']}"`);
  // VMware requires each Item's rasd children in alphabetical order.
  for (const [, body] of ovf.matchAll(/<Item>([\s\S]*?)<\/Item>/g)) {
    const keys = [...(body as string).matchAll(/<rasd:(\w+)>/g)].map((m) => m[1] as string);
    expect(keys).toEqual([...keys].sort());
  }
  await rm(out, { recursive: true });
  return ovf;
}

describe('ova post-processor', () => {
  it('writes an .ova that tar, sha256sum, xmllint and qemu-img accept, members in the OVF order', async () => {
    const result = await ova();
    const path = join(dir, 'kiln-testos.ova');
    expect(result.artifact.files).toEqual([path]);
    const ovf = await checkOva(path, disk, 'qcow2');
    expect(ovf).toContain('<rasd:ResourceSubType>vmware.sata.ahci</rasd:ResourceSubType>');
    expect(ovf).toContain('ovf:id="96" vmw:osType="debian12_64Guest"');
    expect(ovf).toContain('<vbox:OSType ovf:required="false">Debian12_64</vbox:OSType>');
    expect(ovf).toContain('vmw:key="firmware" vmw:value="bios"');
    expect(ovf).toMatch(/<rasd:ResourceType>3<\/rasd:ResourceType>\s*<rasd:VirtualQuantity>2</);
    expect((await readdir(dir)).sort()).toEqual(['kiln-testos.ova', 'kiln-testos.qcow2']);
  });

  it('honours vm_name, output, scsi, vmxnet3 and efi', async () => {
    const output = join(dir, 'appliance.ova');
    await ova(
      { vmName: 'web-1', diskAdapter: 'scsi', networkAdapter: 'vmxnet3', firmware: 'efi', memoryMiB: 2048 },
      output,
    );
    expect((await execa('tar', ['tf', output])).stdout.split('\n')).toEqual([
      'web-1.ovf',
      'web-1.mf',
      'web-1-disk1.vmdk',
    ]);
    const ovf = await checkOva(output, disk, 'qcow2');
    expect(ovf).toContain('<rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>');
    expect(ovf).toContain('<rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>');
    expect(ovf).toContain('vmw:value="efi"');
    expect(ovf).toContain('<rasd:VirtualQuantity>2048</rasd:VirtualQuantity>');
  });

  it('a failure names the step and input and leaves no .ova, partial or vmdk behind', async () => {
    await rm(disk);
    await expect(ova()).rejects.toThrow(`ova: reading the input failed for ${disk}: qemu-img failed`);
    await writeFile(disk, 'not a qcow2');
    await expect(ova()).rejects.toThrow(/ova: reading the input failed .*qemu-img failed/);
    expect(await readdir(dir)).toEqual(['kiln-testos.qcow2']);
  });

  it('refuses unknown guest types, adapters and firmware at load time', async () => {
    const t = await loadTemplate(
      tmp.write('t.json', {
        builders: [QEMU],
        'post-processors': [
          {
            type: 'ova',
            guest_os_type: 'Debain12_64',
            firmware: 'uefi',
            disk_adapter_type: 'nvme',
            vm_name: 'a/b',
          },
        ],
      }),
      { cwd: tmp.dir() },
    );
    const error = await templateFailure(() => resolveBuilds(t));
    expect(error.message).toContain("unknown guest_os_type 'Debain12_64' (did you mean 'Debian12_64'?)");
    expect(error.message).toContain("firmware must be one of bios, efi; found 'uefi'");
    expect(error.message).toContain("disk_adapter_type must be one of sata, scsi, ide; found 'nvme'");
    expect(error.message).toContain('vm_name must be 1-64 letters');
    expect(existsSync(join(dir, 'kiln-testos.ova'))).toBe(false);
  });
});
