// Packer's machine-readable output: `timestamp,target,type,data...` lines, one record each, and their parser.

/** One machine-readable record: `target` is the build name, or '' for run-wide records. */
export interface MachineRecord {
  /** Unix time in seconds. */
  readonly timestamp: number;
  readonly target: string;
  readonly type: string;
  readonly data: readonly string[];
}

const COMMA = '%!(PACKER_COMMA)';

/** Escapes one field the way Packer's MachineReadableUi does: commas, then CR and LF as literal `\r` `\n`. */
export function escapeMachineField(value: string): string {
  return value.replaceAll(',', COMMA).replaceAll('\r', '\\r').replaceAll('\n', '\\n');
}

/**
 * Inverse of escapeMachineField. Packer does not escape backslashes, so a literal `\n` in the data cannot be
 * told from an escaped newline: like every consumer of Packer's format, this reads both as a newline.
 */
export function unescapeMachineField(value: string): string {
  return value.replaceAll('\\n', '\n').replaceAll('\\r', '\r').replaceAll(COMMA, ',');
}

/** One record as a line, without the trailing newline. */
export function formatMachineRecord(record: MachineRecord): string {
  const fields = [String(Math.floor(record.timestamp)), record.target, record.type];
  return [...fields, ...record.data.map(escapeMachineField)].join(',');
}

export class MachineReadableParseError extends Error {
  override readonly name = 'MachineReadableParseError';
}

/** Parses one line (a trailing newline is allowed); throws MachineReadableParseError naming the line. */
export function parseMachineLine(line: string): MachineRecord {
  const text = line.replace(/\r?\n$/, '');
  const parts = text.split(',');
  if (parts.length < 3) {
    throw new MachineReadableParseError(`not a machine-readable record (fewer than 3 fields): '${text}'`);
  }
  const [stamp, target, type, ...data] = parts as [string, string, string, ...string[]];
  if (!/^\d+$/.test(stamp)) {
    throw new MachineReadableParseError(`machine-readable record has a bad timestamp '${stamp}': '${text}'`);
  }
  if (type === '') throw new MachineReadableParseError(`machine-readable record has no type: '${text}'`);
  return {
    timestamp: Number(stamp),
    target: unescapeMachineField(target),
    type: unescapeMachineField(type),
    data: data.map(unescapeMachineField),
  };
}

/** Parses a whole output; blank lines are skipped. */
export function parseMachineOutput(text: string): MachineRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parseMachineLine);
}
