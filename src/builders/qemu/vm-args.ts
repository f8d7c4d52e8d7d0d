// The QEMU command line's inputs from the build's config and state (start-vm uses them; the snapshot cache
// hashes them with the build's own paths and ports left out).
import { need, type QemuBuildContext } from './build-context.js';
import type { QemuArgsInput } from './qemu-args.js';

const VNC_BASE_PORT = 5900;

export function argsInput(ctx: QemuBuildContext, monitorSocket: string, serialLog: string): QemuArgsInput {
  const { config, state } = ctx;
  const http = state.http;
  const runtimeData = {
    HTTPIP: http ? http.guestIp : '10.0.2.2',
    HTTPPort: http ? http.port : 0,
    HTTPDir: config.httpDirectory ?? '',
    OutputDir: need(state, 'outputDir'),
    Name: config.vmName,
    SSHHostPort: state.sshHostPort ?? 0,
  };
  const qemuargs = config.qemuargs.map((row, i) =>
    row.map((arg, j) => ctx.render(arg, runtimeData, `qemuargs[${i}][${j}]`)),
  );
  return {
    vmName: config.vmName,
    machineType: config.machineType,
    accelerator: need(state, 'accelerator'),
    memoryMiB: config.memory,
    cpus: config.cpus,
    topology: { sockets: config.sockets, cores: config.cores, threads: config.threads },
    cpuModel: config.cpuModel,
    vga: config.vga,
    firmware: config.firmware,
    efi: config.efi ? { code: config.efi.code, vars: need(state, 'efivarsPath') } : undefined,
    floppy: state.floppyPath,
    tpm: config.tpm ? { socket: need(state, 'tpm').socket, device: config.tpm.device } : undefined,
    netDevice: config.netDevice,
    sshHostPort: state.sshHostPort,
    sshGuestPort: config.sshPort,
    disks: [need(state, 'diskPath'), ...(state.additionalDiskPaths ?? [])],
    diskInterface: config.diskInterface,
    diskCache: config.diskCache,
    diskDiscard: config.diskDiscard,
    diskDetectZeroes: config.diskDetectZeroes,
    format: config.format,
    cdroms: [...(config.diskImage ? [] : [need(state, 'isoPath')]), ...(state.cdPath ? [state.cdPath] : [])],
    cdromInterface: config.cdromInterface,
    // Packer leaves the boot order to the UEFI firmware.
    bootDevice: config.efi ? undefined : config.diskImage ? 'c' : 'once=d',
    vnc:
      state.vncPort === undefined
        ? undefined
        : {
            bind: config.vncBindAddress,
            display: state.vncPort - VNC_BASE_PORT,
            password: config.vncUsePassword,
          },
    display: displayArg(ctx),
    serialLog,
    monitorSocket,
    userQmpSocket: config.qmpEnable ? config.qmpSocketPath : undefined,
    qemuargs,
  };
}

/**
 * Packer 1.6.6's rule: headless passes no -display; else `display` (unless "none", which Packer reads as "let
 * QEMU choose"), else gtk unless use_default_display. Kiln passes `none` when headless (same screen: none), and
 * runs headless with a note where no graphical session exists, instead of failing in gtk.
 */
function displayArg(ctx: QemuBuildContext): string | undefined {
  const { config } = ctx;
  if (config.headless) return 'none';
  const chosen = config.display && config.display !== 'none' ? config.display : undefined;
  if (!chosen && config.useDefaultDisplay) return undefined;
  if (!ctx.env.DISPLAY && !ctx.env.WAYLAND_DISPLAY) {
    ctx.ui.message(
      'headless is false but there is no graphical display (DISPLAY is unset): running headless',
    );
    return 'none';
  }
  return chosen ?? 'gtk';
}
