// Serves http_directory / http_content to the installer, on loopback unless http_bind_address says otherwise,
// logging every request: "did the installer fetch my preseed?" is answered in the build output. `*.hbs` files
// are rendered with the variables; http_content values with {{ .Name }} and {{ .SSHPublicKey }}.
import { formatBytes } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { hbsTransform, startHttpServer as start, TEMPLATE_EXTENSION } from '../../../http/index.js';
import type { QemuBuildContext } from '../build-context.js';

const LOOPBACK = '127.0.0.1';

export function startHttpServer(): Step<QemuBuildContext> {
  return {
    name: 'start-http-server',
    async run(ctx) {
      const { httpDirectory, httpContent, httpPortMin, httpPortMax, httpBindAddress } = ctx.config;
      if (!httpDirectory && !httpContent) return;
      const host = httpBindAddress ?? LOOPBACK;
      const log = ctx.log.scoped('http');
      if (host !== LOOPBACK && host !== 'localhost') {
        ctx.ui.error(
          `Warning: http_bind_address ${host}: the HTTP server is reachable from other machines (Kiln's default is ${LOOPBACK})`,
        );
      }
      const server = await start({
        ...(httpDirectory ? { directory: httpDirectory } : {}),
        ...(httpContent ? { content: renderContent(ctx, httpContent) } : {}),
        host,
        portRange: { min: httpPortMin, max: httpPortMax },
        transform: hbsTransform(ctx.variables),
        templateExtension: TEMPLATE_EXTENSION,
        onRequest: (entry) =>
          ctx.ui.message(
            `HTTP ${entry.method} ${entry.path} -> ${entry.status} (${formatBytes(entry.bytes)}) from ${entry.remoteAddress}${entry.error ? `: ${entry.error}` : ''}`,
          ),
        log,
      });
      ctx.state.http = server;
      ctx.ui.say(
        `Started HTTP server on ${host}:${server.port}; the guest reaches it at http://${server.guestIp}:${server.port}/`,
      );
    },
    async cleanup(ctx) {
      await ctx.state.http?.close();
    },
  };
}

function renderContent(
  ctx: QemuBuildContext,
  content: Readonly<Record<string, string>>,
): Record<string, string> {
  const data = { Name: ctx.config.vmName, SSHPublicKey: ctx.state.sshKey?.publicKey ?? '' };
  return Object.fromEntries(
    Object.entries(content).map(([path, body]) => [
      path,
      ctx.render(body, data, `http_content[${JSON.stringify(path)}]`),
    ]),
  );
}
