// fixTemplateText: parse template source, apply every fixer, and write it back in the source's layout.

import { parseTemplateText } from '../json/parse-template-file.js';
import type { FixChange } from './fix-context.js';
import { fixTemplate } from './fixers.js';
import { detectLayout, formatJson } from './format-json.js';

export interface FixTextResult {
  /** The rewritten template; the source text itself when no fixer changed anything. */
  readonly text: string;
  readonly changes: readonly FixChange[];
}

/** Throws TemplateError on a syntax error and FixError when a fixer cannot rewrite a value. */
export function fixTemplateText(file: string, source: string): FixTextResult {
  // As `packer fix` (Go's encoding/json): the last of duplicate keys wins, and the output has it once.
  const document = parseTemplateText(file, source, 'last-wins');
  const { value, changes } = fixTemplate(document.value);
  if (changes.length === 0 && !hasDuplicateKeys(file, source)) return { text: source, changes };
  return { text: formatJson(value, detectLayout(source)), changes };
}

/** The source parsed with duplicate keys allowed, so a strict parse can only fail on one. */
function hasDuplicateKeys(file: string, source: string): boolean {
  try {
    parseTemplateText(file, source);
    return false;
  } catch {
    return true;
  }
}
