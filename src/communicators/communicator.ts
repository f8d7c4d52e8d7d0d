// The narrow interface provisioners use to reach a machine: run a command, move files, close.

export interface RunOptions {
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
  signal: AbortSignal;
}

export interface RunResult {
  /** null when the session ended without an exit status (Packer's "disconnected", 2300218). */
  exitCode: number | null;
  /** Set when the remote command was killed by a signal, e.g. 'KILL'. */
  signal?: string;
}

export interface TransferOptions {
  /** Remote file mode for uploads; default 0o644 (Packer's scp default). */
  mode?: number;
  signal: AbortSignal;
}

export interface Communicator {
  run(command: string, options: RunOptions): Promise<RunResult>;
  upload(source: string | Buffer, remotePath: string, options: TransferOptions): Promise<void>;
  download(remotePath: string, localPath: string, options: TransferOptions): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

/** Quotes a word for a POSIX shell only when it needs it, so ordinary paths stay readable in logs. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}
