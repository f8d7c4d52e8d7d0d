// Listens on a free port in a range, retrying when another process takes the probed port first.
import type { Server } from 'node:http';
import { KilnError } from '../core/errors.js';
import { findFreePort, type PortRange } from '../net/ports.js';

const ATTEMPTS = 5;

export async function listenInRange(server: Server, host: string, range: PortRange): Promise<number> {
  const tried = new Set<number>();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = await findFreePort(host, range, tried);
    tried.add(port);
    try {
      await listen(server, host, port);
      return port;
    } catch (error) {
      // findFreePort releases the port before we bind it: losing that race is expected, anything else is not.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new KilnError(
    `no free port on ${host} between ${range.min} and ${range.max} after ${ATTEMPTS} attempts`,
    {
      code: 'no-free-port',
      hint: 'widen http_port_min/http_port_max or stop what is using those ports',
    },
  );
}

/** Listens on exactly `port` (0: any free one); rejects with the bind error. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}
