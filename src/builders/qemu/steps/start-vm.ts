// Starts QEMU (through the driver) with the VNC and SSH ports it needs, connects to its monitor and watches it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KilnError } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import { findFreePort } from '../../../net/ports.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { saveVmDiagnostics } from '../failure-diagnostics.js';
import { buildQemuArgs } from '../qemu-args.js';
import type { QmpConnection } from '../qmp.js';
import { noteInRunRecord } from '../run-record.js';
import { loadVmState } from '../snapshot/migration.js';
import { argsInput } from '../vm-args.js';
import { monitorVm } from '../vm-monitor.js';
import { describeExit, type VmProcess } from '../vm-process.js';
import { serialLogPath } from './create-work-dir.js';

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
      const resume = state.snapshots?.resume;
      // A resumed VM waits for its saved state instead of booting (QEMU's incoming migration).
      const args = [
        ...buildQemuArgs(argsInput(ctx, monitorSocket, serialLog)),
        ...(resume ? ['-incoming', 'defer'] : []),
      ];
      ctx.ui.say(
        resume
          ? 'Starting VM from the cached snapshot'
          : `Starting VM, booting from ${config.diskImage ? 'disk image' : 'CD-ROM'}`,
      );
      const vm = ctx.driver.startVm(args, { detached: ctx.detachVm });
      state.vm = vm;
      ctx.ui.message(`QEMU pid ${vm.pid}: ${vm.command}`);
      await noteInRunRecord(state, { qemu: { pid: vm.pid, marker: monitorSocket } });
      state.qmp = await connectMonitor(ctx, vm, monitorSocket, signal);
      if (resume) await loadVmState(state.qmp, resume.statePath, signal);
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
