// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source, where ${} is HCL interpolation
import { describe, expect, it } from 'vitest';
import { EvalContext, evaluateExpression, str, toPlain } from '../../src/hcl/eval/index.js';
import {
  type Block,
  type Expression,
  HclSyntaxError,
  parseHclJsonFile,
  type SourceRange,
  staticExpression,
} from '../../src/hcl/index.js';
import { bodyContent } from '../../src/template/hcl2/body-schema.js';
import { Diagnostics } from '../../src/template/hcl2/diagnostics.js';
import { useHcl2Dir } from './hcl2-fixture.js';

const { fail } = useHcl2Dir();

function syntaxError(text: string): string {
  try {
    parseHclJsonFile('t.pkr.json', text);
  } catch (error) {
    if (!(error instanceof HclSyntaxError)) throw error;
    const { start } = error.range;
    return `${start.line}:${start.column}: ${error.summary}: ${error.detail}`;
  }
  throw new Error('expected a syntax error');
}

const at = (range: SourceRange): string => `${range.start.line}:${range.start.column}`;

/** Reads a JSON file's top-level body with a schema, as the configuration loader does. */
function content(text: string, schema: Parameters<typeof bodyContent>[1]) {
  const file = parseHclJsonFile('t.pkr.json', text);
  const diags = new Diagnostics(new Map([[file.file, text]]));
  const result = bodyContent(file.body, schema, diags, file.body.range);
  return {
    ...result,
    errors: diags.errors.map((d) => `${d.range ? at(d.range) : '-'}: ${d.summary}: ${d.detail}`),
  };
}

describe('HCL JSON syntax: parsing', () => {
  it.each([
    [
      '{"a": 1,}',
      '1:8: Trailing comma in object: JSON does not permit a trailing comma after the final property in an object.',
    ],
    [
      '{\n  "a" = 1\n}',
      '2:7: Missing property value colon: JSON uses a colon as its name/value delimiter, not an equals sign.',
    ],
    ['{"a": True}', '1:7: Invalid JSON keyword: "True" is not a valid JSON keyword. Did you mean "true"?'],
    ['{"a": "x\\q"}', '1:10: Invalid JSON string: There is a syntax error in the given JSON string.'],
    [
      '{"a": [1 2]}',
      '1:10: Missing attribute seperator comma: A comma must appear between each value in an array.',
    ],
    ['{"a": [1}', '1:9: Mismatched brackets: A JSON array must be closed with a bracket, not a brace.'],
    ['{"a": 1', '1:1: Unclosed object: No closing brace was found for this JSON object.'],
    ['{} {}', '1:4: Extraneous data after value: Extra characters appear after the JSON value.'],
    ['{"a": 01}', '1:7: Invalid JSON number: There is a syntax error in the given JSON number.'],
  ])("%s: hcl's message at line:col", (text, expected) => {
    expect(syntaxError(text)).toBe(expected);
  });

  it('a template inside a JSON string reports places in the JSON file, past escapes', () => {
    const { attributes, errors } = content('{\n  "a": "\\u0041${b}",\n  "c": "${1 +}"\n}', {
      attributes: ['a', 'c'],
      blocks: {},
    });
    expect(errors).toEqual([
      '3:14: Invalid expression: Expected the start of an expression, but found an invalid expression token.',
    ]);
    const a = attributes.get('a')?.expr as Expression & { kind: 'Template' };
    const interpolation = a.parts[1];
    expect(interpolation?.kind === 'Interpolation' && at(interpolation.expr.range)).toBe('2:17');
    const ctx = new EvalContext(new Map([['b', str('B')]]));
    expect(toPlain(evaluateExpression(a, ctx))).toBe('AB');
  });

  it('numbers keep their text, arrays are tuples and objects have template keys', () => {
    const { attributes } = content('{"v": [1e3, -2.5, true, null, {"k${1}": "x"}]}', {
      attributes: ['v'],
      blocks: {},
    });
    const value = evaluateExpression(attributes.get('v')?.expr as Expression, new EvalContext());
    expect(toPlain(value)).toEqual([1000, -2.5, true, null, { k1: 'x' }]);
  });
});

describe('HCL JSON syntax: bodies read with a schema', () => {
  const SOURCE_SCHEMA = { attributes: [], blocks: { source: ['type', 'name'], build: [] } };

  it('nested objects are the labels of a block; arrays define several blocks', () => {
    const text = JSON.stringify({
      source: { qemu: { a: { cpus: 2 }, b: [{ cpus: 1 }, { cpus: 3 }] }, null: { c: {} } },
      build: [{ sources: ['source.qemu.a'] }, { sources: [] }],
    });
    const { blocks, errors } = content(text, SOURCE_SCHEMA);
    expect(errors).toEqual([]);
    expect(blocks.map((b) => [b.type, ...b.labels.map((l) => l.value)])).toEqual([
      ['source', 'qemu', 'a'],
      ['source', 'qemu', 'b'],
      ['source', 'qemu', 'b'],
      ['source', 'null', 'c'],
      ['build'],
      ['build'],
    ]);
    // A block's body is read by its own schema in turn, as the source and build decoders do.
    const diags = new Diagnostics(new Map());
    const cpus = blocks.slice(0, 3).map((block) => {
      const inner = bodyContent(
        block.body,
        { attributes: ['cpus'], blocks: {} },
        diags,
        block.openBraceRange,
      );
      return toPlain(evaluateExpression(inner.attributes.get('cpus')?.expr as Expression, new EvalContext()));
    });
    expect(cpus).toEqual([2, 1, 3]);
    const build = blocks[4] as Block;
    const { attributes } = bodyContent(
      build.body,
      { attributes: ['sources'], blocks: {} },
      diags,
      build.openBraceRange,
    );
    const sources = attributes.get('sources')?.expr as Expression & { kind: 'Tuple' };
    expect(sources.kind).toBe('Tuple');
    // A reference in a JSON string is a traversal only for static analysis.
    const ref = staticExpression(sources.items[0] as Expression);
    expect(ref).toMatchObject({ kind: 'GetAttr', name: 'a', source: { kind: 'GetAttr', name: 'qemu' } });
    expect(ref.range.start).toMatchObject({ line: 1, column: text.indexOf('"source.qemu.a"') + 2 });
    expect(diags.errors).toEqual([]);
  });

  it('static analysis reads a type constraint from a string, and leaves other expressions alone', () => {
    const { attributes } = content('{"type": "map(string)", "n": 1, "bad": "a b"}', {
      attributes: ['type', 'n', 'bad'],
      blocks: {},
    });
    expect(staticExpression(attributes.get('type')?.expr as Expression)).toMatchObject({
      kind: 'FunctionCall',
      name: ['map'],
    });
    const n = attributes.get('n')?.expr as Expression;
    expect(staticExpression(n)).toBe(n);
    const bad = attributes.get('bad')?.expr as Expression;
    expect(staticExpression(bad)).toBe(bad);
  });

  it("unknown properties, wrong value types, missing labels and duplicates are hcl's errors", () => {
    const schema = { attributes: ['name'], required: ['name'], blocks: { variable: ['name'], build: [] } };
    const { errors } = content(
      '{\n  "varible": {},\n  "variable": {"x": "str"},\n  "build": 3,\n  "//": "ok",\n  "variable": []\n}',
      schema,
    );
    expect(errors).toEqual([
      '3:21: Incorrect JSON value type: Either a JSON object or a JSON array is required, representing the contents of one or more "variable" blocks.',
      '4:12: Incorrect JSON value type: Either a JSON object or a JSON array is required, representing the contents of one or more "build" blocks.',
      "6:15: Missing block label: At least one object property is required, whose name represents the variable block's name.",
      '2:3: Extraneous JSON object property: No argument or block type is named "varible". Did you mean "variable"?',
      '7:1: Missing required argument: The argument "name" is required, but no definition was found.',
    ]);
    expect(content('{"name": 1, "name": 2}', schema).errors).toEqual([
      '1:13: Duplicate argument: The argument "name" was already set at t.pkr.json:1,2-11.',
    ]);
    expect(content('[1]', schema).errors[0]).toBe(
      '1:2: Incorrect JSON value type: A JSON object is required here, to define arguments and child blocks.',
    );
  });

  it('a configuration error in a .pkr.json file names its place', async () => {
    const message = await fail({ 'a.pkr.json': '{\n  "variable": {"x": {"defualt": 1}}\n}' });
    expect(message).toContain(
      'a.pkr.json:2:22: Extraneous JSON object property: No argument or block type is named "defualt". Did you mean "default"?',
    );
  });
});
