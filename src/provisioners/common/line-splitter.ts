// Turns streamed text chunks into whole lines, so output is shown line by line as Packer's UI does.

export interface LineSplitter {
  write(chunk: string): void;
  /** Emits a last line that had no newline. */
  flush(): void;
}

export function createLineSplitter(onLine: (line: string) => void): LineSplitter {
  let pending = '';
  return {
    write(chunk) {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    },
    flush() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
