// The checksum post-processor against real files and coreutils' own digests, in Packer's file format.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import type { ChecksumConfig, ChecksumType } from '../../src/post-processors/checksum/config.js';
import { runChecksum } from '../../src/post-processors/checksum/run.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU, templateFailure, useTempDir } from './template-fixture.js';

const tmp = useTempDir();
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-checksum-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (types: ChecksumType[]): ChecksumConfig => ({
  type: 'checksum',
  checksumTypes: types,
  output: '',
});
const run = (types: ChecksumType[], files: string[]) =>
  runChecksum(config(types), filesArtifact('transcend.qemu', files, 'disks'), {
    ui: new BufferUi(),
    signal: new AbortController().signal,
    outputFor: (type) => join(dir, 'sums', `packer_qemu_qemu_${type}.checksum`),
  });

describe('checksum post-processor', () => {
  it('writes every type in one pass per file, as coreutils computes them, one "<hex>\\t<basename>" line each', async () => {
    const a = join(dir, 'a.qcow2');
    const b = join(dir, 'b.vmdk');
    await writeFile(a, Buffer.alloc(3 << 20, 7));
    await writeFile(b, 'hello\n');
    const types: ChecksumType[] = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
    const result = await run(types, [a, b]);
    for (const type of types) {
      const output = join(dir, 'sums', `packer_qemu_qemu_${type}.checksum`);
      const coreutils = (await execa(`${type}sum`, ['a.qcow2', 'b.vmdk'], { cwd: dir })).stdout;
      const expected = coreutils.replace(/ {2}/g, '\t');
      expect(await readFile(output, 'utf8')).toBe(`${expected}\n`);
    }
    expect(result.artifact.files).toEqual([
      a,
      b,
      ...types.map((t) => join(dir, 'sums', `packer_qemu_qemu_${t}.checksum`)),
    ]);
    expect(result.artifact.builderId).toBe('packer.post-processor.checksum');
    expect(result.forceKeepInput).toBe(true);
  });

  it('appends to an existing checksum file as Packer does, and lists only new files in the artifact', async () => {
    const a = join(dir, 'a.raw');
    await writeFile(a, 'abc');
    await run(['md5'], [a]);
    const second = await run(['md5'], [a]);
    const text = await readFile(join(dir, 'sums', 'packer_qemu_qemu_md5.checksum'), 'utf8');
    expect(text).toBe('900150983cd24fb0d6963f7d28e17f72\ta.raw\n'.repeat(2));
    expect(second.artifact.files).toEqual([a]);
  });

  it('names the input and the step when a file cannot be read, and writes no checksum file', async () => {
    const missing = join(dir, 'missing.qcow2');
    await expect(run(['sha256'], [missing])).rejects.toThrow(
      `checksum: hashing failed for ${missing}: ENOENT`,
    );
    expect(existsSync(join(dir, 'sums'))).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('defaults to md5 and Packer output name, and refuses unknown types with a suggestion', async () => {
    const t = await loadTemplate(tmp.write('t.json', { builders: [QEMU], 'post-processors': ['checksum'] }), {
      cwd: tmp.dir(),
    });
    expect(resolveBuilds(t)[0]?.postProcessors[0]?.[0]?.config).toEqual({
      type: 'checksum',
      checksumTypes: ['md5'],
      output: 'packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum',
    });
    const bad = await loadTemplate(
      tmp.write('b.json', {
        builders: [QEMU],
        'post-processors': [{ type: 'checksum', checksum_types: ['sha256', 'sha265'] }],
      }),
      { cwd: tmp.dir() },
    );
    const error = await templateFailure(() => resolveBuilds(bad));
    expect(error.message).toContain("Unrecognized checksum type: sha265 (did you mean 'sha256'?)");
  });
});
