// The ova post-processor from a real qcow2: real tar, sha256sum, xmllint and qemu-img check what it wrote.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import { findGuestOs, type GuestOs } from '../../src/post-processors/common/guest-os.js';
import type { OvaConfig } from '../../src/post-processors/ova/config.js';
import { runOva } from '../../src/post-processors/ova/run.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { checkOva } from './ova-check.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const signal = new AbortController().signal;
const tmp = useTempDir();

const OVA_DEFAULTS: OvaConfig = {
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
    log: SILENT_LOG,
    signal,
    output,
  });

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
