// `kiln doctor` arguments: none; it reports on this machine, its PATH and the current directory.

import { runDoctorCommand } from '../commands/doctor.js';
import { hostProbes } from '../commands/host-probes.js';
import { UsageError } from './flags.js';
import { wantsHelp } from './shared-flags.js';

export async function doctorCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(
      'Usage: kiln doctor\n\n  Checks what this machine can build with: QEMU, qemu-img, KVM, xorriso, OVMF, swtpm and free\n' +
        '  disk in the ISO cache and the current directory. Exits 1 when no build can run here.\n',
    );
    return 0;
  }
  if (args.length > 0) throw new UsageError(`takes no arguments, got '${args.join(' ')}'`);
  return runDoctorCommand({
    probes: hostProbes({ env: process.env }),
    env: process.env,
    cwd: process.cwd(),
    signal: AbortSignal.timeout(60_000),
    out: process.stdout,
  });
}
