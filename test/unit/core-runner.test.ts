import { describe, expect, it } from 'vitest';
import { CancelledError, KilnError } from '../../src/core/errors.js';
import { describeCleanupError, runSteps, type Step } from '../../src/core/runner.js';
import { formatError } from '../../src/ui/format-error.js';

type Log = string[];

function step(
  name: string,
  behaviour: 'ok' | 'fail' | 'abort' = 'ok',
  controller?: AbortController,
): Step<Log> {
  return {
    name,
    run: async (log) => {
      log.push(`run ${name}`);
      if (behaviour === 'fail') throw new KilnError(`${name} broke`, { code: 'test' });
      if (behaviour === 'abort') controller?.abort(new CancelledError());
    },
    cleanup: (log, { outcome }) => {
      log.push(`cleanup ${name} ${outcome}`);
    },
  };
}

describe('runSteps', () => {
  it('runs steps in order and cleans up in reverse on success', async () => {
    const log: Log = [];
    await runSteps([step('a'), null, step('b')], log, { signal: new AbortController().signal });
    expect(log).toEqual(['run a', 'run b', 'cleanup b success', 'cleanup a success']);
  });

  it('stops at a failing step, cleans up that step too, and names it on the error', async () => {
    const log: Log = [];
    const promise = runSteps([step('a'), step('b', 'fail'), step('c')], log, {
      signal: new AbortController().signal,
    });
    await expect(promise).rejects.toMatchObject({ message: 'b broke', step: 'b' });
    expect(log).toEqual(['run a', 'run b', 'cleanup b failed', 'cleanup a failed']);
  });

  it('reports cancellation as its own outcome and skips the remaining steps', async () => {
    const log: Log = [];
    const controller = new AbortController();
    const steps = [step('a'), step('b', 'abort', controller), step('c')];
    await expect(runSteps(steps, log, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(log).toEqual(['run a', 'run b', 'cleanup b cancelled', 'cleanup a cancelled']);
  });

  it('runs every cleanup even when one throws', async () => {
    const log: Log = [];
    const failures: string[] = [];
    const broken: Step<Log> = {
      name: 'broken',
      run: async () => {},
      cleanup: () => Promise.reject(new Error('boom')),
    };
    await runSteps([step('a'), broken], log, {
      signal: new AbortController().signal,
      onCleanupError: (name, error) => failures.push(`${name}: ${(error as Error).message}`),
    });
    expect(log).toEqual(['run a', 'cleanup a success']);
    expect(failures).toEqual(['broken: boom']);
  });
});

describe('runSteps error policy (-on-error)', () => {
  it('abort leaves every cleanup undone', async () => {
    const log: Log = [];
    const promise = runSteps([step('a'), step('b', 'fail')], log, {
      signal: new AbortController().signal,
      onStepError: async () => 'abort',
    });
    await expect(promise).rejects.toThrow('b broke');
    expect(log).toEqual(['run a', 'run b']);
  });

  it('retry runs the failed step again until it passes', async () => {
    const log: Log = [];
    let failures = 1;
    const flaky: Step<Log> = {
      name: 'flaky',
      run: async (l) => {
        l.push('run flaky');
        if (failures-- > 0) throw new KilnError('not yet', { code: 'test' });
      },
      cleanup: (l, { outcome }) => {
        l.push(`cleanup flaky ${outcome}`);
      },
    };
    await runSteps([flaky, step('b')], log, {
      signal: new AbortController().signal,
      onStepError: async () => 'retry',
    });
    expect(log).toEqual([
      'run flaky',
      'cleanup flaky failed',
      'run flaky',
      'run b',
      'cleanup b success',
      'cleanup flaky success',
    ]);
  });
});

describe('runSteps errors that are not KilnErrors', () => {
  it('turns a system error into a KilnError naming the step and the path, keeping the original as cause', async () => {
    const original = Object.assign(new Error("EACCES: permission denied, mkdir '/root/out'"), {
      code: 'EACCES',
      syscall: 'mkdir',
      path: '/root/out',
      errno: -13,
    });
    const failing: Step<Log> = { name: 'prepare-output-dir', run: () => Promise.reject(original) };
    const error = await runSteps([failing], [], { signal: new AbortController().signal }).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error).toMatchObject({
      step: 'prepare-output-dir',
      code: 'system-EACCES',
      message: 'mkdir /root/out: permission denied (EACCES)',
      cause: original,
    });
    expect(formatError(error)).toBe(
      `[prepare-output-dir] mkdir /root/out: permission denied (EACCES)\nhint: ${error.hint}`,
    );
    expect(formatError(error, { debug: true })).toContain(original.stack);
  });

  it('names both paths of a failed rename', async () => {
    const original = Object.assign(new Error('EXDEV: cross-device link not permitted'), {
      code: 'EXDEV',
      syscall: 'rename',
      path: '/a/disk',
      dest: '/b/disk',
    });
    const failing: Step<Log> = { name: 'rename-artifacts', run: () => Promise.reject(original) };
    const error = await runSteps([failing], [], { signal: new AbortController().signal }).catch((e) => e);
    expect(error.message).toBe('rename /a/disk -> /b/disk: cannot move across file systems (EXDEV)');
  });

  it('wraps a plain Error too, with no stack in the message', async () => {
    const failing: Step<Log> = { name: 'x', run: () => Promise.reject(new TypeError('boom')) };
    const error = await runSteps([failing], [], { signal: new AbortController().signal }).catch((e) => e);
    expect(error).toMatchObject({ step: 'x', code: 'unexpected', message: 'boom' });
    expect(formatError(error)).not.toContain('    at ');
  });
});

describe('runSteps cleanup deadline', () => {
  it('stops waiting for a cleanup that outlives cleanupTimeoutMs, reports it by name and runs the rest', async () => {
    const log: Log = [];
    const failures: string[] = [];
    let sawAbort = false;
    const stuck: Step<Log> = {
      name: 'stuck',
      run: async () => {},
      // Ignores its signal on purpose: the runner must not rely on cleanups honouring it.
      cleanup: (_, { signal }) =>
        new Promise<void>(() => {
          signal.addEventListener('abort', () => {
            sawAbort = true;
          });
        }),
    };
    const started = Date.now();
    await runSteps([step('a'), stuck], log, {
      signal: new AbortController().signal,
      cleanupTimeoutMs: 50,
      onCleanupError: (name, error) => failures.push(describeCleanupError(name, error)),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(failures).toEqual(["cleanup of step 'stuck' failed: did not finish within 50ms; left it running"]);
    expect(sawAbort).toBe(true);
    expect(log).toEqual(['run a', 'cleanup a success']);
  });
});

describe('runSteps cancelled', () => {
  it('reports a cancelled build as cancelled, whatever system error the step threw on its way out', async () => {
    const controller = new AbortController();
    const failing: Step<Log> = {
      name: 'x',
      run: () => {
        controller.abort();
        return Promise.reject(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }));
      },
    };
    await expect(runSteps([failing], [], { signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
