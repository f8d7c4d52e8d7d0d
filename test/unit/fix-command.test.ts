// `kiln fix` end to end through runFixCommand: output, exit codes and Packer-style messages.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runFixCommand } from '../../src/commands/fix.js';
import { useTempDir } from './template-fixture.js';

const tmp = useTempDir();

async function fix(content: string | undefined, validate = true) {
  const file = content === undefined ? 'missing.json' : tmp.write('t.json', content);
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (d: Buffer) => (chunks.out += d.toString()));
  err.on('data', (d: Buffer) => (chunks.err += d.toString()));
  const rc = await runFixCommand({ templatePath: file, validate, cwd: tmp.dir(), out, err });
  return { rc, ...chunks };
}

describe('kiln fix', () => {
  it('prints the rewritten template and exits 0', async () => {
    const result = await fix('{\n  "builders": [{"type": "qemu", "iso_md5": "abc"}]\n}\n');
    expect(result.rc).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ builders: [{ type: 'qemu', iso_checksum: 'md5:abc' }] });
    expect(result.err).toBe('');
  });

  it('reports a missing file and a syntax error as Packer does', async () => {
    expect((await fix(undefined)).err).toMatch(/^Error opening template: /);
    const syntax = await fix('{');
    expect(syntax.rc).toBe(1);
    expect(syntax.err).toMatch(/^Error parsing template: /);
  });

  it('still prints the output but fails validation of a broken template unless -validate=false', async () => {
    const source = '{"builders": [{"type": "qemu"}], "foo": 1}';
    const checked = await fix(source);
    expect(checked.rc).toBe(1);
    expect(checked.out).toBe(`${source}\n`);
    expect(checked.err).toMatch(
      /Error! Fixed template failed to validate: .*Unknown root level key in template: 'foo'/s,
    );
    expect((await fix(source, false)).rc).toBe(0);
  });
});
