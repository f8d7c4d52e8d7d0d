// Quoted strings and heredocs: literal text, `${ expr }` interpolations and `%{ if }`/`%{ for }` directives with
// `~` strip markers. Parsed flat first (as hclsyntax's templateParts), then nested by directive.

import type { Expression, TemplateExpr } from './ast.js';
import { decodeLiteral, flushHeredoc } from './template-literal.js';
import { type FlatPart, nestTemplateParts } from './template-nesting.js';
import type { TokenStream } from './token-stream.js';
import type { Token, TokenType } from './tokens.js';

type ParseExpr = (s: TokenStream) => Expression;
type SequencePart = Exclude<FlatPart, { kind: 'Literal' }>;

/** At an OQuote or OHeredoc token. */
export function parseTemplate(s: TokenStream, parseExpr: ParseExpr): TemplateExpr {
  const open = s.read();
  const heredoc = open.type === 'OHeredoc' ? heredocMarker(open) : undefined;
  const parts = parseParts(s, parseExpr, heredoc ? 'CHeredoc' : 'CQuote', !heredoc);
  s.read();
  if (heredoc?.flush) flushHeredoc(parts);
  return { kind: 'Template', parts: nestTemplateParts(s, parts), heredoc, range: s.rangeFrom(open) };
}

/** A whole token stream from lexHclTemplate: no quotes, no escapes but `$${`/`%%{`. */
export function parseBareTemplate(s: TokenStream, parseExpr: ParseExpr): TemplateExpr {
  const first = s.peek();
  const parts = parseParts(s, parseExpr, 'EOF', false);
  const range = s.locator.range(first.start, s.peek().end);
  return { kind: 'Template', parts: nestTemplateParts(s, parts), heredoc: undefined, range };
}

/** Literal and sequence parts up to the `end` token (left unread), strip markers applied. */
function parseParts(s: TokenStream, parseExpr: ParseExpr, end: TokenType, quoted: boolean): FlatPart[] {
  const parts: FlatPart[] = [];
  for (;;) {
    const token = s.peek();
    if (token.type === end) break;
    if (token.type === 'QuotedLit' || token.type === 'StringLit') {
      s.read();
      const value = decodeLiteral(token.text, quoted, (index, message) =>
        s.fail(
          'Invalid escape sequence',
          message,
          s.locator.range(token.start + index, token.start + index + 2),
        ),
      );
      parts.push({ kind: 'Literal', value, range: s.range(token) });
    } else if (token.type === 'TemplateInterp' || token.type === 'TemplateControl') {
      parts.push(parseSequence(s, parseExpr));
    } else {
      s.fail('Unterminated template string', 'No closing marker was found for the string.', token);
    }
  }
  applyStripMarkers(parts);
  return parts;
}

function heredocMarker(open: Token): { marker: string; flush: boolean } {
  const flush = open.text.startsWith('<<-');
  return { marker: open.text.slice(flush ? 3 : 2).trimEnd(), flush };
}

/** `${ expr }` or `%{ keyword … }`, at its opening token. */
function parseSequence(s: TokenStream, parseExpr: ParseExpr): SequencePart {
  const open = s.read();
  const stripLeft = open.text.endsWith('~');
  s.pushNewlines(false);
  let part: SequencePart;
  if (open.type === 'TemplateInterp') {
    const expr = parseExpr(s);
    part = { kind: 'Interpolation', expr, stripLeft, stripRight: false, range: expr.range };
  } else part = parseDirective(s, parseExpr, stripLeft);
  const close = s.peek();
  if (close.type !== 'TemplateSeqEnd') {
    if (close.type === 'EOF')
      s.fail(
        'Unclosed template interpolation sequence',
        'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
        open,
      );
    const what =
      open.type === 'TemplateInterp' ? 'interpolation expression' : `${part.kind.toLowerCase()} marker`;
    s.fail(
      `Extra characters after ${what}`,
      'Expected a closing brace to end the sequence, but found extra characters.',
      close,
    );
  }
  s.read();
  s.popNewlines();
  part.stripRight = close.text.startsWith('~');
  part.range = s.rangeFrom(open);
  return part;
}

function parseDirective(s: TokenStream, parseExpr: ParseExpr, stripLeft: boolean): SequencePart {
  const keyword = s.read();
  const base = { stripLeft, stripRight: false, range: s.range(keyword) };
  if (keyword.type !== 'Ident')
    s.fail(
      'Invalid template directive',
      'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
      keyword,
    );
  switch (keyword.text) {
    case 'if':
      return { kind: 'If', condition: parseExpr(s), ...base };
    case 'else':
      return { kind: 'Else', ...base };
    case 'endif':
      return { kind: 'EndIf', ...base };
    case 'endfor':
      return { kind: 'EndFor', ...base };
    case 'for': {
      const invalid = (detail: string): never => s.fail("Invalid 'for' directive", detail, s.peek());
      if (s.peek().type !== 'Ident') invalid("For directive requires variable name after 'for'.");
      let valueVar = s.read().text;
      let keyVar: string | undefined;
      if (s.accept('Comma')) {
        if (s.peek().type !== 'Ident') invalid('For directive requires value variable name after comma.');
        keyVar = valueVar;
        valueVar = s.read().text;
      }
      if (s.peek().type !== 'Ident' || s.peek().text !== 'in')
        invalid("For directive requires the 'in' keyword after its name declarations.");
      s.read();
      return { kind: 'For', keyVar, valueVar, collection: parseExpr(s), ...base };
    }
    default:
      return s.fail(
        'Invalid template control keyword',
        `"${keyword.text}" is not a valid template control keyword.`,
        keyword,
      );
  }
}

/** `${~`/`%{~` trims the whitespace before it, `~}` the whitespace after it. */
function applyStripMarkers(parts: FlatPart[]): void {
  parts.forEach((part, i) => {
    if (part.kind === 'Literal') return;
    const before = parts[i - 1];
    const after = parts[i + 1];
    if (part.stripLeft && before?.kind === 'Literal') before.value = before.value.trimEnd();
    if (part.stripRight && after?.kind === 'Literal') after.value = after.value.trimStart();
  });
}
