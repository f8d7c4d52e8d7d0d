// The key of the snapshot taken right after the install: a hash of everything that made that guest. The QEMU
// command line stands for the machine (memory, CPUs, devices, disk options, qemuargs, accelerator), plus the disk sizes,
// with the build's own paths and ports replaced by placeholders; the installer's inputs go in as bytes.
import { createHash, type Hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BufferUi } from '../../../core/ui.js';
import { hashTree, listFiles } from '../../../snapshot-cache/tree-hash.js';
import type { QemuBuildContext } from '../build-context.js';
import { expandPaths } from '../media/stage-files.js';
import { buildQemuArgs } from '../qemu-args.js';
import { argsInput } from '../vm-args.js';

/** Bumped when what a key covers changes, so old entries stop matching. */
const KEY_SCHEME = 'kiln-snapshot-1';

export async function machineKey(ctx: QemuBuildContext, isoIdentity: string): Promise<string> {
  const { config } = ctx;
  const hash = createHash('sha256');
  const put = (label: string, value: unknown) => hash.update(`${label} ${JSON.stringify(value)}\n`);
  put('scheme', KEY_SCHEME);
  put('qemu', config.qemuBinary);
  put('args', machineArgs(ctx));
  // The command line names the disks only: their sizes are what the guest partitioned.
  put('disk-sizes', [config.diskSize, ...config.diskAdditionalSize]);
  // The command line names OVMF by path only: an upgraded ovmf package is another firmware.
  if (config.efi) await putTree(hash, 'efi-firmware', [config.efi.code, config.efi.vars]);
  put('iso', isoIdentity);
  put('boot', [config.bootSteps, config.bootWaitMs, config.bootKeyIntervalMs]);
  // A key the boot command or installer files may carry ({{ .SSHPublicKey }}); never a generated one (refused).
  put('ssh', [config.sshUsername, ctx.state.sshKey?.publicKey ?? null]);
  put('http-content', config.httpContent ?? null);
  if (config.httpDirectory) {
    await putTree(hash, 'http', [config.httpDirectory]);
    // .hbs files are rendered with the template's variables (at a fixed time, as for provisioners): those
    // they name count, not every variable (output_directory must not change the install's key).
    put('http-variables', await hbsVariables(config.httpDirectory, ctx.snapshotCache?.variables ?? {}));
  }
  put('cd', [config.cdLabel, config.cdContent]);
  await putTree(hash, 'cd-files', await expandPaths(config.cdFiles, 'cd_files'));
  put('floppy', [config.floppyLabel, config.floppyContent]);
  await putTree(hash, 'floppy-files', await expandPaths(config.floppyFiles, 'floppy_files'));
  await putTree(hash, 'floppy-dirs', await expandPaths(config.floppyDirs, 'floppy_dirs'));
  return hash.digest('hex');
}

/** The command line with placeholders where each build differs (paths, ports, the HTTP server, VNC). */
export function machineArgs(ctx: QemuBuildContext): string[] {
  const { state } = ctx;
  const stable: QemuBuildContext = {
    ...ctx,
    ui: new BufferUi(),
    state: {
      ...state,
      outputDir: '<output>',
      diskPath: '<disk>',
      ...(state.efivarsPath ? { efivarsPath: '<efivars>' } : {}),
      // start-tpm runs after the keys are made: only its socket's place is needed.
      ...(ctx.config.tpm ? { tpm: { socket: '<tpm>', stop: async () => undefined } } : {}),
      ...(state.additionalDiskPaths
        ? { additionalDiskPaths: state.additionalDiskPaths.map((_, i) => `<disk-${i + 1}>`) }
        : {}),
      isoPath: '<iso>',
      ...(state.cdPath ? { cdPath: '<cd>' } : {}),
      ...(state.floppyPath ? { floppyPath: '<floppy>' } : {}),
      http: undefined,
      sshHostPort: undefined,
      vncPort: undefined,
    },
  };
  const args = buildQemuArgs(argsInput(stable, '<qmp>', '<serial>'));
  // -name only labels the QEMU process: the guest never sees it.
  const name = args.indexOf('-name');
  if (name >= 0) args.splice(name, 2);
  return args;
}

async function hbsVariables(
  dir: string,
  variables: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const texts = await Promise.all(
    (await listFiles(dir)).filter((f) => f.endsWith('.hbs')).map((f) => readFile(f, 'utf8')),
  );
  return Object.fromEntries(
    Object.entries(variables).filter(([name]) => texts.some((text) => text.includes(name))),
  );
}

async function putTree(hash: Hash, label: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    hash.update(`${label} ${JSON.stringify(path)}\n`);
    await hashTree(hash, path);
  }
}
