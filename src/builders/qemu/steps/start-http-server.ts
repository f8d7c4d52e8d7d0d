// Serves http_directory / http_content to the installer on loopback, logging every request: "did the
// installer fetch my preseed?" is answered in the build output. `*.hbs` files are rendered with the variables.
import { formatBytes } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { hbsTransform, startHttpServer as start, TEMPLATE_EXTENSION } from '../../../http/index.js';
import type { QemuBuildContext } from '../build-context.js';

export function startHttpServer(): Step<QemuBuildContext> {
  return {
    name: 'start-http-server',
    async run(ctx) {
      const { httpDirectory, httpContent, httpPortMin, httpPortMax, httpBindAddress } = ctx.config;
      if (!httpDirectory && !httpContent) return;
      const server = await start({
        ...(httpDirectory ? { directory: httpDirectory } : {}),
        ...(httpContent ? { content: httpContent } : {}),
        host: httpBindAddress,
        portRange: { min: httpPortMin, max: httpPortMax },
        transform: hbsTransform(ctx.variables),
        templateExtension: TEMPLATE_EXTENSION,
        onRequest: (entry) =>
          ctx.ui.message(
            `HTTP ${entry.method} ${entry.path} -> ${entry.status} (${formatBytes(entry.bytes)}) from ${entry.remoteAddress}${entry.error ? `: ${entry.error}` : ''}`,
          ),
      });
      ctx.state.http = server;
      ctx.ui.say(
        `Started HTTP server on ${server.host}:${server.port}; the guest reaches it at http://${server.guestIp}:${server.port}/`,
      );
    },
    async cleanup(ctx) {
      await ctx.state.http?.close();
    },
  };
}
