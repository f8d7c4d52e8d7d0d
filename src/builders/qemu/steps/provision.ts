// Runs the template's provisioners, in order, over the SSH connection.
import type { Step } from '../../../core/runner.js';
import { runProvisioner } from '../../../provisioners/run-provisioner.js';
import { need, type QemuBuildContext } from '../build-context.js';

export function provision(): Step<QemuBuildContext> {
  return {
    name: 'provision',
    async run(ctx, signal) {
      const communicator = need(ctx.state, 'communicator');
      const http = ctx.state.http;
      for (const provisioner of ctx.provisioners) {
        if (!provisioner.applies) continue;
        await runProvisioner(provisioner, {
          communicator,
          ui: ctx.ui,
          render: (text, data) => ctx.render(text, data, `${provisioner.path}.execute_command`),
          signal,
          buildName: ctx.build.name,
          builderType: ctx.build.type,
          httpAddr: http ? `${http.guestIp}:${http.port}` : undefined,
        });
      }
    },
  };
}
