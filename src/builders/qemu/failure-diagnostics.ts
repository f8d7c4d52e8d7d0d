// After a failure with the VM up, what is gone a moment later is saved for the user: the screen (while QEMU
// still runs), the serial console (before the work directory is removed) and, once the error is known, the
// last lines of the debug log. Beside the output directory, or in -diagnostics DIR; every file is redacted,
// and its name is made of the build name (redacted) and the time, never of anything secret.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errorMessage, KilnError } from '../../core/errors.js';
import { withDeadline } from '../../core/wait.js';
import type { DiagnosticFile } from '../../plugins/diagnostics.js';
import type { QemuBuildContext } from './build-context.js';
import { serialLogPath } from './steps/create-work-dir.js';

const SCREENDUMP_TIMEOUT_MS = 10_000;

/** Called by start-vm's cleanup after a failure, before QEMU is stopped. */
export async function saveVmDiagnostics(ctx: QemuBuildContext, signal: AbortSignal): Promise<void> {
  const base = join(diagnosticsDir(ctx), baseName(ctx));
  const files: DiagnosticFile[] = [];
  ctx.state.diagnostics = { base, files };
  try {
    await mkdir(dirname(base), { recursive: true });
  } catch (error) {
    ctx.ui.error(`Could not save diagnostics in ${dirname(base)}: ${errorMessage(error)}`);
    ctx.state.diagnostics = undefined;
    return;
  }
  const screenshot = await saveScreenshot(ctx, `${base}-screen.png`, signal);
  if (screenshot) files.push({ kind: 'screenshot', path: screenshot });
  const serial = await saveSerialLog(ctx, `${base}-serial.log`);
  if (serial) files.push({ kind: 'serial-log', path: serial });
}

/** Called once the build's error is known: it ends the saved debug-log tail. */
export async function saveDebugLogTail(ctx: QemuBuildContext, error: unknown): Promise<DiagnosticFile[]> {
  const saved = ctx.state.diagnostics;
  if (!saved) return [];
  const step = error instanceof KilnError && error.step ? ` in step '${error.step}'` : '';
  ctx.log.error(`build failed${step}: ${errorMessage(error)}`);
  const path = `${saved.base}-debug.log`;
  try {
    await writeFile(path, `${ctx.log.tail().join('\n')}\n`, { mode: 0o600 });
    return [...saved.files, { kind: 'debug-log', path }];
  } catch (writeError) {
    ctx.ui.error(`Could not save the debug log tail ${path}: ${errorMessage(writeError)}`);
    return saved.files;
  }
}

function diagnosticsDir(ctx: QemuBuildContext): string {
  return resolve(ctx.diagnosticsDir ?? dirname(resolve(ctx.config.outputDirectory)));
}

/** kiln-failure-<build>-<UTC time>: the build name redacted, then reduced to characters safe in a file name. */
function baseName(ctx: QemuBuildContext): string {
  const build = ctx.redact(ctx.build.name).replace(/[^A-Za-z0-9._-]+/g, '_');
  const time = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `kiln-failure-${build}-${time}`;
}

async function saveScreenshot(
  ctx: QemuBuildContext,
  path: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const { qmp, vm } = ctx.state;
  if (!qmp || !vm || vm.hasExited()) return undefined;
  try {
    const done = await withDeadline(ctx.driver.screendump(qmp, path), SCREENDUMP_TIMEOUT_MS, signal);
    if (done === 'timeout') throw new Error('QEMU did not answer the screendump within 10s');
    ctx.log.debug(`screenshot ${done.value.width}x${done.value.height} saved to ${path}`);
    return path;
  } catch (error) {
    ctx.log.warn(`no screenshot: ${errorMessage(error)}`);
    ctx.ui.message(`Could not save a screenshot of the VM: ${errorMessage(error)}`);
    return undefined;
  }
}

/** The guest may print anything, secrets included: the copy is redacted like every other output. */
async function saveSerialLog(ctx: QemuBuildContext, path: string): Promise<string | undefined> {
  const workDir = ctx.state.workDir;
  if (!workDir) return undefined;
  let text: string;
  try {
    text = await readFile(serialLogPath(workDir), 'utf8');
  } catch {
    return undefined; // QEMU had not opened it yet
  }
  try {
    await writeFile(path, ctx.redact(text), { mode: 0o600 });
    return path;
  } catch (error) {
    ctx.ui.message(`Could not save the serial log: ${errorMessage(error)}`);
    return undefined;
  }
}
