// A JSON value as an HCL expression (hcl's json expression in full expression mode): a string is a native-syntax
// template (`"${var.x}"` unwraps to the value), an array a tuple, an object an object whose keys are templates.
// Static analysis (a type constraint, a `sources` reference) reads a string as a native expression instead.

import type { Expression, JsonStringSource, TemplateExpr } from '../ast.js';
import { HclSyntaxError } from '../errors.js';
import { rejectInvalidTokens } from '../invalid-tokens.js';
import { lexHcl, lexHclTemplate } from '../lexer.js';
import { parseExpression } from '../parse-expression.js';
import { parseBareTemplate } from '../parse-template.js';
import type { Locator, SourceLocator, SourcePos } from '../source-range.js';
import { TokenStream } from '../token-stream.js';
import type { JsonNode, JsonString } from './json-ast.js';

/** Throws HclSyntaxError, at its place in the JSON file, for a string that is not a valid template. */
export function jsonExpression(node: JsonNode, file: SourceLocator): Expression {
  switch (node.kind) {
    case 'string':
      return jsonTemplate(node, file);
    case 'number':
      return { kind: 'Number', text: node.text, range: node.range };
    case 'bool':
      return { kind: 'Bool', value: node.value, range: node.range };
    case 'null':
      return { kind: 'Null', range: node.range };
    case 'array':
      return {
        kind: 'Tuple',
        items: node.items.map((item) => jsonExpression(item, file)),
        range: node.range,
      };
    case 'object':
      return {
        kind: 'Object',
        items: node.properties.map(({ name, value }) => {
          const key = jsonTemplate(name, file);
          const expr = jsonExpression(value, file);
          return {
            key: { expr: key, bareword: undefined, range: name.range },
            value: expr,
            range: { file: name.range.file, start: name.range.start, end: expr.range.end },
          };
        }),
        range: node.range,
      };
  }
}

function jsonTemplate(node: JsonString, file: SourceLocator): TemplateExpr {
  const json: JsonStringSource = { value: node.value, locator: new StringLocator(file, node.sourceIndex) };
  const tokens = lexHclTemplate(node.value);
  rejectInvalidTokens(tokens, json.locator);
  const template = parseBareTemplate(new TokenStream(tokens, json.locator), parseExpression);
  return { ...template, range: node.range, json };
}

/**
 * hcl's static analysis on JSON (hcl.ExprAsKeyword, AbsTraversalForExpr, ExprCall): a JSON string's text parsed
 * as a native expression (`"list(string)"`, `"source.qemu.a"`). Any other expression, or a string that does not
 * parse, is returned as it is, for the caller's own "not a static reference" message.
 */
export function staticExpression(expr: Expression): Expression {
  if (expr.kind !== 'Template' || expr.json === undefined) return expr;
  const { value, locator } = expr.json;
  try {
    const tokens = lexHcl(value);
    rejectInvalidTokens(tokens, locator);
    const stream = new TokenStream(tokens, locator);
    stream.pushNewlines(false);
    const parsed = parseExpression(stream);
    return stream.peek().type === 'EOF' ? parsed : expr;
  } catch (error) {
    if (error instanceof HclSyntaxError) return expr;
    throw error;
  }
}

/** Index in a JSON string's value → place in the file, through the index each character was written at. */
class StringLocator implements Locator {
  readonly file: string;
  readonly text: string;

  constructor(
    private readonly fileLocator: SourceLocator,
    private readonly sourceIndex: readonly number[],
  ) {
    this.file = fileLocator.file;
    this.text = fileLocator.text;
  }

  pos(index: number): SourcePos {
    const at = Math.min(Math.max(index, 0), this.sourceIndex.length - 1);
    return this.fileLocator.pos(this.sourceIndex[at] as number);
  }

  range(start: number, end: number) {
    return { file: this.file, start: this.pos(start), end: this.pos(end) };
  }
}
