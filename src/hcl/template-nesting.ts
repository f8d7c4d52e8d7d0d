// Turns a template's flat parts (literals, interpolations, if/else/endif, for/endfor markers) into a tree.

import type { Expression, TemplatePart } from './ast.js';
import type { SourceRange } from './source-range.js';
import { rangeBetween } from './source-range.js';
import type { FlatLiteral } from './template-literal.js';
import type { TokenStream } from './token-stream.js';

interface Marks {
  stripLeft: boolean;
  stripRight: boolean;
  range: SourceRange;
}

export type FlatPart =
  | FlatLiteral
  | ({ kind: 'Interpolation'; expr: Expression } & Marks)
  | ({ kind: 'If'; condition: Expression } & Marks)
  | ({ kind: 'Else' } & Marks)
  | ({ kind: 'EndIf' } & Marks)
  | ({ kind: 'For'; keyVar: string | undefined; valueVar: string; collection: Expression } & Marks)
  | ({ kind: 'EndFor' } & Marks);

const MARKER_NAME: Readonly<Record<string, string>> = { Else: 'else', EndIf: 'endif', EndFor: 'endfor' };

export function nestTemplateParts(s: TokenStream, flat: readonly FlatPart[]): TemplatePart[] {
  const cursor = { index: 0 };
  const parts = nestUntil(s, flat, cursor, []);
  return parts;
}

/** Parts up to one of the `closers` (left unread at cursor), or to the end when `closers` is empty. */
function nestUntil(
  s: TokenStream,
  flat: readonly FlatPart[],
  cursor: { index: number },
  closers: string[],
): TemplatePart[] {
  const out: TemplatePart[] = [];
  while (cursor.index < flat.length) {
    const part = flat[cursor.index] as FlatPart;
    if (closers.includes(part.kind)) return out;
    cursor.index++;
    switch (part.kind) {
      case 'Literal':
        if (part.value !== '') mergeLiteral(out, part);
        break;
      case 'Interpolation':
        out.push({ kind: 'Interpolation', expr: part.expr, range: part.range });
        break;
      case 'If': {
        const then = nestUntil(s, flat, cursor, ['Else', 'EndIf']);
        let otherwise: TemplatePart[] = [];
        if (flat[cursor.index]?.kind === 'Else') {
          cursor.index++;
          otherwise = nestUntil(s, flat, cursor, ['EndIf']);
        }
        const end = expectCloser(s, flat, cursor, part, 'endif');
        out.push({
          kind: 'If',
          condition: part.condition,
          then,
          otherwise,
          range: rangeBetween(part.range, end),
        });
        break;
      }
      case 'For': {
        const body = nestUntil(s, flat, cursor, ['EndFor']);
        const end = expectCloser(s, flat, cursor, part, 'endfor');
        const { keyVar, valueVar, collection } = part;
        out.push({ kind: 'For', keyVar, valueVar, collection, body, range: rangeBetween(part.range, end) });
        break;
      }
      default:
        s.fail(
          `Unexpected ${MARKER_NAME[part.kind]} directive`,
          `There is no ${part.kind === 'EndFor' ? 'for' : 'if'} directive that this ${MARKER_NAME[part.kind]} belongs to.`,
          part.range,
        );
    }
  }
  return out;
}

function expectCloser(
  s: TokenStream,
  flat: readonly FlatPart[],
  cursor: { index: number },
  opener: FlatPart,
  name: string,
): SourceRange {
  const closer = flat[cursor.index];
  if (closer === undefined)
    s.fail(
      'Unexpected end of template',
      `The ${opener.kind.toLowerCase()} directive has no corresponding %{ ${name} }.`,
      opener.range,
    );
  cursor.index++;
  return closer.range;
}

function mergeLiteral(out: TemplatePart[], part: FlatLiteral): void {
  const last = out[out.length - 1];
  if (last?.kind === 'Literal')
    out[out.length - 1] = {
      ...last,
      value: last.value + part.value,
      range: rangeBetween(last.range, part.range),
    };
  else out.push({ kind: 'Literal', value: part.value, range: part.range });
}
