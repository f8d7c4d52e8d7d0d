// What Packer hands every provisioner at run time (the SDK's PopulateProvisionHookData): `{{ build "Host" }}`,
// HCL2's `build.Host` (which is `{{ .Host }}`) and the rest are rendered from it in the places Packer renders
// them again at provision time (shell and shell-local `inline`, execute_command).

import type { QemuBuildContext } from './build-context.js';

/** Packer's placeholders for what the QEMU builder does not provide. */
const NOT_IMPLEMENTED = {
  ID: 'ERR_ID_NOT_IMPLEMENTED_BY_BUILDER',
  PackerHTTPIP: 'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER',
  PackerHTTPPort: 'ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER',
  PackerHTTPAddr: 'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER',
} as const;

export function provisionData(ctx: QemuBuildContext): Record<string, string | number> {
  const { config, state } = ctx;
  const http = state.http;
  return {
    ...NOT_IMPLEMENTED,
    PackerRunUUID: ctx.runUuid,
    ...(http
      ? {
          PackerHTTPIP: http.guestIp,
          PackerHTTPPort: String(http.port),
          PackerHTTPAddr: `${http.guestIp}:${http.port}`,
        }
      : {}),
    // Where Kiln's own connection goes (the forwarded port on loopback), so a tool run on the host reaches it.
    Host: config.sshHost ?? '127.0.0.1',
    Port: state.sshHostPort ?? config.sshPort,
    User: config.sshUsername,
    Password: config.sshPassword ?? '',
    ConnType: config.communicator,
    SSHPublicKey: state.sshKey?.publicKey ?? '',
    SSHPrivateKey: state.sshKey?.privateKey ?? '',
    WinRMPassword: '',
  };
}
