// The only place that spawns qemu-system-*: start it, keep its stderr, stop it by PID.
import { execa, type ResultPromise } from 'execa';
import { KilnError } from '../../core/errors.js';
import { dieWithKiln } from '../../process/die-with-kiln.js';

export interface VmExit {
  exitCode: number | undefined;
  signal: string | undefined;
  /** QEMU's last stderr lines, minus harmless CPUID warnings. */
  stderr: string;
}

export interface VmProcess {
  readonly pid: number;
  readonly command: string;
  /** Resolves when QEMU exits, for whatever reason; never rejects. */
  readonly exited: Promise<VmExit>;
  hasExited(): boolean;
  /** QEMU's own error lines so far (not its register dumps), at most three. */
  errorLines(): string;
  /** Lets Kiln exit while QEMU keeps running (only a detached QEMU survives that). */
  release(): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<VmExit>;
}

const STDERR_TAIL_LINES = 20;

export interface StartQemuOptions {
  /**
   * Let QEMU outlive Kiln (-on-error=abort keeps the VM for inspection); otherwise it dies with Kiln, even
   * when Kiln is SIGKILLed (setpriv --pdeathsig).
   */
  detached?: boolean;
  onStderrLine?: (line: string) => void;
}

export function startQemu(
  binary: string,
  args: readonly string[],
  options: StartQemuOptions = {},
): VmProcess {
  let subprocess: ResultPromise<{ reject: false; stdin: 'ignore'; stdout: 'ignore'; stderr: 'pipe' }>;
  const detached = options.detached ?? false;
  // setpriv execs QEMU in place: the PID and /proc/PID/cmdline are QEMU's own.
  const command = detached ? { file: binary, args } : dieWithKiln(binary, args);
  try {
    subprocess = execa(command.file, command.args, {
      reject: false,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      cleanup: !detached,
      detached,
    });
  } catch (error) {
    throw new KilnError(`could not start ${binary}`, { code: 'qemu-start', cause: error });
  }
  const tail: string[] = [];
  const errors: string[] = [];
  let buffered = '';
  subprocess.stderr.setEncoding('utf8');
  subprocess.stderr.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (isNoise(line)) continue;
      if (/error|fail/i.test(line) && errors.length < 3) errors.push(line.trim());
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      options.onStderrLine?.(line);
    }
  });
  let done = false;
  const exited: Promise<VmExit> = subprocess.then((result) => {
    done = true;
    if (buffered && !isNoise(buffered)) tail.push(buffered);
    return { exitCode: result.exitCode, signal: result.signal, stderr: tail.join('\n') };
  });
  const pid = subprocess.pid;
  if (pid === undefined)
    throw new KilnError(`could not start ${binary}: no process was created`, { code: 'qemu-start' });
  let stopping: Promise<VmExit> | undefined;
  const stop = (graceMs = 5_000): Promise<VmExit> => {
    stopping ??= (async () => {
      if (done) return exited;
      subprocess.kill('SIGTERM');
      const timer = setTimeout(() => subprocess.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };
  const release = () => {
    subprocess.unref();
    subprocess.stderr.destroy();
  };
  return {
    pid,
    command: [binary, ...args].join(' '),
    exited,
    hasExited: () => done,
    errorLines: () => errors.join('; '),
    stop,
    release,
  };
}

function isNoise(line: string): boolean {
  return line.trim() === '' || line.includes("host doesn't support requested feature");
}

/** One sentence for a QEMU that exited on its own. */
export function describeExit(exit: VmExit): string {
  if (exit.exitCode === 0 && !exit.stderr) return 'the guest powered off (QEMU exited with code 0)';
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
  return exit.stderr ? `QEMU ${how}: ${exit.stderr.trim()}` : `QEMU ${how}`;
}

/** `qemu-system-* --version`'s first line: a saved VM state only loads into the QEMU version that wrote it. */
export async function qemuVersion(binary: string, signal: AbortSignal): Promise<string> {
  const result = await execa(binary, ['--version'], { reject: false, cancelSignal: signal, stdin: 'ignore' });
  const line = String(result.stdout).split('\n')[0]?.trim() ?? '';
  if (result.failed || !line) {
    throw new KilnError(`could not ask ${binary} for its version`, { code: 'qemu-start', cause: result });
  }
  return line;
}
