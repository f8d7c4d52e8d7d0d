// src/hcl: HCL2 native syntax (Packer's *.pkr.hcl): scanner, parser with source ranges, and hclwrite's formatter;
// src/hcl/json: HCL's JSON syntax (*.pkr.json). A leaf like src/json: it imports only src/core.

import type { Body, Expression } from './ast.js';
import { rejectInvalidTokens } from './invalid-tokens.js';
import type { HclJsonFile } from './json/index.js';
import { lexHcl } from './lexer.js';
import { parseBody } from './parse-body.js';
import { parseExpression } from './parse-expression.js';
import { SourceLocator } from './source-range.js';
import { TokenStream } from './token-stream.js';

export type * from './ast.js';
export { HclSyntaxError } from './errors.js';
export { formatHcl } from './format.js';
export {
  type HclJsonFile,
  type JsonBody,
  type JsonNode,
  type JsonProperty,
  jsonExpression,
  parseHclJsonFile,
  startRange,
  staticExpression,
} from './json/index.js';
export type { SourcePos, SourceRange } from './source-range.js';
export {
  childExpressions,
  forEachBodyExpression,
  forEachExpression,
  literalText,
} from './walk-expressions.js';

export interface HclFile {
  readonly file: string;
  readonly text: string;
  readonly body: Body;
}

/** A configuration or var file in either syntax: native (`.pkr.hcl`) or JSON (`.pkr.json`). */
export type HclSourceFile = HclFile | HclJsonFile;

/** Parses a whole file; the first syntax error is thrown as an HclSyntaxError (file:line:col, source frame). */
export function parseHclFile(file: string, text: string): HclFile {
  const tokens = lexHcl(text);
  const locator = new SourceLocator(file, text);
  rejectInvalidTokens(tokens, locator);
  const stream = new TokenStream(tokens, locator);
  return { file, text, body: parseBody(stream, undefined) };
}

/** Parses one expression (hclsyntax.ParseExpression): a `-var` value or a console line; `file` names it in errors. */
export function parseHclExpression(file: string, text: string): Expression {
  const tokens = lexHcl(text);
  const locator = new SourceLocator(file, text);
  rejectInvalidTokens(tokens, locator);
  const stream = new TokenStream(tokens, locator);
  stream.pushNewlines(false);
  const expr = parseExpression(stream);
  const extra = stream.peek();
  if (extra.type !== 'EOF')
    stream.fail(
      'Extra characters after expression',
      'An expression was successfully parsed, but extra characters were found after it.',
      extra,
    );
  return expr;
}

/** Packer's file name rule for HCL2 templates and variable files. */
export function isHclFileName(name: string): boolean {
  return name.endsWith('.pkr.hcl') || name.endsWith('.pkrvars.hcl');
}
