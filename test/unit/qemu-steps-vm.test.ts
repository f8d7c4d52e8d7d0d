// The QEMU build's VM steps with a FakeQemuDriver: start-vm (QEMU's arguments, QMP, and stopping it again),
// type-boot-command (over a scripted VNC server) and shutdown-vm.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import type { QmpConnection } from '../../src/builders/qemu/qmp.js';
import { shutdownVm } from '../../src/builders/qemu/steps/shutdown-vm.js';
import { startVm } from '../../src/builders/qemu/steps/start-vm.js';
import { typeBootCommand } from '../../src/builders/qemu/steps/type-boot-command.js';
import { monitorVm } from '../../src/builders/qemu/vm-monitor.js';
import { CancelledError } from '../../src/core/errors.js';
import type { Outcome } from '../../src/core/runner.js';
import { FakeQmp, FakeVm } from './fake-qemu-driver.js';
import { runAndCleanUp, type StepHarness, useStepHarness } from './qemu-step-harness.js';
import { type FakeRfbServer, startFakeRfb } from './vnc-fake-server.js';

const harness = useStepHarness();
const never = new AbortController().signal;
let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'kiln-work-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** The state start-vm finds after the steps before it. */
function beforeStart(config: Record<string, unknown> = {}): StepHarness {
  const h = harness({ config });
  Object.assign(h.ctx.state, {
    workDir,
    outputDir: join(h.dir, 'output'),
    diskPath: join(h.dir, 'output', 'packer-qemu.kiln-partial'),
    isoPath: '/isos/installer.iso',
    accelerator: 'kvm',
  });
  return h;
}

function valuesOf(args: readonly string[], key: string): string[] {
  return args.flatMap((arg, i) => (arg === key ? [args[i + 1] ?? ''] : []));
}

describe('start-vm', () => {
  it('starts QEMU with the VNC port, the SSH forward and its monitor socket, then watches it', async () => {
    const { ctx, driver, ui } = beforeStart({ host_port_min: 3000, host_port_max: 3100, headless: true });
    await startVm().run(ctx, never);
    const [start] = driver.calls;
    expect(start).toMatchObject({ method: 'startVm', options: { detached: false } });
    const args = driver.vms[0]?.args ?? [];
    const { vncPort, sshHostPort } = ctx.state;
    expect(vncPort).toBeGreaterThanOrEqual(5900);
    expect(sshHostPort).toBeGreaterThanOrEqual(3000);
    expect(sshHostPort).toBeLessThanOrEqual(3100);
    expect(valuesOf(args, '-vnc')).toEqual([`127.0.0.1:${(vncPort as number) - 5900}`]);
    expect(valuesOf(args, '-netdev')).toEqual([`user,id=user.0,hostfwd=tcp:127.0.0.1:${sshHostPort}-:22`]);
    expect(valuesOf(args, '-machine')).toEqual(['type=pc,accel=kvm']);
    expect(valuesOf(args, '-display')).toEqual(['none']);
    expect(valuesOf(args, '-boot')).toEqual(['once=d']);
    expect(driver.calls[1]).toEqual({ method: 'connectQmp', socket: join(workDir, 'qmp.sock') });
    expect(ctx.state).toMatchObject({ vm: driver.vms[0], qmp: driver.qmps[0] });
    expect(ctx.state.monitor?.deadReason()).toBeUndefined();
    expect(ui.text()).toContain(`connect a VNC viewer to vnc://127.0.0.1:${vncPort} (no password)`);
    await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
  });

  it('sets a VNC password over QMP with vnc_use_password', async () => {
    const { ctx, driver } = beforeStart({ vnc_use_password: true, vnc_password: 'secret' });
    await startVm().run(ctx, never);
    expect(driver.qmps[0]?.commands).toEqual([
      { execute: 'change-vnc-password', args: { password: 'secret' } },
    ]);
    expect(valuesOf(driver.vms[0]?.args ?? [], '-vnc')[0]).toMatch(/,password=on$/);
    expect(ctx.state.vncPassword).toBe('secret');
    await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
  });

  it('disable_vnc starts QEMU without VNC; skip_nat_mapping forwards ssh_port itself', async () => {
    const { ctx, driver } = beforeStart({ disable_vnc: true, skip_nat_mapping: true, ssh_port: 2022 });
    await startVm().run(ctx, never);
    const args = driver.vms[0]?.args ?? [];
    expect(valuesOf(args, '-vnc')).toEqual([]);
    expect(ctx.state.vncPort).toBeUndefined();
    expect(ctx.state.sshHostPort).toBe(2022);
    expect(valuesOf(args, '-netdev')).toEqual(['user,id=user.0,hostfwd=tcp:127.0.0.1:2022-:2022']);
    await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
  });

  it('passes display, or nothing with use_default_display, where a display exists', async () => {
    const display = beforeStart({ display: 'sdl', use_default_display: true });
    const defaulted = beforeStart({ use_default_display: true });
    for (const h of [display, defaulted]) {
      Object.assign(h.ctx, { env: { DISPLAY: ':0' } });
      await startVm().run(h.ctx, never);
      await startVm().cleanup?.(h.ctx, { outcome: 'success', signal: never });
    }
    expect(valuesOf(display.driver.vms[0]?.args ?? [], '-display')).toEqual(['sdl']);
    expect(valuesOf(defaulted.driver.vms[0]?.args ?? [], '-display')).toEqual([]);
  });

  it('boots the installer from the ISO path, or from the URL with iso_skip_cache', async () => {
    const { ctx, driver } = beforeStart({ cdrom_interface: 'ide' });
    ctx.state.isoPath = 'http://mirror.invalid/installer.iso';
    await startVm().run(ctx, never);
    expect(valuesOf(driver.vms[0]?.args ?? [], '-drive')).toContain(
      'file=http://mirror.invalid/installer.iso,if=ide,index=0,id=cdrom0,media=cdrom',
    );
    await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
  });

  it('adds no SSH forward without a communicator, and a detached QEMU for -on-error', async () => {
    const h = beforeStart({ communicator: 'none' });
    const ctx: QemuBuildContext = { ...h.ctx, detachVm: true };
    await startVm().run(ctx, never);
    expect(h.driver.calls[0]).toMatchObject({ options: { detached: true } });
    expect(valuesOf(h.driver.vms[0]?.args ?? [], '-netdev')).toEqual(['user,id=user.0']);
    expect(ctx.state.sshHostPort).toBeUndefined();
    await startVm().cleanup?.(ctx, { outcome: 'success', signal: never });
  });

  it.each<Outcome>(['success', 'failed', 'cancelled'])(
    'cleanup after %s stops QEMU and closes the monitor',
    async (outcome) => {
      const { ctx, driver } = beforeStart();
      const step = startVm();
      await step.run(ctx, never);
      await step.cleanup?.(ctx, { outcome, signal: never });
      expect(driver.vms[0]?.events).toEqual(['stop']);
      expect(driver.qmps[0]?.closed).toBe(true);
    },
  );

  it('fails with what QEMU said when it exits before its monitor answers, and cleanup has nothing to stop', async () => {
    const { ctx, driver } = beforeStart();
    driver.onConnectQmp = (signal) =>
      new Promise<QmpConnection>((_, reject) => {
        signal.addEventListener('abort', () => reject(new CancelledError()));
        driver.vms[0]?.exit(1, "qemu-system-x86_64: -drive file=x: Could not open 'x'");
      });
    const error = await runAndCleanUp(startVm(), ctx, 'failed');
    expect(error).toMatchObject({ code: 'qemu-start' });
    expect(String((error as Error).message)).toContain("Could not open 'x'");
    expect(driver.vms[0]?.events).toEqual(['exit']);
  });

  it('cancelled while connecting to the monitor: QEMU is stopped by the cleanup', async () => {
    const { ctx, driver } = beforeStart();
    const controller = new AbortController();
    driver.onConnectQmp = (signal) =>
      new Promise<QmpConnection>((_, reject) => {
        signal.addEventListener('abort', () => reject(new CancelledError()));
        controller.abort();
      });
    const error = await runAndCleanUp(startVm(), ctx, 'cancelled', controller.signal);
    expect(error).toBeInstanceOf(CancelledError);
    expect(driver.vms[0]?.events).toEqual(['stop']);
  });
});

/** A running VM as start-vm leaves it: a fake QEMU and QMP watched by the real monitor. */
function running(h: StepHarness): { vm: FakeVm; qmp: FakeQmp } {
  const vm = new FakeVm(1234, []);
  const qmp = new FakeQmp();
  const monitor = monitorVm({ vm, qmp, accelerator: 'tcg' });
  Object.assign(h.ctx.state, { vm, qmp, monitor });
  return { vm, qmp };
}

describe('type-boot-command', () => {
  let rfb: FakeRfbServer;
  beforeEach(async () => {
    rfb = await startFakeRfb({ ack: 'never' });
  });
  afterEach(async () => {
    await rfb.close();
  });

  it('types the rendered boot command over VNC and hangs up', async () => {
    const h = harness({ config: { boot_command: ['a<enter>'], boot_wait: '-1s', boot_key_interval: '1ms' } });
    running(h);
    h.ctx.state.vncPort = rfb.port;
    await typeBootCommand().run(h.ctx, never);
    // RFB KeyEvent: type 4, down flag, 2 bytes padding, keysym; 'a' then Return, each pressed and released.
    const keyEvent = (down: number, keysym: number) =>
      Buffer.from([4, down, 0, 0, keysym >>> 24, (keysym >>> 16) & 255, (keysym >>> 8) & 255, keysym & 255]);
    const sent = await rfb.waitForBytes(36 + 32);
    const order = [keyEvent(1, 0x61), keyEvent(0, 0x61), keyEvent(1, 0xff0d), keyEvent(0, 0xff0d)].map((e) =>
      sent.indexOf(e),
    );
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    await vi.waitFor(() => expect(rfb.connections()).toBe(0));
    expect(h.ui.text()).toContain('Typing the boot command over VNC (2 actions');
  });

  it('types boot_steps one after another, naming each, and -debug pauses after each as the plugin does', async () => {
    const paused: string[] = [];
    const h = harness({
      config: { boot_steps: [['a', 'first'], ['b<enter>']], boot_wait: '-1s', boot_key_interval: '1ms' },
      pauseAfterStep: async (label) => {
        paused.push(label);
      },
    });
    running(h);
    h.ctx.state.vncPort = rfb.port;
    await typeBootCommand().run(h.ctx, never);
    const sent = await rfb.waitForBytes(36 + 48);
    const down = (keysym: number) =>
      sent.indexOf(Buffer.from([4, 1, 0, 0, 0, 0, keysym >>> 8, keysym & 255]));
    expect(down(0x61)).toBeLessThan(down(0x62));
    expect(down(0x62)).toBeLessThan(down(0xff0d));
    expect(h.ui.text()).toContain('Typing the boot command over VNC (3 actions');
    expect(h.ui.text()).toContain('Typing boot command for: first');
    expect(paused).toEqual(['boot description: "first", command: a', 'boot_command: b<enter>']);
  });

  it('does nothing without a boot_command', async () => {
    const h = harness();
    await typeBootCommand().run(h.ctx, never);
    expect(rfb.connections()).toBe(0);
  });

  it.each<Outcome>(['failed', 'cancelled'])(
    'when the VM dies or the build is cancelled mid-typing, cleanup (%s) hangs up VNC',
    async (outcome) => {
      const h = harness({ config: { boot_command: ['abc'], boot_wait: '-1s', boot_key_interval: '1h' } });
      const { vm } = running(h);
      h.ctx.state.vncPort = rfb.port;
      const controller = new AbortController();
      const step = typeBootCommand();
      const typing = step.run(h.ctx, controller.signal).catch((e: unknown) => e);
      await rfb.waitForBytes(36 + 16);
      expect(rfb.connections()).toBe(1);
      if (outcome === 'failed') vm.exit(1, 'guest crashed');
      else controller.abort();
      const error = await typing;
      expect(error).toMatchObject(outcome === 'failed' ? { code: 'vm-dead' } : { code: 'cancelled' });
      await step.cleanup?.(h.ctx, { outcome, signal: never });
      await vi.waitFor(() => expect(rfb.connections()).toBe(0));
    },
  );
});

describe('shutdown-vm', () => {
  it('presses the ACPI power button over QMP and waits for QEMU to exit', async () => {
    const h = harness();
    const { vm, qmp } = running(h);
    qmp.onCommand = (execute) => {
      if (execute === 'system_powerdown') setTimeout(() => vm.exit(0), 10);
    };
    await shutdownVm().run(h.ctx, never);
    expect(qmp.commands.map((c) => c.execute)).toEqual(['system_powerdown']);
    expect(h.ui.text()).toContain('VM shut down');
    // A clean power-off after expectExit is not reported as a dead VM.
    expect(h.ctx.state.monitor?.deadReason()).toBeUndefined();
  });

  it('without a communicator, waits for the guest to power itself off', async () => {
    const h = harness({ config: { communicator: 'none' } });
    const { vm, qmp } = running(h);
    setTimeout(() => vm.exit(0), 10);
    await shutdownVm().run(h.ctx, never);
    expect(qmp.commands).toEqual([]);
  });

  it('fails after shutdown_timeout when the VM does not go', async () => {
    const h = harness({ config: { communicator: 'none', shutdown_timeout: '50ms' } });
    running(h);
    await expect(shutdownVm().run(h.ctx, never)).rejects.toMatchObject({ code: 'shutdown-timeout' });
  });

  it('fails at once when the VM is already dead', async () => {
    const h = harness();
    const { vm } = running(h);
    vm.exit(1, 'crashed');
    await vi.waitFor(() => expect(h.ctx.state.monitor?.deadReason()).toBeDefined());
    await expect(shutdownVm().run(h.ctx, never)).rejects.toMatchObject({ code: 'vm-dead' });
  });

  it('stops waiting when the build is cancelled', async () => {
    const h = harness({ config: { communicator: 'none' } });
    running(h);
    const controller = new AbortController();
    const waiting = shutdownVm().run(h.ctx, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
  });
});
