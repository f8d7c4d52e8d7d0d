// Types parsed boot-command actions through a narrow key sender: fast, abortable, and fail-stop.
import type { Logger } from '../core/debug-log.js';
import { errorMessage, isCancelled, KilnError, throwIfAborted } from '../core/errors.js';
import { abortableSleep } from '../core/wait.js';
import { type BootAction, formatAction } from './actions.js';
import { type KeyEvent, keyEventsFor } from './key-events.js';

/** Anything that can deliver one key event to the VM; VncClient satisfies it. */
export interface KeySender {
  sendKey(event: KeyEvent): Promise<void>;
}

export interface BootProgress {
  /** 0-based index of the action about to run. */
  readonly index: number;
  readonly total: number;
  readonly action: BootAction;
}

export interface TypeBootCommandOptions {
  /** Pause between two consecutive key actions (not between a key's down and up, nor around waits). */
  keyIntervalMs: number;
  signal: AbortSignal;
  onProgress?(progress: BootProgress): void;
  /** The debug log: one line per batch of keys sent between two waits (never the characters typed). */
  log?: Logger;
}

/**
 * Unlike Packer, which sleeps after every single event (0.2 s per plain character), the events of one action
 * (Shift down, key down, key up, Shift up) go out back to back and only whole actions are spaced. The abort is
 * checked between actions, never inside one, so Shift is not left held by a cancel.
 */
export async function typeBootCommand(
  actions: readonly BootAction[],
  sender: KeySender,
  options: TypeBootCommandOptions,
): Promise<void> {
  const { keyIntervalMs, signal, onProgress } = options;
  const batch = keyBatch(options.log);
  let previousWasKey = false;
  for (const [index, action] of actions.entries()) {
    throwIfAborted(signal);
    if (action.kind === 'wait') {
      batch.flush();
      options.log?.debug(`waiting ${formatAction(action)}`);
      onProgress?.({ index, total: actions.length, action });
      await abortableSleep(action.ms, signal);
      previousWasKey = false;
      continue;
    }
    if (previousWasKey && keyIntervalMs > 0) await abortableSleep(keyIntervalMs, signal);
    onProgress?.({ index, total: actions.length, action });
    for (const event of keyEventsFor(action)) {
      await send(sender, event, action);
      batch.sent(action);
    }
    previousWasKey = true;
  }
  batch.flush();
}

/**
 * Counts what was sent and logs it as "sent 58 key events: 27 characters, <enter>": special keys by name,
 * typed characters only by number, since a boot command may type a password.
 */
function keyBatch(log: Logger | undefined) {
  let events = 0;
  let characters = 0;
  let keys: string[] = [];
  let last: BootAction | undefined;
  return {
    sent(action: BootAction) {
      events++;
      if (action === last) return;
      last = action;
      if (action.kind === 'char') characters++;
      else if (action.kind === 'special')
        keys.push(`<${action.key}${action.action === 'press' ? '' : action.action}>`);
    },
    flush() {
      if (events > 0) {
        const what = [...(characters ? [`${characters} characters`] : []), ...keys].join(', ');
        log?.debug(`sent ${events} key events: ${what}`);
      }
      events = 0;
      characters = 0;
      keys = [];
    },
  };
}

async function send(sender: KeySender, event: KeyEvent, action: BootAction): Promise<void> {
  try {
    await sender.sendKey(event);
  } catch (error) {
    if (isCancelled(error)) throw error;
    const where = `at character ${action.offset + 1} (${action.source} = ${formatAction(action)})`;
    throw new KilnError(`typing the boot command failed ${where}: ${errorMessage(error)}`, {
      code: 'boot-command',
      cause: error,
      ...(error instanceof KilnError && error.hint ? { hint: error.hint } : {}),
    });
  }
}
