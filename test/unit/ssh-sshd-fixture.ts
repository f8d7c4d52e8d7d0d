// Test fixture: a real OpenSSH sshd on 127.0.0.1 with its own host key, logging in as root with test keys.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../../src/net/ports.js';

export interface SshdFixture extends TestKeys {
  port: number;
  dir: string;
  /** What sshd wrote to stderr so far (its log; `logLevel: 'DEBUG3'` shows requests and subsystems). */
  log(): string;
  stop(): Promise<void>;
}

export interface TestKeys {
  ed25519Key: Buffer;
  rsaKey: Buffer;
  strangerKey: Buffer;
  authorized: string;
}

export function makeKeys(dir: string): TestKeys {
  const gen = (name: string, type: string, extra: string[] = []): Buffer => {
    execFileSync('ssh-keygen', ['-q', '-t', type, ...extra, '-N', '', '-f', join(dir, name)]);
    return readFileSync(join(dir, name));
  };
  const ed25519Key = gen('id_ed25519', 'ed25519');
  const rsaKey = gen('id_rsa', 'rsa', ['-b', '2048']);
  const strangerKey = gen('id_stranger', 'ed25519');
  const authorized = ['id_ed25519', 'id_rsa']
    .map((k) => readFileSync(join(dir, `${k}.pub`), 'utf8'))
    .join('');
  return { ed25519Key, rsaKey, strangerKey, authorized };
}

export interface SshdOptions {
  sftp?: boolean;
  port?: number;
  keys?: TestKeys;
  logLevel?: 'INFO' | 'DEBUG3';
  /** Where sshd looks for authorized keys; default `<dir>/authorized_keys`, written with the test keys. */
  authorizedKeysFile?: string;
  /** More sshd_config lines, e.g. `SetEnv HOME=…`. */
  extraConfig?: string[];
}

/** `keys`: reuse another fixture's keys (a second sshd that accepts the same logins). */
export async function startSshd(options: SshdOptions = {}): Promise<SshdFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  const keys = options.keys ?? makeKeys(dir);
  const authorizedKeysFile = options.authorizedKeysFile ?? join(dir, 'authorized_keys');
  if (options.authorizedKeysFile === undefined) writeFileSync(authorizedKeysFile, keys.authorized);
  const port = options.port ?? (await findFreePort('127.0.0.1', { min: 20000, max: 40000 }));
  const config = [
    `HostKey ${join(dir, 'host_key')}`,
    'ListenAddress 127.0.0.1',
    `PidFile ${join(dir, 'pid')}`,
    `AuthorizedKeysFile ${authorizedKeysFile}`,
    'StrictModes no',
    'UsePAM no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    ...(options.sftp === false ? [] : ['Subsystem sftp /usr/lib/openssh/sftp-server']),
    ...(options.logLevel ? [`LogLevel ${options.logLevel}`] : []),
    ...(options.extraConfig ?? []),
  ];
  writeFileSync(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  // setpriv execs sshd (same PID) with a parent-death signal: if the test worker dies before `stop()` (a
  // vitest timeout ends the file, a crash), the kernel kills sshd instead of leaving it listening.
  const sshdArgs = ['-D', '-e', '-f', join(dir, 'sshd_config'), '-p', String(port)];
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', '/usr/sbin/sshd', ...sshdArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await waitListening(port, child, () => stderr);
  const { ed25519Key, rsaKey, strangerKey, authorized } = keys;
  return {
    ed25519Key,
    rsaKey,
    strangerKey,
    authorized,
    port,
    dir,
    log: () => stderr,
    stop: () => stopChild(child, dir),
  };
}

async function waitListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await sleep(50);
  }
  throw new Error(`sshd did not listen on ${port}: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess, removeDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(removeDir, { recursive: true, force: true });
}
