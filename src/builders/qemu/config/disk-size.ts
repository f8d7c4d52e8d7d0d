// QEMU disk sizes as Packer accepts them: digits with an optional b/k/m/g/t suffix; bare numbers are MiB.

const SIZE = /^(\d+)([bkmgt]?)$/i;
const FACTOR: Readonly<Record<string, number>> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export interface DiskSize {
  /** qemu-img argument, e.g. `40960M` (bare numbers get `M`, as Packer does). */
  readonly text: string;
  readonly bytes: number;
  readonly mib: number;
}

export function parseDiskSize(text: string): DiskSize | undefined {
  const match = SIZE.exec(text);
  if (!match) return undefined;
  const [, digits = '0', suffix = ''] = match;
  const unit = suffix === '' ? 'm' : suffix.toLowerCase();
  const bytes = Number(digits) * (FACTOR[unit] ?? 1);
  // Past 2^53 bytes (8 PiB) the size is no longer exact; no disk format goes near it.
  if (!Number.isSafeInteger(bytes)) return undefined;
  return { text: suffix === '' ? `${digits}M` : text, bytes, mib: bytes / 1024 ** 2 };
}
