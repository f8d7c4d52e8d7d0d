// parseBootCommand / validateBootCommand: boot_command text → typed actions, or every problem with its position.
import { KilnError } from '../core/errors.js';
import { formatGoDuration, nsToMs } from '../core/go-duration.js';
import type { BootAction } from './actions.js';
import { matchCharToggle, matchSpecial, matchWait } from './grammar.js';
import { describeChar, usKeyFor } from './us-layout.js';

export interface BootCommandProblem {
  /** 0-based position in the joined boot command, in characters (code points). */
  readonly offset: number;
  /** The offending text, e.g. "<wait0>" or "é". */
  readonly source: string;
  readonly message: string;
}

export class BootCommandError extends KilnError {
  readonly problems: readonly BootCommandProblem[];

  constructor(problems: readonly BootCommandProblem[]) {
    super(formatProblems(problems), { code: 'boot-command', hint: hintFor(problems) });
    this.problems = problems;
  }
}

/** Parses a boot command (array elements already joined with ""); throws BootCommandError listing every problem. */
export function parseBootCommand(text: string): BootAction[] {
  const { actions, problems } = scanBootCommand(text);
  if (problems.length > 0) throw new BootCommandError(problems);
  return actions;
}

/** Template-time check, as Packer's BootConfig.Prepare: throws BootCommandError naming each position. */
export function validateBootCommand(text: string): void {
  parseBootCommand(text);
}

/** The same checks without throwing, for validators that gather all template problems at once. */
export function findBootCommandProblems(text: string): BootCommandProblem[] {
  return scanBootCommand(text).problems;
}

function scanBootCommand(text: string): { actions: BootAction[]; problems: BootCommandProblem[] } {
  const chars = Array.from(text);
  const actions: BootAction[] = [];
  const problems: BootCommandProblem[] = [];
  const report = (offset: number, end: number, message: string): void => {
    if (problems.some((p) => p.offset === offset && p.message === message)) return;
    problems.push({ offset, source: chars.slice(offset, end).join(''), message });
  };
  let pos = 0;
  while (pos < chars.length) {
    const offset = pos;
    const at = (end: number) => ({ offset, source: chars.slice(offset, end).join('') });
    const wait = matchWait(chars, pos, (message, end) => report(offset, end, message));
    const toggle = wait ? undefined : matchCharToggle(chars, pos);
    const special = wait || toggle ? undefined : matchSpecial(chars, pos);
    if (wait) {
      pos = wait.end;
      if ('problem' in wait.value) {
        report(offset, pos, wait.value.problem);
      } else {
        if (wait.value.ns <= 0n)
          report(offset, pos, `Expecting a positive wait value. Got ${formatGoDuration(wait.value.ns)}`);
        actions.push({ kind: 'wait', ms: nsToMs(wait.value.ns), ...at(pos) });
      }
    } else if (toggle) {
      pos = toggle.end;
      actions.push({ kind: 'char', char: toggle.value.char, action: toggle.value.action, ...at(pos) });
      if (!usKeyFor(toggle.value.char)) report(offset, pos, untypable(toggle.value.char));
    } else if (special) {
      pos = special.end;
      actions.push({ kind: 'special', key: special.value.key, action: special.value.action, ...at(pos) });
    } else {
      const char = chars[pos]!;
      pos += 1;
      actions.push({ kind: 'char', char, action: 'press', ...at(pos) });
      if (!usKeyFor(char)) report(offset, pos, untypable(char));
    }
  }
  return { actions, problems: problems.sort((a, b) => a.offset - b.offset) };
}

function untypable(char: string): string {
  return `no key on a US keyboard types ${describeChar(char)}`;
}

function formatProblems(problems: readonly BootCommandProblem[]): string {
  const lines = problems.map(
    (p) => `${p.message} (at character ${p.offset + 1}: ${JSON.stringify(p.source)})`,
  );
  if (lines.length === 1) return `invalid boot_command: ${lines[0]}`;
  return `invalid boot_command: ${lines.length} problems:\n${lines.map((l) => `  * ${l}`).join('\n')}`;
}

function hintFor(problems: readonly BootCommandProblem[]): string {
  const hints = new Set<string>();
  for (const p of problems) {
    if (p.message.startsWith('no key'))
      hints.add('type printable ASCII only; use <enter>, <tab>, <spacebar> etc. for other keys');
    else
      hints.add(
        'waits look like <wait> (1s), <wait5> (seconds), <wait500ms> or <wait1m30s>, and must be positive',
      );
  }
  return [...hints].join('; ');
}
