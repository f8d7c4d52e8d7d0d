// A Ui that writes Packer's machine-readable records (`ui,say|message|error`), for -machine-readable output.

import { createRedactor, type Redactor } from '../core/redact.js';
import type { Progress, Ui } from '../core/ui.js';
import type { Artifact } from '../plugins/artifact.js';
import type { DiagnosticFile } from '../plugins/diagnostics.js';
import { formatMachineRecord } from './machine-readable.js';

/** A Ui that can also emit typed records (`template-variable`, `artifact-count`, …). */
export interface MachineUi extends Ui {
  machine(type: string, ...data: string[]): void;
}

export interface MachineReadableUiOptions {
  out: NodeJS.WritableStream;
  /** Build name: prefixes say/message/error text and fills the target field of typed records ('' = none). */
  target?: string;
  /** Applied to the target and every data field (sensitive values → `<sensitive>`). */
  redact?: Redactor;
  now?: () => Date;
}

export function createMachineReadableUi(options: MachineReadableUiOptions): MachineUi {
  const now = options.now ?? (() => new Date());
  const redact = options.redact ?? ((text: string) => text);
  const target = options.target ?? '';
  const emit = (recordTarget: string, type: string, data: readonly string[]) => {
    const timestamp = Math.floor(now().getTime() / 1000);
    const record = { timestamp, target: redact(recordTarget), type, data: data.map(redact) };
    options.out.write(`${formatMachineRecord(record)}\n`);
  };
  // As Packer's TargetedUI over MachineReadableUi: the build name goes into the text, the target stays ''.
  const prefixed = (arrow: boolean, message: string) =>
    target === ''
      ? message
      : message
          .split('\n')
          .map((line) => `${arrow ? '==>' : '   '} ${target}: ${line}`)
          .join('\n')
          .trimEnd();
  return {
    say: (message) => emit('', 'ui', ['say', prefixed(true, message)]),
    message: (message) => emit('', 'ui', ['message', prefixed(false, message)]),
    error: (message) => emit('', 'ui', ['error', prefixed(true, message)]),
    progress: (): Progress => ({ update: () => {}, done: () => {} }),
    machine: (type, ...data) => emit(target, type, data),
  };
}

/** UiFactory for `kiln build -machine-readable`: one targeted machine-readable Ui per build. */
export function machineReadableUiFactory(
  out: NodeJS.WritableStream,
  now?: () => Date,
): (target: string, sensitive: readonly string[]) => MachineUi {
  return (target, sensitive) =>
    createMachineReadableUi({ out, target, redact: createRedactor(sensitive), ...(now ? { now } : {}) });
}

/** Packer's end-of-build records for one build's artifacts (undefined = a build that produced nothing). */
export function writeArtifactRecords(ui: MachineUi, artifacts: readonly (Artifact | undefined)[]): void {
  ui.machine('artifact-count', String(artifacts.length));
  for (const [i, artifact] of artifacts.entries()) {
    const index = String(i);
    if (artifact === undefined) {
      ui.machine('artifact', index, 'nil');
    } else {
      ui.machine('artifact', index, 'builder-id', artifact.builderId);
      ui.machine('artifact', index, 'id', artifact.id);
      ui.machine('artifact', index, 'string', artifact.description);
      ui.machine('artifact', index, 'files-count', String(artifact.files.length));
      for (const [fi, file] of artifact.files.entries())
        ui.machine('artifact', index, 'file', String(fi), file);
    }
    ui.machine('artifact', index, 'end');
  }
}

/** What a failed build saved for diagnosis, one `diagnostic,<kind>,<path>` record per file. */
export function writeDiagnosticRecords(ui: MachineUi, files: readonly DiagnosticFile[]): void {
  for (const file of files) ui.machine('diagnostic', file.kind, file.path);
}
