// Characters the scanner could not make a token of, reported as hclsyntax's checkInvalidTokens does.

import { HclSyntaxError } from './errors.js';
import type { Locator } from './source-range.js';
import type { Token } from './tokens.js';

const DETAIL: Readonly<Record<string, string>> = {
  "'": 'Single quotes are not valid. Use double quotes (") to enclose strings.',
  '`': 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
  ';': 'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
  '&': 'Bitwise operators are not supported. To perform a logical operation, use "&&".',
  '|': 'Bitwise operators are not supported. To perform a logical operation, use "||".',
  '^': 'Bitwise operators are not supported.',
  '~': 'Bitwise operators are not supported. To perform logical negation, use "!".',
};

export function rejectInvalidTokens(tokens: readonly Token[], locator: Locator): void {
  for (const token of tokens) {
    if (token.type !== 'Invalid') continue;
    const range = locator.range(token.start, token.start + 1);
    if (token.text.startsWith('/*'))
      throw new HclSyntaxError(
        'Unterminated comment',
        'There is no "*/" to close this comment before the end of the file.',
        range,
        locator.text,
      );
    const detail = DETAIL[token.text] ?? 'This character is not used within the language.';
    throw new HclSyntaxError('Invalid character', detail, range, locator.text);
  }
}
