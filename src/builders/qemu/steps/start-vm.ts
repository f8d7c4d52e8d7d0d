// Starts QEMU (through the driver) with the VNC and SSH ports it needs, connects to its monitor and watches it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KilnError } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import { findFreePort } from '../../../net/ports.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { saveVmDiagnostics } from '../failure-diagnostics.js';
import { buildQemuArgs, type QemuArgsInput } from '../qemu-args.js';
import type { QmpConnection } from '../qmp.js';
import { noteInRunRecord } from '../run-record.js';
import { monitorVm } from '../vm-monitor.js';
import { describeExit, type VmProcess } from '../vm-process.js';
import { serialLogPath } from './create-work-dir.js';

const VNC_BASE_PORT = 5900;

export function startVm(): Step<QemuBuildContext> {
  return {
    name: 'start-vm',
    async run(ctx, signal) {
      const { config, state } = ctx;
      const workDir = need(state, 'workDir');
      if (!config.disableVnc) {
        state.vncPort = await findFreePort(config.vncBindAddress, {
          min: config.vncPortMin,
          max: config.vncPortMax,
        });
      }
      state.sshHostPort = await sshHostPort(ctx);
      const monitorSocket = join(workDir, 'qmp.sock');
      const serialLog = serialLogPath(workDir);
      const args = buildQemuArgs(argsInput(ctx, monitorSocket, serialLog));
      ctx.ui.say(`Starting VM, booting from ${config.diskImage ? 'disk image' : 'CD-ROM'}`);
      const vm = ctx.driver.startVm(args, { detached: ctx.detachVm });
      state.vm = vm;
      ctx.ui.message(`QEMU pid ${vm.pid}: ${vm.command}`);
      await noteInRunRecord(state, { qemu: { pid: vm.pid, marker: monitorSocket } });
      state.qmp = await connectMonitor(ctx, vm, monitorSocket, signal);
      if (config.vncUsePassword && !config.disableVnc) {
        state.vncPassword = config.vncPassword ?? randomVncPassword();
        await state.qmp.command('change-vnc-password', { password: state.vncPassword });
      }
      state.monitor = monitorVm({ vm, qmp: state.qmp, accelerator: need(state, 'accelerator'), serialLog });
      if (state.vncPort === undefined) {
        ctx.ui.message('VNC is disabled (disable_vnc): the VM screen cannot be watched');
        return;
      }
      const vnc = `vnc://${config.vncBindAddress}:${state.vncPort}`;
      const credentials = state.vncPassword ? `with the password ${state.vncPassword}` : '(no password)';
      ctx.ui.message(
        `The VM runs headless; to watch its screen, connect a VNC viewer to ${vnc} ${credentials}`,
      );
    },
    async cleanup(ctx, { outcome, signal }) {
      const { monitor, qmp, vm } = ctx.state;
      // While QEMU still runs and its serial log still exists.
      if (outcome === 'failed' && vm) await saveVmDiagnostics(ctx, signal);
      monitor?.expectExit();
      monitor?.close();
      qmp?.close();
      if (vm && !vm.hasExited()) {
        ctx.ui.message(`Stopping QEMU (pid ${vm.pid})`);
        await vm.stop();
      }
    },
  };
}

function argsInput(ctx: QemuBuildContext, monitorSocket: string, serialLog: string): QemuArgsInput {
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

/** QEMU either opens its monitor or exits (bad argument, port taken); whichever comes first decides. */
async function connectMonitor(
  ctx: QemuBuildContext,
  vm: VmProcess,
  socket: string,
  signal: AbortSignal,
): Promise<QmpConnection> {
  const stop = new AbortController();
  const connecting = ctx.driver.connectQmp(socket, AbortSignal.any([signal, stop.signal]));
  const first = await Promise.race([
    connecting.then((qmp) => ({ qmp })),
    vm.exited.then((exit) => ({ exit })),
  ]);
  if ('qmp' in first) return first.qmp;
  stop.abort();
  await connecting.then((qmp) => qmp.close()).catch(() => undefined);
  throw new KilnError(`QEMU failed to start: ${describeExit(first.exit)}`, { code: 'qemu-start' });
}

/**
 * The host port forwarded to the guest's SSH port: a free one from host_port_min..max; with skip_nat_mapping
 * Packer 1.6.6 forwards ssh_port itself (hostfwd ssh_port-:ssh_port) and connects there; none without SSH.
 */
async function sshHostPort(ctx: QemuBuildContext): Promise<number | undefined> {
  const { config } = ctx;
  if (config.communicator === 'none') return undefined;
  if (config.skipNatMapping) return config.sshPort;
  return findFreePort('127.0.0.1', { min: config.hostPortMin, max: config.hostPortMax });
}

function randomVncPassword(): string {
  // VNC's DES authentication uses at most 8 characters.
  return randomBytes(6).toString('base64url').slice(0, 8);
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
