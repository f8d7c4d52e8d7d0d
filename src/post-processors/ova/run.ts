// Kiln's `ova` post-processor: the build's disk as a streamOptimized VMDK, an OVF 1.0 descriptor and a
// SHA-256 manifest, in one .ova. The VMDK is made once beside the output (the only extra copy of the disk),
// hashed in one read (the .mf precedes the disk in the tar, so its digest must be known first), streamed into
// the tar (hashed again on the way, for free), then removed.
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../../core/debug-log.js';
import { KilnError } from '../../core/errors.js';
import { PARTIAL_SUFFIX, writeThroughPartial } from '../../core/partial-file.js';
import type { Ui } from '../../core/ui.js';
import { imageInfo, runQemuImg } from '../../disk/qemu-img.js';
import { digestFileMany } from '../../iso/digest.js';
import { type Artifact, filesArtifact, type PostProcessorResult } from '../../plugins/artifact.js';
import { type DiskAdapter, ovfDescriptor } from '../common/ovf-descriptor.js';
import { inStep } from '../in-step.js';
import type { OvaConfig } from './config.js';
import { writeOvaTar } from './ova-tar.js';

export const OVA_BUILDER_ID = 'kiln.post-processor.ova';

export interface OvaRun {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  /** The build's debug log, for qemu-img's command lines. */
  readonly log: Logger;
  /** The rendered `output`, or undefined for `<vm_name>.ova` beside the input. */
  readonly output: string | undefined;
}

/** The VMDK's own controller hint (VMware writes "ide" for SATA disks too). */
const VMDK_ADAPTER: Record<DiskAdapter, string> = { sata: 'ide', ide: 'ide', scsi: 'lsilogic' };

export function defaultVmName(disk: string): string {
  const name = basename(disk).replace(/\.(qcow2|raw|img|vmdk|vhdx?|vdi)$/i, '');
  return (
    name
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 64) || 'kiln'
  );
}

/** The .mf as ovftool writes it (`SHA256(name)= hex`), which VirtualBox, ESXi and virt-v2v all read. */
export function manifestText(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([name, hex]) => `SHA256(${name})= ${hex}\n`).join('');
}

export async function runOva(config: OvaConfig, input: Artifact, run: OvaRun): Promise<PostProcessorResult> {
  const { ui, signal, log } = run;
  const disk = input.files[0];
  if (!disk) throw new KilnError('ova: the input artifact has no files', { code: 'post-processor' });
  const vmName = config.vmName ?? defaultVmName(disk);
  const output = run.output ?? join(dirname(disk), `${vmName}.ova`);
  const names = { ovf: `${vmName}.ovf`, mf: `${vmName}.mf`, vmdk: `${vmName}-disk1.vmdk` };
  const vmdk = `${output}.disk1.vmdk${PARTIAL_SUFFIX}`;
  const step = (name: string) => ({ postProcessor: 'ova', step: name, input: disk });
  const format = input.diskFormat ? { format: input.diskFormat } : {};
  ui.say(
    `Writing OVA ${basename(output)} (${config.guestOs.virtualBox}, ${config.cpus} CPU, ${config.memoryMiB} MiB)`,
  );
  try {
    const source = await inStep(step('reading the input'), () => imageInfo(disk, { signal, log, ...format }));
    const converting = ui.progress('converting to a streamOptimized vmdk', 100, 'percent');
    const convertArgs = [
      'convert',
      '-p',
      ...(input.diskFormat ? ['-f', input.diskFormat] : []),
      '-O',
      'vmdk',
      '-o',
      `subformat=streamOptimized,adapter_type=${VMDK_ADAPTER[config.diskAdapter]}`,
      disk,
      vmdk,
    ];
    await inStep(step('converting to a streamOptimized vmdk'), () =>
      runQemuImg(convertArgs, { signal, log, onProgress: (percent) => converting.update(percent) }),
    );
    converting.done();
    await inStep(step('checking the vmdk'), () => runQemuImg(['check', '-f', 'vmdk', vmdk], { signal, log }));
    const size = (await stat(vmdk)).size;
    const hashing = ui.progress('sha256 of the vmdk', size);
    const digests = await inStep(step('hashing the vmdk'), () =>
      digestFileMany(vmdk, ['sha256'], signal, (done) => hashing.update(done)),
    );
    hashing.done();
    const sha256 = digests.get('sha256') as string;
    const descriptor = ovfDescriptor({
      name: vmName,
      os: config.guestOs,
      cpus: config.cpus,
      memoryMiB: config.memoryMiB,
      firmware: config.firmware,
      diskAdapter: config.diskAdapter,
      networkAdapter: config.networkAdapter,
      disk: {
        href: names.vmdk,
        fileSize: size,
        capacity: source.virtualSize,
        populatedSize: source.actualSize,
      },
    });
    const manifest = manifestText([
      [names.ovf, createHash('sha256').update(descriptor).digest('hex')],
      [names.vmdk, sha256],
    ]);
    await inStep(step(`writing ${output}`), () =>
      writeThroughPartial(output, (partial) =>
        writeOvaTar(
          partial,
          {
            descriptor: { name: names.ovf, text: descriptor },
            manifest: { name: names.mf, text: manifest },
            disk: { name: names.vmdk, path: vmdk, size, sha256 },
          },
          signal,
        ),
      ),
    );
  } finally {
    await rm(vmdk, { force: true });
  }
  return {
    artifact: filesArtifact(OVA_BUILDER_ID, [output], `OVA: ${output}`),
    keepInputDefault: true,
    forceKeepInput: false,
  };
}
