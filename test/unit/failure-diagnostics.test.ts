// After a failure with the VM up, start-vm's cleanup saves the screen and the serial log before QEMU stops, and
// the build adds the debug-log tail once the error is known: beside the output directory or in -diagnostics,
// redacted, with names that hold no secret. Run with the FakeQemuDriver.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { saveDebugLogTail } from '../../src/builders/qemu/failure-diagnostics.js';
import { startVm } from '../../src/builders/qemu/steps/start-vm.js';
import { createBuildLog } from '../../src/core/debug-log.js';
import { KilnError } from '../../src/core/errors.js';
import { createRedactor } from '../../src/core/redact.js';
import type { Outcome } from '../../src/core/runner.js';
import { describeDiagnostics } from '../../src/plugins/diagnostics.js';
import { createMachineReadableUi, writeDiagnosticRecords } from '../../src/ui/machine-readable-ui.js';
import { useStepHarness } from './qemu-step-harness.js';

const SECRET = 'hunter2-secret';
const harness = useStepHarness();
const never = new AbortController().signal;
let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'kiln-work-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A started VM whose guest printed the secret on its console, in a build whose name holds the secret. */
async function startedVm(diagnosticsDir?: string) {
  const h = harness({ config: { headless: true } });
  const redact = createRedactor([SECRET]);
  const ctx: QemuBuildContext = {
    ...h.ctx,
    build: { name: `web-${SECRET}`, type: 'qemu' },
    redact,
    log: createBuildLog({ redact }),
    diagnosticsDir,
  };
  Object.assign(ctx.state, {
    workDir,
    outputDir: join(h.dir, 'output'),
    diskPath: join(h.dir, 'output', 'disk.kiln-partial'),
    isoPath: '/isos/installer.iso',
    accelerator: 'tcg',
  });
  await startVm().run(ctx, never);
  await writeFile(join(workDir, 'serial.log'), `booting\r\nroot password is ${SECRET}\r\n`);
  return { ...h, ctx };
}

async function fail(ctx: QemuBuildContext, outcome: Outcome = 'failed') {
  ctx.log.debug(`ssh: attempt 1 with ${SECRET}`);
  await startVm().cleanup?.(ctx, { outcome, signal: AbortSignal.timeout(5_000) });
  const error = new KilnError('timed out waiting for SSH', { code: 'timeout' });
  error.step = 'connect-ssh';
  return saveDebugLogTail(ctx, error);
}

describe('failure diagnostics', () => {
  it('saves the screen, the serial log and the log tail beside the output directory, before QEMU stops', async () => {
    const { ctx, driver, dir } = await startedVm();
    const files = await fail(ctx);
    expect(files.map((f) => f.kind)).toEqual(['screenshot', 'serial-log', 'debug-log']);
    for (const file of files) {
      expect(file.path.startsWith(join(dir, 'kiln-failure-web-_sensitive_-'))).toBe(true);
      expect(existsSync(file.path)).toBe(true);
      expect(file.path).not.toContain(SECRET);
    }
    const [screen, serial, debug] = files.map((f) => f.path) as [string, string, string];
    expect(screen).toMatch(/-screen\.png$/);
    expect(readFileSync(screen).subarray(1, 4).toString()).toBe('PNG');
    // The screen was taken while QEMU still ran: screendump went out before the VM was stopped.
    expect(driver.qmps[0]?.commands.map((c) => c.execute)).toContain('screendump');
    expect(driver.vms[0]?.events).toEqual(['stop']);
    expect(readFileSync(serial, 'utf8')).toBe('booting\r\nroot password is <sensitive>\r\n');
    const tail = readFileSync(debug, 'utf8');
    expect(tail).toContain("[ERROR] build failed in step 'connect-ssh': timed out waiting for SSH");
    expect(tail).toContain('ssh: attempt 1 with <sensitive>');
    for (const file of readdirSync(dir)) expect(file).not.toContain(SECRET);
    for (const file of files) expect(readFileSync(file.path, 'latin1')).not.toContain(SECRET);
  });

  it('writes to -diagnostics DIR, creating it', async () => {
    const { ctx, dir } = await startedVm();
    const target = join(dir, 'diag', 'nested');
    const files = await fail({ ...ctx, diagnosticsDir: target });
    expect(files).toHaveLength(3);
    expect(
      readdirSync(target)
        .sort()
        .map((f) => f.replace(/^kiln-failure-.*Z-/, '')),
    ).toEqual(['debug.log', 'screen.png', 'serial.log']);
  });

  it('saves nothing when the build succeeded or was cancelled', async () => {
    for (const outcome of ['success', 'cancelled'] as const) {
      const { ctx, dir } = await startedVm();
      expect(await fail(ctx, outcome)).toEqual([]);
      expect(readdirSync(dir).filter((f) => f.startsWith('kiln-failure'))).toEqual([]);
    }
  });

  it('still saves the serial log and the tail when the VM is already gone, and says why there is no screen', async () => {
    const { ctx, driver, ui } = await startedVm();
    driver.vms[0]?.exit(1, 'qemu died');
    const files = await fail(ctx);
    expect(files.map((f) => f.kind)).toEqual(['serial-log', 'debug-log']);
    expect(ui.text()).not.toContain('Could not save');
  });

  it('reports a diagnostics directory it cannot create, and the build error stays the one reported', async () => {
    const { ctx, dir, ui } = await startedVm();
    await mkdir(join(dir, 'blocked'));
    await writeFile(join(dir, 'blocked', 'file'), '');
    const files = await fail({ ...ctx, diagnosticsDir: join(dir, 'blocked', 'file', 'sub') });
    expect(files).toEqual([]);
    expect(ui.text()).toMatch(/Could not save diagnostics in .*blocked\/file\/sub: .*ENOTDIR/);
  });
});

describe('naming the saved files', () => {
  const files = [
    { kind: 'screenshot', path: '/out/kiln-failure-b-1Z-screen.png' },
    { kind: 'serial-log', path: '/out/a,b/kiln-failure-b-1Z-serial.log' },
  ] as const;

  it('in the error output, one path per line with what it holds', () => {
    expect(describeDiagnostics(files)).toBe(
      "Saved for diagnosis:\n  /out/kiln-failure-b-1Z-screen.png (the VM's screen)\n  /out/a,b/kiln-failure-b-1Z-serial.log (the VM's serial console)",
    );
  });

  it('as Packer-style machine-readable records, target the build, paths escaped and redacted', () => {
    const lines: string[] = [];
    const out = { write: (chunk: string) => lines.push(chunk) } as unknown as NodeJS.WritableStream;
    const ui = createMachineReadableUi({
      out,
      target: 'b',
      redact: createRedactor(['secret']),
      now: () => new Date(5000),
    });
    writeDiagnosticRecords(ui, [...files, { kind: 'debug-log', path: '/secret/x-debug.log' }]);
    expect(lines).toEqual([
      '5,b,diagnostic,screenshot,/out/kiln-failure-b-1Z-screen.png\n',
      '5,b,diagnostic,serial-log,/out/a%!(PACKER_COMMA)b/kiln-failure-b-1Z-serial.log\n',
      '5,b,diagnostic,debug-log,/<sensitive>/x-debug.log\n',
    ]);
  });
});
