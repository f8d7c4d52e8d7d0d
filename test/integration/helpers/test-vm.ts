// A plain TCG guest for tests and benchmarks (no Kiln build around it): headless, small, on loopback.
import { startQemu, type VmProcess } from '../../../src/builders/qemu/vm-process.js';

/** `machine`: pc (SeaBIOS) unless a test boots UEFI firmware, which wants q35 as Kiln's efi_boot builds do. */
export function startTestVm(extraArgs: readonly string[], machine: 'pc' | 'q35' = 'pc'): VmProcess {
  return startQemu('qemu-system-x86_64', [
    ...['-accel', 'tcg', '-machine', machine, '-m', '512', '-display', 'none'],
    ...extraArgs,
  ]);
}
