// What a failed build leaves for the user to look at: the VM's screen, its serial console and the end of the
// debug log, saved beside the output directory (or in -diagnostics DIR) and named in the error.

export type DiagnosticKind = 'screenshot' | 'serial-log' | 'debug-log';

export interface DiagnosticFile {
  readonly kind: DiagnosticKind;
  readonly path: string;
}

const LABELS: Readonly<Record<DiagnosticKind, string>> = {
  screenshot: "the VM's screen",
  'serial-log': "the VM's serial console",
  'debug-log': 'the last lines of the debug log',
};

/** "Saved for diagnosis:" and one line per file, for the error output. */
export function describeDiagnostics(files: readonly DiagnosticFile[]): string {
  return ['Saved for diagnosis:', ...files.map((file) => `  ${file.path} (${LABELS[file.kind]})`)].join('\n');
}
