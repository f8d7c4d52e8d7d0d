// Port selection for VNC, the SSH forward and the HTTP server: a random free port in [min, max].
import { createServer } from 'node:net';
import { KilnError } from '../core/errors.js';

export interface PortRange {
  min: number;
  max: number;
}

/**
 * Probes ports in random order until one can be bound on `host`. Unlike Packer, `max` is included, and every
 * port is tried once before giving up, so a full range is an error instead of a spin.
 * The port is released before it is returned: the caller hands it to QEMU, so a race with another process
 * remains possible; QEMU then fails fast and says so.
 */
export async function findFreePort(
  host: string,
  range: PortRange,
  exclude: ReadonlySet<number> = new Set(),
): Promise<number> {
  validateRange(range);
  const candidates = shuffle(rangeOf(range).filter((port) => !exclude.has(port)));
  for (const port of candidates) {
    if (await canListen(host, port)) return port;
  }
  throw new KilnError(`no free port on ${host} between ${range.min} and ${range.max}`, {
    code: 'no-free-port',
    hint: 'widen the port range in the template or stop what is using those ports',
  });
}

export function validateRange(range: PortRange): void {
  const ok =
    Number.isInteger(range.min) &&
    Number.isInteger(range.max) &&
    range.min >= 1 &&
    range.max <= 65535 &&
    range.min <= range.max;
  if (!ok) throw new KilnError(`invalid port range ${range.min}-${range.max}`, { code: 'bad-port-range' });
}

function rangeOf({ min, max }: PortRange): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
