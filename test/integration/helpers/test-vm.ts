// A plain TCG guest for tests and benchmarks (no Kiln build around it): headless, small, on loopback.
import { startQemu, type VmProcess } from '../../../src/builders/qemu/vm-process.js';

export function startTestVm(extraArgs: readonly string[]): VmProcess {
  return startQemu('qemu-system-x86_64', [
    ...['-accel', 'tcg', '-machine', 'pc', '-m', '512', '-display', 'none'],
    ...extraArgs,
  ]);
}
