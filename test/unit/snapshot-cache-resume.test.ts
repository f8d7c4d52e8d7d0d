// Resuming a VM from a cached snapshot with the fake driver: start-vm starts QEMU waiting for its saved state
// and loads it over QMP; type-boot-command leaves a resumed VM alone.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startVm } from '../../src/builders/qemu/steps/start-vm.js';
import { typeBootCommand } from '../../src/builders/qemu/steps/type-boot-command.js';
import { useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;

function resumed(config: Record<string, unknown> = {}) {
  const h = harness({ config: { headless: true, ...config } });
  const statePath = join(h.dir, "cache's", 'vmstate');
  Object.assign(h.ctx.state, {
    workDir: h.dir,
    outputDir: join(h.dir, 'output'),
    diskPath: join(h.dir, 'output', 'disk.kiln-partial'),
    isoPath: '/isos/installer.iso',
    accelerator: 'tcg',
    snapshots: {
      qemuVersion: 'QEMU 7.2',
      keys: ['k0'],
      resume: { provisionersDone: 0, statePath, costMs: 60_000 },
      workStartedAt: Date.now(),
      recordingMs: 0,
    },
  });
  h.driver.onConnectQmp = async () => {
    const qmp = h.driver.newQmp();
    qmp.status = { running: false, status: 'paused' };
    qmp.onCommand = (execute) => (execute === 'query-migrate' ? { status: 'completed' } : undefined);
    return qmp;
  };
  return { ...h, statePath };
}

describe('resuming from a snapshot', () => {
  it('starts QEMU with -incoming defer, loads the state from the cache and runs the VM on', async () => {
    const { ctx, driver, ui, statePath } = resumed();
    await startVm().run(ctx, never);
    try {
      const args = driver.vms[0]?.args ?? [];
      expect(args.slice(-2)).toEqual(['-incoming', 'defer']);
      const commands = driver.qmps[0]?.commands ?? [];
      expect(commands[0]).toEqual({
        execute: 'migrate-incoming',
        args: { uri: `exec:cat '${statePath.replace("'", "'\\''")}'` },
      });
      expect(commands.map((c) => c.execute)).toEqual(['migrate-incoming', 'query-migrate', 'cont']);
      expect(ui.text()).toContain('Starting VM from the cached snapshot');
    } finally {
      await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
    }
  });

  it('does not type the boot command into a resumed VM', async () => {
    const { ctx, driver } = resumed({ boot_command: ['<enter>'] });
    await typeBootCommand().run(ctx, never);
    expect(driver.calls).toEqual([]);
  });
});
