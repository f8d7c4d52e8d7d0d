// templatefile (Packer's hcl2template/function/templatefile.go): renders a file as an HCL template with the given
// vars and the same functions, except templatefile itself. The file is parsed as the body of a heredoc (the
// parser has no bare-template entry point), and ranges are moved back onto the file's own lines.

import type { Expression } from '../ast.js';
import { HclSyntaxError } from '../errors.js';
import { EvalContext, type HclFunction } from '../eval/context.js';
import { evaluateExpression } from '../eval/evaluate.js';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, isMapping } from '../eval/values.js';
import { type Attribute, parseHclFile } from '../index.js';
import { anyValue, toStr } from './convert.js';
import { readFileBytes, resolvePath } from './filesystem.js';
import { define, type FunctionTable, text } from './spec.js';

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Parses `source` as a template; the result's ranges are the file's. */
export function parseTemplateFile(file: string, source: string): Expression {
  let marker = 'KILN_TEMPLATE';
  while (source.includes(marker)) marker += '_';
  const wrapped = `a = <<${marker}\n${source}\n${marker}\n`;
  const prefixBytes = Buffer.byteLength(`a = <<${marker}\n`);
  try {
    const attr = parseHclFile(file, wrapped).body.items[0] as Attribute;
    const template = shift(attr.expr, prefixBytes) as Expression & { kind: 'Template' };
    return dropFinalNewline(template);
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    const { start } = error.range;
    throw new HclFunctionError(
      `${file}:${start.line - 1},${start.column}: ${error.summary}; ${error.detail}`,
    );
  }
}

/** Moves every range one line up (the heredoc's opening line). */
function shift(node: unknown, bytes: number): unknown {
  if (Array.isArray(node)) return node.map((n) => shift(n, bytes));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => {
    if (k === 'line' && typeof v === 'number') return [k, v - 1];
    if (k === 'byte' && typeof v === 'number') return [k, v - bytes];
    return [k, shift(v, bytes)];
  });
  return Object.fromEntries(entries);
}

function dropFinalNewline(template: Expression & { kind: 'Template' }): Expression {
  const parts = [...template.parts];
  const last = parts[parts.length - 1];
  if (last?.kind === 'Literal' && last.value.endsWith('\n')) {
    const value = last.value.slice(0, -1);
    if (value === '') parts.pop();
    else parts[parts.length - 1] = { ...last, value };
  }
  return { ...template, parts };
}

export function templateFileFunction(baseDir: string, functions: () => FunctionTable): FunctionTable {
  const fn = define(
    [
      { name: 'path', type: toStr },
      { name: 'vars', type: anyValue },
    ],
    ([path, vars]) => {
      const file = resolvePath(baseDir, text(path));
      const source = readFileBytes(baseDir, text(path)).toString('utf8');
      const expr = parseTemplateFile(file, source);
      if (!vars || !isMapping(vars)) throw new HclFunctionError('invalid vars value: must be a map', 1);
      for (const name of vars.attrs.keys())
        if (!NAME.test(name))
          throw new HclFunctionError(
            `invalid template variable name ${JSON.stringify(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`,
            1,
          );
      const table = new Map<string, HclFunction>(functions());
      table.set('templatefile', {
        call: () => {
          throw new HclFunctionError('cannot recursively call templatefile from inside templatefile call');
        },
      });
      return evaluateExpression(
        expr,
        new EvalContext(vars.attrs as ReadonlyMap<string, HclValue>, table),
        source,
      );
    },
  );
  return new Map([['templatefile', fn]]);
}
