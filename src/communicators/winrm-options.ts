// WinRM options on a build whose communicator is not WinRM. Packer decodes them and never uses them then (only
// the winrm communicator reads them), and templates set them unconditionally: bento's qemu source passes
// winrm_password = "vagrant" to its Linux builds. Kiln accepts them in that case with a warning that they have no
// effect; `communicator = "winrm"` itself is refused by ssh-config.

import type { FieldSpec } from '../template/decode/decode-config.js';
import type { FieldReader } from '../template/decode/field-reader.js';
import type { ProblemCollector } from '../template/problems.js';

const s: FieldSpec = { kind: 'string', inert: true };
const b: FieldSpec = { kind: 'bool', inert: true };

/** Packer SDK communicator.WinRM's keys and types. */
export const WINRM_FIELDS: Readonly<Record<string, FieldSpec>> = {
  winrm_username: s,
  winrm_password: s,
  winrm_host: s,
  winrm_port: { kind: 'int', inert: true },
  winrm_timeout: { kind: 'duration', inert: true },
  winrm_use_ssl: b,
  winrm_insecure: b,
  winrm_use_ntlm: b,
  winrm_no_proxy: b,
};

export function warnInertWinrmOptions(
  f: FieldReader,
  base: string,
  communicator: string,
  problems: ProblemCollector,
): void {
  if (communicator === 'winrm') return;
  for (const key of Object.keys(WINRM_FIELDS))
    if (f.has(key))
      problems.warn(
        `${base}.${key}`,
        `${key} has no effect: the communicator is '${communicator}' (WinRM options only apply to communicator 'winrm', as in Packer)`,
      );
}
