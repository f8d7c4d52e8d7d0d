import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { canListen, findFreePort } from '../../src/net/ports.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function occupy(port: number): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
}

async function freeRange(size: number): Promise<number> {
  // A window of `size` free ports somewhere in the ephemeral-free area.
  for (let base = 41000; base < 60000; base += 97) {
    const checks = await Promise.all(
      Array.from({ length: size }, (_, i) => canListen('127.0.0.1', base + i)),
    );
    if (checks.every(Boolean)) return base;
  }
  throw new Error('no free window');
}

describe('findFreePort', () => {
  it('returns a port inside the range, max included, that can be bound', async () => {
    const base = await freeRange(2);
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add(await findFreePort('127.0.0.1', { min: base, max: base + 1 }));
    expect([...seen].sort()).toEqual([base, base + 1]);
  });

  it('skips ports that are taken', async () => {
    const base = await freeRange(3);
    await occupy(base);
    await occupy(base + 2);
    for (let i = 0; i < 10; i++)
      expect(await findFreePort('127.0.0.1', { min: base, max: base + 2 })).toBe(base + 1);
  });

  it('fails with a clear error when the whole range is taken', async () => {
    const base = await freeRange(1);
    await occupy(base);
    await expect(findFreePort('127.0.0.1', { min: base, max: base })).rejects.toThrow(
      `no free port on 127.0.0.1 between ${base} and ${base}`,
    );
  });

  it('rejects an inverted or out-of-bounds range', async () => {
    await expect(findFreePort('127.0.0.1', { min: 9000, max: 8000 })).rejects.toThrow(
      'invalid port range 9000-8000',
    );
    await expect(findFreePort('127.0.0.1', { min: 0, max: 70000 })).rejects.toThrow('invalid port range');
  });
});
