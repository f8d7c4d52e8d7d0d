// Reads a template file: strict JSON for `.json` (Packer's rules), JSON5 for `.json5`; syntax errors name line:col.

import JSON5 from 'json5';
import { TemplateError } from '../core/errors.js';
import { readTemplateText } from '../core/read-template-text.js';
import { codeFrame, positionAt } from '../core/source-frame.js';
import { JsonSyntaxError } from './json-lexer.js';
import { type DuplicateKeys, parseJsonWithPositions } from './json-parser.js';
import type { JsonValue, KeyPath, SourcePosition } from './json-value.js';

export interface ParsedDocument {
  readonly file: string;
  readonly text: string;
  readonly value: JsonValue;
  readonly positions: ReadonlyMap<KeyPath, SourcePosition>;
  /** File → text of every file positions name (HCL2): problems there get a source frame. */
  readonly sources?: ReadonlyMap<string, string>;
}

export async function readTemplateFile(file: string): Promise<ParsedDocument> {
  return parseTemplateText(file, await readTemplateText(file));
}

export function parseTemplateText(
  file: string,
  text: string,
  duplicateKeys: DuplicateKeys = 'reject',
): ParsedDocument {
  return file.toLowerCase().endsWith('.json5')
    ? parseJson5(file, text, duplicateKeys)
    : parseStrict(file, text, duplicateKeys);
}

function parseStrict(file: string, text: string, duplicateKeys: DuplicateKeys): ParsedDocument {
  try {
    const { value, positions } = parseJsonWithPositions(text, false, duplicateKeys);
    return { file, text, value, positions };
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw syntaxError(file, text, positionAt(text, error.offset), error);
    throw error;
  }
}

function parseJson5(file: string, text: string, duplicateKeys: DuplicateKeys): ParsedDocument {
  let value: JsonValue;
  try {
    value = JSON5.parse<JsonValue>(text);
  } catch (error) {
    const { lineNumber, columnNumber } = error as { lineNumber?: number; columnNumber?: number };
    const position = { line: lineNumber ?? 1, column: columnNumber ?? 1 };
    const message = (error as Error).message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    throw syntaxError(file, text, position, new Error(message));
  }
  try {
    return { file, text, value, positions: parseJsonWithPositions(text, true, duplicateKeys).positions };
  } catch (error) {
    // json5 accepted the text; our scanner only adds positions and the duplicate-key rule.
    if (error instanceof JsonSyntaxError && error.message.startsWith('template has duplicate field')) {
      throw syntaxError(file, text, positionAt(text, error.offset), error);
    }
    return { file, text, value, positions: new Map() };
  }
}

function syntaxError(file: string, text: string, position: SourcePosition, error: Error): TemplateError {
  const duplicate = error.message.startsWith('template has duplicate field');
  const headline = duplicate ? error.message : `Error parsing JSON: ${error.message}`;
  return new TemplateError(
    { file, line: position.line, column: position.column },
    [`${headline}\n${codeFrame(text, position)}`],
    { code: duplicate ? 'template-duplicate-key' : 'template-syntax', cause: error },
  );
}
