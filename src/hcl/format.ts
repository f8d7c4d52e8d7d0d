// Canonical HCL formatting, ported rule for rule from hclwrite's format.go (hashicorp/hcl, MPL-2.0), which is what
// `packer fmt` runs: only the spaces before tokens change — indentation, spacing, and `=`/comment alignment.

import { spaceAfterToken } from './format-spacing.js';
import { lexHcl } from './lexer.js';
import { bracketChange, type TokenType } from './tokens.js';

export interface FormatToken {
  readonly type: TokenType;
  readonly text: string;
  spacesBefore: number;
}

/** A line's three cells: everything, then from a top-level `=` on, then a trailing comment. */
interface FormatLine {
  lead: FormatToken[];
  assign: FormatToken[] | undefined;
  comment: FormatToken[] | undefined;
}

/** hclwrite.Format: the text with canonical spacing; it only lexes, so even invalid HCL gets formatted. */
export function formatHcl(text: string): string {
  const tokens: FormatToken[] = [];
  let last = 0;
  for (const token of lexHcl(text)) {
    tokens.push({ type: token.type, text: token.text, spacesBefore: token.start - last });
    last = token.end;
  }
  const lines = linesForFormat(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
  return tokens.map((token) => ' '.repeat(token.spacesBefore) + token.text).join('');
}

function isNewline(token: FormatToken): boolean {
  return token.type === 'Newline' || (token.type === 'Comment' && token.text.endsWith('\n'));
}

function linesForFormat(tokens: FormatToken[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let lineStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as FormatToken;
    if (token.type === 'EOF') {
      lines.push({ lead: tokens.slice(lineStart, i), assign: undefined, comment: undefined });
      lineStart = tokens.length;
      break;
    }
    if (isNewline(token)) {
      lines.push({ lead: tokens.slice(lineStart, i + 1), assign: undefined, comment: undefined });
      lineStart = i + 1;
    }
  }
  if (lineStart < tokens.length)
    lines.push({ lead: tokens.slice(lineStart), assign: undefined, comment: undefined });
  for (const line of lines) splitCells(line);
  return lines;
}

/** Moves a trailing comment into `comment` and a whole `= expression` (brackets balanced) into `assign`. */
function splitCells(line: FormatLine): void {
  const { lead } = line;
  if (lead.length > 1 && lead[lead.length - 1]?.type === 'Comment') {
    line.comment = lead.slice(-1);
    line.lead = lead.slice(0, -1);
  }
  const equals = line.lead.findIndex((token, i) => i > 0 && token.type === 'Equal');
  if (equals < 0) return;
  const rest = line.lead.slice(equals);
  if (rest.reduce((net, token) => net + bracketChange(token.type), 0) !== 0) return;
  line.assign = rest;
  line.lead = line.lead.slice(0, equals);
}

function formatIndent(lines: FormatLine[]): void {
  // Net brackets opened per indented level, so asymmetric brackets on one line do not push too far.
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (first === undefined) continue;
    if (first.type === 'Newline') {
      first.spacesBefore = 0;
      continue;
    }
    let net = 0;
    for (const token of line.lead) {
      net += bracketChange(token.type);
      if (token.type === 'OHeredoc') break;
    }
    for (const token of line.assign ?? []) net += bracketChange(token.type);
    if (net > 0) {
      first.spacesBefore = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1] as number;
      if (closed >= top) {
        closed -= top;
        indents.pop();
      } else {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      }
    }
    first.spacesBefore = 2 * indents.length;
  }
}

function formatSpaces(lines: FormatLine[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    const assign = line.assign;
    if (assign?.[0]) assign[0].spacesBefore = 1;
    if (assign) spaceCell(assign);
  }
}

function spaceCell(cell: FormatToken[]): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    const after = cell[i + 1] as FormatToken;
    after.spacesBefore = spaceAfterToken(cell[i] as FormatToken, cell[i - 1], after) ? 1 : 0;
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function columns(cell: readonly FormatToken[] | undefined): number {
  let total = 0;
  for (const token of cell ?? []) total += token.spacesBefore + [...graphemes.segment(token.text)].length;
  return total;
}

/** Aligns `=` across consecutive lines that have an assign cell, then trailing comments likewise. */
function formatCells(lines: FormatLine[]): void {
  alignChains(
    lines,
    (line) => line.assign,
    (line) => columns(line.lead),
  );
  alignChains(
    lines,
    (line) => line.comment,
    (line) => columns(line.lead) + columns(line.assign),
  );
}

function alignChains(
  lines: FormatLine[],
  cellOf: (line: FormatLine) => FormatToken[] | undefined,
  widthBefore: (line: FormatLine) => number,
): void {
  let chain: FormatLine[] = [];
  const close = (): void => {
    const widest = Math.max(...chain.map(widthBefore));
    for (const line of chain)
      (cellOf(line)?.[0] as FormatToken).spacesBefore = widest - widthBefore(line) + 1;
    chain = [];
  };
  for (const line of lines) {
    if (cellOf(line) === undefined) {
      if (chain.length > 0) close();
    } else chain.push(line);
  }
  if (chain.length > 0) close();
}
