// Runs the template's provisioners, in order, over the SSH connection; when one fails, the
// error-cleanup-provisioner (if any) runs before the build unwinds. While they run the VM is watched: a QEMU
// that dies is reported as such, with its exit status, not as an SSH session that went away.
import { errorMessage } from '../../../core/errors.js';
import type { Step } from '../../../core/runner.js';
import type { ProvisionContext, SshTarget } from '../../../plugins/plugin.js';
import type { ResolvedProvisioner } from '../../../plugins/resolved.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { provisionData } from '../provision-data.js';
import { recordSnapshot } from '../snapshot/record.js';
import { whileVmAlive } from '../vm-monitor.js';

export function provision(): Step<QemuBuildContext> {
  return {
    name: 'provision',
    run: (ctx, signal) =>
      whileVmAlive(need(ctx.state, 'monitor'), signal, (alive) => runProvisioners(ctx, alive)),
  };
}

async function runProvisioners(ctx: QemuBuildContext, signal: AbortSignal): Promise<void> {
  const provisionContext = (p: ResolvedProvisioner, s: AbortSignal) => contextFor(ctx, p, s);
  // -cache: the provisioners in the snapshot resumed from already ran; after each one a snapshot is recorded.
  const skip = ctx.state.snapshots?.resume?.provisionersDone ?? 0;
  try {
    for (const [i, provisioner] of ctx.provisioners.entries()) {
      if (i < skip) continue;
      if (provisioner.applies) await provisioner.run(provisionContext(provisioner, signal));
      await recordSnapshot(ctx, i + 1, signal);
    }
  } catch (error) {
    const cleanup = ctx.errorCleanupProvisioner;
    if (cleanup?.applies && !signal.aborted) {
      ctx.ui.say('Provisioning step had errors: running the error-cleanup-provisioner');
      await cleanup
        .run(provisionContext(cleanup, signal))
        .catch((cleanupError: unknown) =>
          ctx.ui.error(`error-cleanup-provisioner failed too: ${errorMessage(cleanupError)}`),
        );
    }
    throw error;
  }
}

function contextFor(
  ctx: QemuBuildContext,
  provisioner: ResolvedProvisioner,
  signal: AbortSignal,
): ProvisionContext {
  const http = ctx.state.http;
  return {
    communicator: need(ctx.state, 'communicator'),
    ui: ctx.ui,
    render: (text, data) => ctx.render(text, { ...provisionData(ctx), ...data }, provisioner.path),
    signal,
    buildName: ctx.build.name,
    builderType: ctx.build.type,
    httpAddr: http ? `${http.guestIp}:${http.port}` : undefined,
    waitForEnter: ctx.waitForEnter,
    sshTarget: sshTarget(ctx),
  };
}

/** The login Kiln's own SSH connection uses: the forwarded port on the host, the build's credentials. */
function sshTarget(ctx: QemuBuildContext): SshTarget | undefined {
  const { config, state } = ctx;
  if (config.communicator !== 'ssh') return undefined;
  return {
    host: config.sshHost ?? '127.0.0.1',
    port: state.sshHostPort ?? config.sshPort,
    username: config.sshUsername,
    password: config.sshPassword,
    privateKeyFile: config.sshPrivateKeyFile,
    privateKey: undefined,
  };
}
