// Compact S-expression rendering of HCL expressions, so parser tests state a tree in one line.
import type { Expression, TemplatePart } from '../../src/hcl/index.js';

export function show(e: Expression): string {
  switch (e.kind) {
    case 'Number':
      return e.text;
    case 'Bool':
      return String(e.value);
    case 'Null':
      return 'null';
    case 'Variable':
      return e.name;
    case 'SplatItem':
      return '@';
    case 'Template':
      return `(tmpl${e.parts.map((p) => ` ${showPart(p)}`).join('')})`;
    case 'GetAttr':
      return `(. ${show(e.source)} ${e.name})`;
    case 'Index':
      return `(${e.legacy ? 'idx.' : 'idx'} ${show(e.source)} ${show(e.key)})`;
    case 'Splat':
      return `(${e.full ? '[*]' : '.*'} ${show(e.source)} ${show(e.each)})`;
    case 'FunctionCall':
      return `(${e.name.join('::')}${e.args.map((a) => ` ${show(a)}`).join('')}${e.expandFinal ? ' ...' : ''})`;
    case 'Tuple':
      return `[${e.items.map(show).join(' ')}]`;
    case 'Object':
      return `{${e.items.map((i) => `${i.key.bareword ?? show(i.key.expr)}=${show(i.value)}`).join(' ')}}`;
    case 'Paren':
      return `(paren ${show(e.expr)})`;
    case 'Unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'Binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'Conditional':
      return `(? ${show(e.condition)} ${show(e.then)} ${show(e.otherwise)})`;
    case 'For': {
      const vars = e.keyVar ? `${e.keyVar},${e.valueVar}` : e.valueVar;
      const key = e.keyExpr ? `${show(e.keyExpr)} => ` : '';
      const cond = e.condition ? ` if ${show(e.condition)}` : '';
      return `(for ${vars} in ${show(e.collection)}: ${key}${show(e.valueExpr)}${e.group ? '...' : ''}${cond})`;
    }
  }
}

function showPart(p: TemplatePart): string {
  switch (p.kind) {
    case 'Literal':
      return JSON.stringify(p.value);
    case 'Interpolation':
      return `\${${show(p.expr)}}`;
    case 'If':
      return `%{if ${show(p.condition)}}${p.then.map(showPart).join('')}%{else}${p.otherwise.map(showPart).join('')}%{endif}`;
    case 'For':
      return `%{for ${p.keyVar ? `${p.keyVar},` : ''}${p.valueVar} in ${show(p.collection)}}${p.body.map(showPart).join('')}%{endfor}`;
  }
}
