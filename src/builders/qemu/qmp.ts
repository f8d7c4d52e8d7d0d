// A minimal QMP client: enough to watch the VM's run state, receive events and request an ACPI powerdown.
// Every exchange goes to the debug log, except the once-a-second status poll while its answer stays the same.
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import { type Logger, SILENT_LOG } from '../../core/debug-log.js';
import { errorMessage, KilnError } from '../../core/errors.js';
import { abortableSleep, withDeadline } from '../../core/wait.js';

export interface QmpEvent {
  event: string;
  data?: Record<string, unknown>;
}

interface Pending {
  execute: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface QmpConnectOptions {
  log?: Logger;
  timeoutMs?: number;
}

/** Arguments whose values never reach the log (change-vnc-password). */
const SECRET_ARGUMENTS = new Set(['password']);

export interface QmpStatus {
  running: boolean;
  /** QEMU's RunState: 'running', 'paused', 'internal-error', 'guest-panicked', 'shutdown', … */
  status: string;
}

/** What the build uses of a QMP connection (the driver's fake implements it too). */
export interface QmpConnection {
  command<T = unknown>(execute: string, args?: Record<string, unknown>): Promise<T>;
  queryStatus(): Promise<QmpStatus>;
  on(event: 'event', listener: (event: QmpEvent) => void): unknown;
  off(event: 'event', listener: (event: QmpEvent) => void): unknown;
  close(): void;
}

export class QmpClient extends EventEmitter<{ event: [QmpEvent]; close: [] }> implements QmpConnection {
  private buffer = '';
  private readonly pending: Pending[] = [];
  private closed = false;
  private lastStatus = '';

  private constructor(
    private readonly socket: Socket,
    private readonly log: Logger,
  ) {
    super();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => {});
  }

  /** Connects to QEMU's QMP unix socket, retrying while QEMU is still creating it. */
  static async connect(
    path: string,
    signal: AbortSignal,
    options: QmpConnectOptions = {},
  ): Promise<QmpClient> {
    const { log = SILENT_LOG, timeoutMs = 10_000 } = options;
    log.debug(`connecting to ${path}`);
    const deadline = Date.now() + timeoutMs;
    let lastError = '';
    while (Date.now() < deadline) {
      signal.throwIfAborted();
      try {
        const client = new QmpClient(await openSocket(path), log);
        // QEMU can accept the socket and still not answer (wedged at start): bound the handshake too.
        const answered = await withDeadline(
          client.command('qmp_capabilities'),
          Math.max(0, deadline - Date.now()),
          signal,
        ).catch((error: unknown) => {
          client.close();
          throw error;
        });
        if (answered !== 'timeout') return client;
        client.close();
        lastError = 'QEMU did not answer the QMP handshake';
      } catch (error) {
        lastError = errorMessage(error);
        await abortableSleep(50, signal);
      }
    }
    log.debug(`could not connect: ${lastError}`);
    throw new KilnError(`could not connect to QEMU's QMP socket ${path}: ${lastError}`, { code: 'qmp' });
  }

  command<T = unknown>(execute: string, args?: Record<string, unknown>): Promise<T> {
    if (this.closed)
      return Promise.reject(new KilnError(`QMP connection closed (command ${execute})`, { code: 'qmp' }));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ execute, resolve: resolve as (value: unknown) => void, reject });
      if (execute !== 'query-status')
        this.log.debug(`-> ${JSON.stringify({ execute, arguments: args }, hideSecrets)}`);
      this.socket.write(`${JSON.stringify(args ? { execute, arguments: args } : { execute })}\n`);
    });
  }

  async queryStatus(): Promise<QmpStatus> {
    return this.command<QmpStatus>('query-status');
  }

  close(): void {
    if (this.closed) return;
    this.socket.destroy();
    this.onClose();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) this.onMessage(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  private onMessage(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if ('QMP' in message) return; // greeting
    if (typeof message.event === 'string') {
      this.log.debug(`<- event ${line}`);
      this.emit('event', { event: message.event, data: message.data as Record<string, unknown> | undefined });
      return;
    }
    const pending = this.pending.shift();
    if (!pending) return;
    this.logAnswer(pending.execute, line);
    if ('error' in message) {
      const error = message.error as { desc?: string };
      pending.reject(new KilnError(`QMP error: ${error.desc ?? line}`, { code: 'qmp' }));
    } else {
      pending.resolve(message.return);
    }
  }

  private logAnswer(execute: string, line: string): void {
    if (execute === 'query-status') {
      if (line === this.lastStatus) return;
      this.lastStatus = line;
    }
    this.log.debug(`<- ${execute}: ${line}`);
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.log.debug('connection closed');
    for (const pending of this.pending.splice(0))
      pending.reject(new KilnError('QMP connection closed', { code: 'qmp' }));
    this.emit('close');
  }
}

function hideSecrets(key: string, value: unknown): unknown {
  return SECRET_ARGUMENTS.has(key) ? '<hidden>' : value;
}

function openSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
