// The manifest post-processor: Packer 1.6.6's packer-manifest.json, appended across builds and runs.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BufferUi } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import type { ManifestConfig } from '../../src/post-processors/manifest/config.js';
import { goJson } from '../../src/post-processors/manifest/manifest-file.js';
import { runManifest } from '../../src/post-processors/manifest/run.js';

let dir: string;
let disk: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-manifest-'));
  disk = join(dir, 'out', 'disk.qcow2');
  await mkdir(join(dir, 'out'));
  await writeFile(disk, Buffer.alloc(1234));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base: ManifestConfig = {
  type: 'manifest',
  output: '',
  stripPath: false,
  stripTime: false,
  customData: undefined,
};

function record(options: {
  runUuid: string;
  force?: boolean;
  build?: string;
  config?: Partial<ManifestConfig>;
}) {
  const output = join(dir, 'packer-manifest.json');
  const input = filesArtifact('transcend.qemu', [disk], 'VM files');
  return runManifest({ ...base, ...options.config }, input, {
    ui: new BufferUi(),
    signal: new AbortController().signal,
    output,
    customData: options.config?.customData,
    buildName: options.build ?? 'qemu',
    builderType: 'qemu',
    runUuid: options.runUuid,
    force: options.force ?? false,
    now: () => 1507245986,
  });
}

describe('manifest post-processor', () => {
  it("writes Packer's format byte for byte: 2-space JSON, no trailing newline, mode 0664", async () => {
    const result = await record({ runUuid: 'run-1', config: { customData: { a: '<b>' } } });
    const text = await readFile(join(dir, 'packer-manifest.json'), 'utf8');
    expect(text).toBe(
      [
        '{',
        '  "builds": [',
        '    {',
        '      "name": "qemu",',
        '      "builder_type": "qemu",',
        '      "build_time": 1507245986,',
        '      "files": [',
        '        {',
        `          "name": "${disk}",`,
        '          "size": 1234',
        '        }',
        '      ],',
        `      "artifact_id": "${disk}",`,
        '      "packer_run_uuid": "run-1",',
        '      "custom_data": {',
        '        "a": "\\u003cb\\u003e"',
        '      }',
        '    }',
        '  ],',
        '  "last_run_uuid": "run-1"',
        '}',
      ].join('\n'),
    );
    expect((await stat(join(dir, 'packer-manifest.json'))).mode & 0o777).toBe(0o664 & ~process.umask());
    expect(result.forceKeepInput).toBe(true);
    expect(result.artifact.files).toEqual([disk]);
  });

  it('appends builds of the same and later runs; -force resets only on a new run', async () => {
    await record({ runUuid: 'run-1', build: 'a' });
    await record({ runUuid: 'run-1', build: 'b', force: true });
    await record({ runUuid: 'run-2', build: 'c' });
    const read = async () => JSON.parse(await readFile(join(dir, 'packer-manifest.json'), 'utf8'));
    let manifest = await read();
    expect(manifest.builds.map((b: { name: string }) => b.name)).toEqual(['a', 'b', 'c']);
    expect(manifest.last_run_uuid).toBe('run-2');
    await record({ runUuid: 'run-3', build: 'd', force: true });
    manifest = await read();
    expect(manifest.builds.map((b: { name: string }) => b.name)).toEqual(['d']);
    expect(manifest.builds[0].packer_run_uuid).toBe('run-3');
  });

  it('strip_path keeps basenames, strip_time drops build_time, unset custom_data is null', async () => {
    await record({ runUuid: 'r', config: { stripPath: true, stripTime: true } });
    const build = JSON.parse(await readFile(join(dir, 'packer-manifest.json'), 'utf8')).builds[0];
    expect(build).toEqual({
      name: 'qemu',
      builder_type: 'qemu',
      files: [{ name: 'disk.qcow2', size: 1234 }],
      artifact_id: disk,
      packer_run_uuid: 'r',
      custom_data: null,
    });
  });

  it('fails naming the lock file when another writer holds it, and leaves the manifest alone', async () => {
    await writeFile(join(dir, 'packer-manifest.json.lock'), '');
    await expect(record({ runUuid: 'r' })).rejects.toThrow(
      /manifest: writing .*packer-manifest\.json failed.*could not lock .*packer-manifest\.json\.lock/,
    );
    expect(existsSync(join(dir, 'packer-manifest.json'))).toBe(false);
  });

  it("escapes like Go's encoding/json", () => {
    expect(goJson({ s: 'a&b<c>\u2028' })).toBe('{\n  "s": "a\\u0026b\\u003cc\\u003e\\u2028"\n}');
  });
});
