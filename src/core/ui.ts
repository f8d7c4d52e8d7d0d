// The UI is an injected interface: steps report through it, never through console.

export interface Progress {
  /** Bytes (or units) done so far. */
  update(done: number): void;
  done(): void;
}

export type ProgressUnit = 'bytes' | 'percent';

export interface Ui {
  /** A step-level headline: "==> qemu: Creating disk..." */
  say(message: string): void;
  /** Detail under the current step: "    qemu: ..." */
  message(message: string): void;
  error(message: string): void;
  /** What the build is doing now (its current step), for a live status line; optional. */
  status?(step: string): void;
  /** Long-running work with a known (or unknown: undefined) total, counted in bytes unless said otherwise. */
  progress(label: string, total: number | undefined, unit?: ProgressUnit): Progress;
}

/** Collects everything; for tests and for composing. */
export class BufferUi implements Ui {
  readonly lines: string[] = [];
  say(message: string): void {
    this.lines.push(`==> ${message}`);
  }
  message(message: string): void {
    this.lines.push(`    ${message}`);
  }
  error(message: string): void {
    this.lines.push(`!!! ${message}`);
  }
  progress(label: string, total: number | undefined): Progress {
    const lines = this.lines;
    return {
      update: () => {},
      done: () => lines.push(`    ${label}: done${total === undefined ? '' : ` (${total})`}`),
    };
  }
  text(): string {
    return this.lines.join('\n');
  }
}
