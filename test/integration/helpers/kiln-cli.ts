// Runs the real `kiln` CLI as a user would, and checks that a run left nothing behind.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { canListen } from '../../../src/net/ports.js';
import { REPO_ROOT } from './testos.js';

export interface CliRun {
  exitCode: number | undefined;
  output: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Send SIGINT once the output matches this. */
  interruptWhen?: RegExp;
  timeoutMs?: number;
}

export async function runKiln(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const subprocess = execa('node', [join(REPO_ROOT, 'bin/kiln.js'), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { CI: 'true', ...options.env },
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: options.timeoutMs ?? 540_000,
  });
  let output = '';
  let interrupted = false;
  subprocess.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (process.env.KILN_TEST_VERBOSE) process.stderr.write(chunk);
    if (options.interruptWhen && !interrupted && options.interruptWhen.test(output)) {
      interrupted = true;
      subprocess.kill('SIGINT');
    }
  });
  const result = await subprocess;
  return { exitCode: result.exitCode, output };
}

/** Every QEMU the run started is gone, and every port it announced is free again. */
export async function expectNothingLeftBehind(output: string): Promise<string[]> {
  const problems: string[] = [];
  for (const match of output.matchAll(/QEMU pid (\d+)/g)) {
    const pid = Number(match[1]);
    if (isRunning(pid)) problems.push(`QEMU pid ${pid} is still running`);
  }
  const ports = [
    ...output.matchAll(/HTTP server on 127\.0\.0\.1:(\d+)/g),
    ...output.matchAll(/vnc:\/\/127\.0\.0\.1:(\d+)/g),
    ...output.matchAll(/SSH on 127\.0\.0\.1:(\d+)/g),
  ].map((m) => Number(m[1]));
  for (const port of ports) {
    if (!(await canListen('127.0.0.1', port))) problems.push(`port ${port} is still open`);
  }
  return problems;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !readState(pid).startsWith('Z');
  } catch {
    return false;
  }
}

function readState(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2);
  } catch {
    return 'Z';
  }
}
