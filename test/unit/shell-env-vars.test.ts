import { describe, expect, it } from 'vitest';
import { flattenEnvVars } from '../../src/provisioners/common/env-vars.js';
import { CMD_DISCONNECT } from '../../src/provisioners/common/exit-codes.js';
import { createLineSplitter } from '../../src/provisioners/common/line-splitter.js';
import { buildInlineScript, toUnixLineEndings } from '../../src/provisioners/common/script-text.js';
import { exitStatusOf } from '../../src/provisioners/shell/run.js';

describe('flattenEnvVars', () => {
  it("formats K='V' sorted by name with PACKER_* (and KILN_* twins) and escaped quotes", () => {
    const flat = flattenEnvVars(['b=x', "A=it's", 'C=a=b'], {
      buildName: 'n',
      builderType: 'qemu',
      httpAddr: '10.0.2.2:8080',
    });
    expect(flat).toBe(
      "A='it'\"'\"'s' C='a=b' KILN_BUILDER_TYPE='qemu' KILN_BUILD_NAME='n' KILN_HTTP_ADDR='10.0.2.2:8080' KILN_HTTP_IP='10.0.2.2' KILN_HTTP_PORT='8080' PACKER_BUILDER_TYPE='qemu' PACKER_BUILD_NAME='n' PACKER_HTTP_ADDR='10.0.2.2:8080' PACKER_HTTP_IP='10.0.2.2' PACKER_HTTP_PORT='8080' b='x' ",
    );
  });

  it('lets a user variable override a PACKER_ one', () => {
    expect(flattenEnvVars(['PACKER_BUILD_NAME=mine'], { buildName: 'n', builderType: 't' })).toBe(
      "KILN_BUILDER_TYPE='t' KILN_BUILD_NAME='n' PACKER_BUILDER_TYPE='t' PACKER_BUILD_NAME='mine' ",
    );
  });
});

describe('script text', () => {
  it('adds the default shebang unless the first line has one', () => {
    expect(buildInlineScript(['echo hi'], undefined)).toBe('#!/bin/sh -e\necho hi\n');
    expect(buildInlineScript(['#!/bin/bash', 'echo hi'], undefined)).toBe('#!/bin/bash\necho hi\n');
    expect(buildInlineScript(['#!/bin/bash'], '/bin/sh -x')).toBe('#!/bin/sh -x\n#!/bin/bash\n');
  });

  it("converts CRLF to LF and ends every line with a newline, as Packer's UnixReader", () => {
    expect(toUnixLineEndings(Buffer.from('a\r\nb\r\nc')).toString()).toBe('a\nb\nc\n');
    expect(toUnixLineEndings(Buffer.from('a\n\nb\n')).toString()).toBe('a\n\nb\n');
  });
});

describe('exit status and lines', () => {
  it("maps signals to 128+n and a missing status to Packer's disconnect code", () => {
    expect(exitStatusOf({ exitCode: 2 })).toBe(2);
    expect(exitStatusOf({ exitCode: null, signal: 'KILL' })).toBe(137);
    expect(exitStatusOf({ exitCode: null })).toBe(CMD_DISCONNECT);
  });

  it('splits chunks into lines across chunk boundaries', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.write('ab');
    splitter.write('c\r\nd\ne');
    splitter.flush();
    expect(lines).toEqual(['abc', 'd', 'e']);
  });
});
