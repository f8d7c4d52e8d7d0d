// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source
// Expected values are taken from go-cty-funcs' filesystem tests, Packer's templatefile tests and the functions'
// documentation examples.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

let dir = '';
const at = (src: string) => evalPlain(src, new Map(), dir);
const failsAt = (src: string) => evalError(src, new Map(), dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-hcl-fs-'));
  writeFileSync(join(dir, 'hello.txt'), 'Hello World');
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0xff, 0xfe]));
  writeFileSync(join(dir, 'hello.tmpl'), 'Hello, ${name}!');
  writeFileSync(join(dir, 'list.tmpl'), '%{ for x in list ~}\n- ${x}\n%{ endfor ~}\n');
  writeFileSync(join(dir, 'bad.tmpl'), 'line one\n${nope(}');
  writeFileSync(join(dir, 'recurse.tmpl'), '${templatefile("hello.tmpl", {name = "x"})}');
  mkdirSync(join(dir, 'sub/deeper'), { recursive: true });
  writeFileSync(join(dir, 'sub/a.txt'), '');
  writeFileSync(join(dir, 'sub/deeper/b.txt'), '');
  writeFileSync(join(dir, 'sub/deeper/c.md'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('filesystem functions', () => {
  it.each([
    ['basename("foo/bar/baz.txt")', 'baz.txt'],
    ['basename("")', '.'],
    ['dirname("foo/bar/baz.txt")', 'foo/bar'],
    ['dirname("baz.txt")', '.'],
    ['pathexpand("/etc/x")', '/etc/x'],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it('expands ~ and makes paths absolute', () => {
    expect(evalPlain('pathexpand("~/.ssh/id_rsa")')).toBe(join(homedir(), '.ssh/id_rsa'));
    expect(evalPlain('abspath("x/y")')).toBe(resolve('x/y'));
  });

  it('reads files relative to the template directory', () => {
    expect(at('file("hello.txt")')).toBe('Hello World');
    expect(at('filebase64("hello.txt")')).toBe('SGVsbG8gV29ybGQ=');
    expect(at('fileexists("hello.txt")')).toBe(true);
    expect(at('fileexists("missing.txt")')).toBe(false);
    expect(failsAt('file("missing.txt")')).toContain(`no file exists at ${join(dir, 'missing.txt')}`);
    expect(failsAt('file("binary.bin")')).toContain('contents of binary.bin are not valid UTF-8');
    expect(failsAt('fileexists("sub")')).toContain(`${join(dir, 'sub')} is not a regular file, but "d`);
  });

  it('fileset globs files only, with ** across directories', () => {
    expect(at('fileset(".", "sub/*.txt")')).toEqual(['sub/a.txt']);
    expect(at('fileset("sub", "**/*.txt")')).toEqual(['a.txt', 'deeper/b.txt']);
    expect(at('fileset(".", "sub/**")')).toEqual(['sub/a.txt', 'sub/deeper/b.txt', 'sub/deeper/c.md']);
    expect(at('fileset(".", "sub/deeper/{b,c}.*")')).toEqual(['sub/deeper/b.txt', 'sub/deeper/c.md']);
    expect(at('fileset(".", "nothing/*")')).toEqual([]);
  });

  it('templatefile renders with vars and the function table', () => {
    expect(at('templatefile("hello.tmpl", {name = "Jodie"})')).toBe('Hello, Jodie!');
    expect(at('templatefile("list.tmpl", {list = ["a", "b"]})')).toBe('- a\n- b\n');
    expect(failsAt('templatefile("hello.tmpl", "x")')).toContain('invalid vars value: must be a map');
    expect(failsAt('templatefile("hello.tmpl", {"1x" = 1})')).toContain(
      'invalid template variable name "1x"',
    );
    expect(failsAt('templatefile("hello.tmpl", {})')).toContain('There is no variable named "name"');
    expect(failsAt('templatefile("bad.tmpl", {})')).toContain(`${join(dir, 'bad.tmpl')}:2,`);
    expect(failsAt('templatefile("recurse.tmpl", {})')).toContain(
      'cannot recursively call templatefile from inside templatefile call',
    );
  });
});
