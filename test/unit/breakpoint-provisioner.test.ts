import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { enterPrompt } from '../../src/commands/on-error.js';
import { createPrompter } from '../../src/commands/prompter.js';
import type { Communicator } from '../../src/communicators/communicator.js';
import { BufferUi } from '../../src/core/ui.js';
import type { ProvisionContext } from '../../src/plugins/plugin.js';
import { breakpointProvisioner } from '../../src/provisioners/breakpoint/index.js';

/** The breakpoint never touches the machine: a communicator that fails if it does. */
const untouched: Communicator = {
  run: () => Promise.reject(new Error('no')),
  upload: () => Promise.reject(new Error('no')),
  download: () => Promise.reject(new Error('no')),
  close: () => Promise.resolve(),
};

function context(waitForEnter: ProvisionContext['waitForEnter']): { ctx: ProvisionContext; ui: BufferUi } {
  const ui = new BufferUi();
  const ctx: ProvisionContext = {
    communicator: untouched,
    ui,
    render: (text) => text,
    signal: new AbortController().signal,
    buildName: 'b',
    builderType: 'qemu',
    httpAddr: undefined,
    waitForEnter,
  };
  return { ctx, ui };
}

describe('breakpoint provisioner', () => {
  it('pauses with its note until Enter', async () => {
    const prompts: string[] = [];
    let release = (): void => {};
    const { ctx, ui } = context((prompt) => {
      prompts.push(prompt);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    let done = false;
    const run = breakpointProvisioner
      .run({ type: 'breakpoint', note: 'check the disk', disable: false }, ctx)
      .then(() => {
        done = true;
      });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(ui.lines).toEqual(['==> Pausing at breakpoint provisioner with note "check the disk".']);
    expect(prompts).toEqual(['Press enter to continue.']);
    release();
    await run;
    expect(done).toBe(true);
  });

  it('continues at once when disabled, or when nobody can press Enter', async () => {
    const never = () => new Promise<void>(() => {});
    const disabled = context(never);
    await breakpointProvisioner.run({ type: 'breakpoint', note: 'n', disable: true }, disabled.ctx);
    expect(disabled.ui.lines).toEqual(['==> Breakpoint provisioner with note "n" disabled; continuing...']);
    const noTty = context(undefined);
    await breakpointProvisioner.run({ type: 'breakpoint', note: '', disable: false }, noTty.ctx);
    expect(noTty.ui.lines).toEqual([
      '==> Breakpoint provisioner: stdin is not a terminal; continuing without pausing.',
    ]);
  });

  it('gets a prompt only from a terminal stdin, which resolves on a line', async () => {
    expect(enterPrompt(createPrompter(new PassThrough(), new PassThrough(), false))).toBeUndefined();
    const tty = new PassThrough();
    const shown = new PassThrough();
    const prompt = enterPrompt(createPrompter(tty, shown, true));
    expect(prompt).toBeDefined();
    const waiting = prompt?.('Press enter to continue.');
    tty.write('\n');
    await expect(waiting).resolves.toBeUndefined();
    expect(String(shown.read())).toBe('Press enter to continue. ');
  });
});
