// Test helper: a QemuBuildContext for one step, with a FakeQemuDriver, a BufferUi and a config resolved from
// template keys (Packer defaults apply), rooted in a fresh temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { QemuBuildContext, QemuBuildState } from '../../src/builders/qemu/build-context.js';
import type { QemuConfig } from '../../src/builders/qemu/config/qemu-config.js';
import { resolveQemuConfig } from '../../src/builders/qemu/config/resolve-qemu-config.js';
import { createBuildLog } from '../../src/core/debug-log.js';
import type { Outcome, Step } from '../../src/core/runner.js';
import { BufferUi } from '../../src/core/ui.js';
import type { JsonObject } from '../../src/json/json-value.js';
import type { RunnableProvisioner } from '../../src/plugins/plugin.js';
import { ProblemCollector } from '../../src/template/problems.js';
import { FakeQemuDriver } from './fake-qemu-driver.js';
import { QEMU } from './template-fixture.js';

export interface StepHarness {
  ctx: QemuBuildContext;
  driver: FakeQemuDriver;
  ui: BufferUi;
  /** The temporary directory the build's output_directory lives in. */
  dir: string;
}

export interface HarnessOptions {
  /** Template keys of the qemu builder, on top of a minimal valid one. */
  config?: Record<string, unknown>;
  state?: QemuBuildState;
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  provisioners?: RunnableProvisioner[];
  errorCleanupProvisioner?: RunnableProvisioner;
  /** -debug's pause; undefined = no pauses. */
  pauseAfterStep?: (label: string) => Promise<void>;
}

/** Call at the top of a test file: each test gets a fresh directory, removed afterwards. */
export function useStepHarness(): (options?: HarnessOptions) => StepHarness {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (options = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-step-'));
    dirs.push(dir);
    const config = qemuConfig({ output_directory: join(dir, 'output'), ...options.config }, dir);
    const driver = new FakeQemuDriver();
    const ui = new BufferUi();
    const ctx: QemuBuildContext = {
      config,
      provisioners: options.provisioners ?? [],
      errorCleanupProvisioner: options.errorCleanupProvisioner,
      build: { name: 'qemu', type: 'qemu' },
      ui,
      render: (text, data) =>
        text.replace(/\{\{ *\.(\w+) *\}\}/g, (_, key: string) => String(data[key] ?? '')),
      variables: {},
      detachVm: false,
      force: options.force ?? false,
      cacheDir: join(dir, 'cache'),
      env: options.env ?? {},
      driver,
      runUuid: 'test-run-uuid',
      pauseAfterStep: options.pauseAfterStep,
      waitForEnter: undefined,
      log: createBuildLog({ redact: (text) => text }),
      redact: (text) => text,
      diagnosticsDir: undefined,
      liveConsole: undefined,
      state: { ...options.state },
    };
    return { ctx, driver, ui, dir };
  };
}

/** A QemuConfig from template keys, failing the test on any template problem. */
export function qemuConfig(raw: Record<string, unknown>, cwd: string): QemuConfig {
  const problems = new ProblemCollector({ file: 't.json', positions: new Map() });
  const { type: _type, ...builder } = { ...QEMU, ...raw };
  // A key set to undefined is left out, so a test can drop one of the minimal builder's keys.
  const keys = Object.fromEntries(Object.entries(builder).filter(([, value]) => value !== undefined));
  const config = resolveQemuConfig(keys as JsonObject, 'qemu', 'builders[0]', {
    problems,
    render: (text) => text,
    cwd,
    templatePath: join(cwd, 't.json'),
    buildName: 'qemu',
    rawBuildName: 'qemu',
  });
  problems.throwIfAny();
  return config;
}

/** Runs the step, then its cleanup with the outcome the runner would give; returns run's error, if any. */
export async function runAndCleanUp<C>(
  step: Step<C>,
  ctx: C,
  outcome: Outcome,
  signal: AbortSignal = new AbortController().signal,
): Promise<unknown> {
  const error = await step.run(ctx, signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  await step.cleanup?.(ctx, { outcome, signal: AbortSignal.timeout(5_000) });
  return error;
}

export function aborted(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}
