// Questions on stdin for -on-error=ask and -debug: one reader for the whole run, so lines typed (or piped)
// ahead are kept for the next question, questions from parallel builds take turns, and the end of input
// answers every question (with undefined) instead of leaving it pending.
import { createInterface, type Interface } from 'node:readline';

export interface Prompter {
  /** False when stdin is a pipe, a file or /dev/null (CI): nobody is there to answer. */
  readonly terminal: boolean;
  /** Writes `prompt`; resolves with the next line (trimmed), or undefined once input has ended. */
  ask(prompt: string): Promise<string | undefined>;
  /** Stops reading, so a finished run does not wait for stdin. */
  close(): void;
}

export function createPrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  terminal: boolean,
): Prompter {
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  let ended = false;
  let reader: Interface | undefined;
  let turn: Promise<unknown> = Promise.resolve();
  // Opened at the first question only: a run that never asks never reads stdin.
  const open = (): Interface => {
    reader ??= createInterface({ input, terminal: false })
      .on('line', (line) => (waiting ? take(line) : lines.push(line)))
      .on('close', () => {
        ended = true;
        take(undefined);
      });
    return reader;
  };
  const take = (line: string | undefined) => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(line);
  };
  const next = (): Promise<string | undefined> => {
    open().resume();
    if (lines.length > 0) return Promise.resolve(lines.shift());
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      waiting = resolve;
    });
  };
  return {
    terminal,
    ask: (prompt) => {
      const answer = turn.then(async () => {
        output.write(prompt);
        const line = await next();
        reader?.pause();
        return line?.trim();
      });
      turn = answer;
      return answer;
    },
    close: () => reader?.close(),
  };
}
