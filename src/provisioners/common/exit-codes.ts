// Exit-status checks shared by the shell and shell-local provisioners (Packer's `valid_exit_codes`).
import { KilnError } from '../../core/errors.js';

/** Packer's RemoteCmd status for "the session ended without an exit status". */
export const CMD_DISCONNECT = 2300218;

/** Go's `%v` of an []int: "[0 2]". */
export function formatExitCodes(codes: readonly number[]): string {
  return `[${codes.join(' ')}]`;
}

export function checkExitCode(code: number, valid: readonly number[], what: string, details = ''): void {
  if (valid.includes(code)) return;
  throw new KilnError(
    `Script exited with non-zero exit status: ${code}. Allowed exit codes are: ${formatExitCodes(valid)} (${what})${details}`,
    {
      code: 'provisioner',
      hint: 'see the script output above; add the code to valid_exit_codes if it is expected',
    },
  );
}
