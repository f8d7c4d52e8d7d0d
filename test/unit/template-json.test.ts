// Template file parsing: strict JSON vs JSON5, syntax errors with line:col and a caret, duplicate keys, key positions.

import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { parseTemplateText } from '../../src/template/index.js';

function syntaxError(file: string, text: string): TemplateError {
  try {
    parseTemplateText(file, text);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('strict JSON (.json)', () => {
  it('rejects an invalid escape like "C:\\Temp" with line, column and a caret', () => {
    const text = '{\n  "builders": [{"type": "null",\n   "x": "C:\\Temp"}]\n}\n';
    const error = syntaxError('t.json', text);
    expect(error.location).toEqual({ file: 't.json', line: 3, column: 13 });
    expect(error.message).toContain("invalid character 'T' in string escape code");
    expect(error.message).toContain('   3:    "x": "C:\\Temp"}]');
    expect(error.message).toContain('   2:   "builders"');
    const lines = error.message.split('\n');
    const caret = lines.at(-1) ?? '';
    const offending = lines.at(-2) ?? '';
    expect(offending[caret.indexOf('^')]).toBe('T');
  });

  it('rejects trailing commas and comments that json5 accepts', () => {
    expect(syntaxError('t.json', '{"builders": [1,]}').location).toMatchObject({ line: 1, column: 17 });
    expect(syntaxError('t.json', '{"a": 1,}').message).toContain(
      'looking for beginning of object key string',
    );
    expect(syntaxError('t.json', '// c\n{}').location).toMatchObject({ line: 1, column: 1 });
    expect(parseTemplateText('t.json5', '// c\n{a: [1,], \'b\': "C:\\Temp",}').value).toEqual({
      a: [1],
      b: 'C:Temp',
    });
  });

  it('reports unexpected end of input and garbage after the value', () => {
    expect(syntaxError('t.json', '{"a": [1, 2').message).toContain('unexpected end of JSON input');
    expect(syntaxError('t.json', '{} 1').message).toContain('after top-level value');
    expect(syntaxError('t.json', '{} x').location).toMatchObject({ line: 1, column: 4 });
    expect(syntaxError('t.json', '{"a": tru}').location).toMatchObject({ line: 1, column: 7 });
  });

  it('rejects raw control characters inside strings', () => {
    expect(syntaxError('t.json', '{"a": "x\ty"}').message).toContain('in string literal');
  });

  it('decodes escapes like encoding/json', () => {
    expect(parseTemplateText('t.json', '{"a": "\\u00e9\\n\\/\\"\\\\"}').value).toEqual({ a: 'é\n/"\\' });
  });
});

describe('duplicate keys', () => {
  it('are an error anywhere in the document, naming the key and its position', () => {
    const text = '{\n  "builders": [\n    {"type": "qemu", "memory": 1, "memory": 2}\n  ]\n}';
    const error = syntaxError('t.json', text);
    expect(error.message).toContain('template has duplicate field: memory');
    expect(error.location).toMatchObject({ line: 3, column: 35 });
    expect(error.code).toBe('template-duplicate-key');
  });

  it('are an error in json5 too', () => {
    expect(syntaxError('t.json5', "{a: 1, 'a': 2}").message).toContain('template has duplicate field: a');
  });

  it('allow the same key in sibling objects', () => {
    expect(() => parseTemplateText('t.json', '[{"a": 1}, {"a": 2}]')).not.toThrow();
  });
});

describe('json5 syntax errors', () => {
  it('carry line and column from json5', () => {
    const error = syntaxError('t.json5', '{\n  a: 1,\n  b: @\n}');
    expect(error.location).toMatchObject({ file: 't.json5', line: 3, column: 6 });
    expect(error.message).toContain("invalid character '@'");
    expect(error.message).toMatch(/ {5}\^$/);
  });
});

describe('key positions', () => {
  it('maps key paths to the line and column of each key', () => {
    const text =
      '{\n  "builders": [\n    {\n      "type": "qemu",\n      "disk_size": "10G"\n    }\n  ],\n  "http_content": {"/a.cfg": "x"}\n}';
    const { positions } = parseTemplateText('t.json', text);
    expect(positions.get('builders')).toEqual({ line: 2, column: 3 });
    expect(positions.get('builders[0]')).toEqual({ line: 3, column: 5 });
    expect(positions.get('builders[0].disk_size')).toEqual({ line: 5, column: 7 });
    expect(positions.get('http_content["/a.cfg"]')).toEqual({ line: 8, column: 20 });
  });

  it('works for json5 documents', () => {
    const { positions } = parseTemplateText(
      't.json5',
      "{\n  // builders\n  builders: [{type: 'qemu',\n    memory: 1}],\n}",
    );
    expect(positions.get('builders[0].memory')).toEqual({ line: 4, column: 5 });
  });
});
