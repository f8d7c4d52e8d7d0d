// -on-error=ask and -debug's pause read answers from stdin: they act on an answer, keep lines that came early,
// and an input that ends settles them (readline's question() alone never settled then: Node exited with 13).
import { describe, expect, it } from 'vitest';
import { effectivePolicy, pauseForEnter, stepErrorHandler } from '../../src/commands/on-error.js';
import { createPrompter } from '../../src/commands/prompter.js';
import { BufferUi } from '../../src/core/ui.js';
import { Capture, stdin } from './cli-streams.js';

const failure = new Error('boom');
const prompter = (text: string, terminal = true) => createPrompter(stdin(text), new Capture(), terminal);

describe('-on-error=ask', () => {
  it('acts on the answer, asking again after one it does not know', async () => {
    const ui = new BufferUi();
    const handler = stepErrorHandler('ask', ui, prompter('x\nr\n'));
    expect(await handler?.('create-disk', failure)).toBe('retry');
    expect(ui.text()).toContain("Step 'create-disk' failed: boom");
  });

  it('cleans up when stdin ends before an answer', async () => {
    const ui = new BufferUi();
    const handler = stepErrorHandler('ask', ui, prompter(''));
    expect(await handler?.('create-disk', failure)).toBe('cleanup');
    expect(ui.text()).toContain('stdin closed: cleaning up');
  });

  it('is cleanup, said once, when stdin is not a terminal', () => {
    const ui = new BufferUi();
    expect(effectivePolicy('ask', prompter('', false), ui)).toBe('cleanup');
    expect(effectivePolicy('abort', prompter('', false), ui)).toBe('abort');
    expect(ui.lines).toEqual([
      '    -on-error=ask: stdin is not a terminal, so Kiln cannot ask; a failed step cleans up (-on-error=cleanup)',
    ]);
  });
});

describe('createPrompter', () => {
  it('answers questions from parallel builds in turn, each prompt before its answer', async () => {
    const out = new Capture();
    const asker = createPrompter(stdin('one\ntwo\n'), out, true);
    const answers = await Promise.all([asker.ask('A? '), asker.ask('B? '), asker.ask('C? ')]);
    expect(answers).toEqual(['one', 'two', undefined]);
    expect(out.text()).toBe('A? B? C? ');
  });
});

describe('-debug pauses', () => {
  it('stop pausing once stdin has ended', async () => {
    const ui = new BufferUi();
    const pause = pauseForEnter(ui, prompter(''));
    await pause('create-disk');
    await pause('start-vm');
    expect(ui.lines).toEqual(['    stdin closed: continuing without pausing']);
  });
});
