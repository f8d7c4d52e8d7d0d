// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import {
  EvalContext,
  evaluateExpression,
  HclEvalError,
  type HclFunction,
  type HclValue,
  num,
  object,
  str,
  toPlain,
  tuple,
} from '../../src/hcl/eval/index.js';
import { type Attribute, parseHclFile } from '../../src/hcl/index.js';

const upper: HclFunction = {
  call: (args) => str(String((args[0] as HclValue & { type: 'string' }).value).toUpperCase()),
};
const count: HclFunction = { call: (args) => num(args.length) };
const VARS = new Map<string, HclValue>([
  ['n', num(3)],
  ['s', str('x')],
  ['list', tuple([str('a'), str('b'), str('c')])],
  [
    'm',
    object([
      ['k1', str('v1')],
      ['k2', str('v2')],
    ]),
  ],
  [
    'vms',
    tuple([
      object([
        ['name', str('a')],
        ['disks', tuple([num(1), num(2)])],
      ]),
      object([
        ['name', str('b')],
        ['disks', tuple([num(3)])],
      ]),
    ]),
  ],
  ['nothing', { type: 'null' }],
]);
const ctx = new EvalContext(
  VARS,
  new Map([
    ['upper', upper],
    ['count', count],
  ]),
);

function evaluate(src: string): unknown {
  const text = `a = ${src}\n`;
  const expr = (parseHclFile('t.pkr.hcl', text).body.items[0] as Attribute).expr;
  return toPlain(evaluateExpression(expr, ctx, text));
}

function failure(src: string): HclEvalError {
  try {
    evaluate(src);
  } catch (error) {
    if (error instanceof HclEvalError) return error;
    throw error;
  }
  throw new Error(`evaluated without error: ${src}`);
}

describe('evaluateExpression', () => {
  it.each([
    ['1.5', 1.5],
    ['true', true],
    ['null', null],
    ['"a${n}b"', 'a3b'],
    ['"${list}"', ['a', 'b', 'c']],
    ['"${nothing}"', null],
    ['true || list[99]', true],
    ['nothing && false', false],
    ['"${true} ${1.25} ${10000000000000000000000}"', 'true 1.25 10000000000000000000000'],
    ['<<-EOT\n    x = ${s}\n    EOT', 'x = x\n'],
    ['"%{ if n > 2 }big%{ else }small%{ endif }"', 'big'],
    ['"%{ for i, v in list }${i}=${v};%{ endfor }"', '0=a;1=b;2=c;'],
    ['"%{ for k, v in m ~} ${k}:${v} %{~ endfor }"', 'k1:v1k2:v2'],
    ['1 + 2 * 3 - 4 / 2', 5],
    ['7 % 3', 1],
    ['-n', -3],
    ['"2" + 1', 3],
    ['1 / 0', null],
    ['n == 3 && !false', true],
    ['1 == "1"', false],
    ['[1, [2]] == [1, [2]]', true],
    ['{ a = 1 } != { a = 2 }', true],
    ['n >= 3 || nothing', true],
    ['n > 3 ? "yes" : "no"', 'no'],
    ['"true" ? 1 : 2', 1],
    ['[n, s, [list[0]]]', [3, 'x', ['a']]],
    ['{ b = 1, "a" = 2, (s) = 3, 4: 5 }', { '4': 5, a: 2, b: 1, x: 3 }],
    ['m.k1', 'v1'],
    ['m["k2"]', 'v2'],
    ['list[1]', 'b'],
    ['list.2', 'c'],
    ['vms[*].name', ['a', 'b']],
    ['vms.*.name', ['a', 'b']],
    ['vms[*].disks[0]', [1, 3]],
    ['nothing[*]', []],
    ['s[*]', ['x']],
    ['[for v in list : upper(v)]', ['A', 'B', 'C']],
    ['[for i, v in list : "${i}${v}" if i != 1]', ['0a', '2c']],
    ['{for k, v in m : v => k}', { v1: 'k1', v2: 'k2' }],
    ['{for v in ["a", "b", "a"] : v => v...}', { a: ['a', 'a'], b: ['b'] }],
    ['count(1, list...)', 4],
    ['upper("${s}y")', 'XY'],
  ])('%s', (src, want) => {
    const got = evaluate(src);
    if (src === '1 / 0') expect(got).toBe(Number.POSITIVE_INFINITY);
    else expect(got).toEqual(want);
  });

  it.each([
    ['missing', 'Unknown variable', '1:5'],
    ['m.nope', 'Unsupported attribute', '1:5'],
    ['nothing.x', 'Attempt to get attribute from null value', '1:5'],
    ['list[5]', 'Invalid index', '1:10'],
    ['list["x"]', 'Invalid index', '1:10'],
    ['"a" + 1', 'Invalid operand', '1:5'],
    ['!1', 'Invalid operand', '1:6'],
    ['s ? 1 : 2', 'Incorrect condition type', '1:5'],
    ['"a${nothing}"', 'Invalid template interpolation value', '1:9'],
    ['"x${list}"', 'Invalid template interpolation value', '1:9'],
    ['[for v in nothing : v]', 'Iteration over null value', '1:15'],
    ['{for v in ["a", "a"] : v => v}', 'Duplicate object key', '1:28'],
    ['nope(1)', 'Call to unknown function', '1:5'],
    ['count(s...)', 'Invalid expanding argument value', '1:11'],
    ['0 / 0', 'Operation failed', '1:5'],
    ['{ (list) = 1 }', 'Incorrect key type', '1:7'],
  ])('%s fails: %s at %s', (src, summary, at) => {
    const error = failure(src);
    expect(error.summary).toBe(summary);
    expect(`${error.range.start.line}:${error.range.start.column}`).toBe(at);
    expect(error.message).toMatch(/^t\.pkr\.hcl:\d+:\d+: /);
  });
});
