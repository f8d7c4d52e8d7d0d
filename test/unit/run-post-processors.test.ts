// runPostProcessorChains with real post-processors (convert runs qemu-img, shell-local a shell): Packer's
// artifact rules decide which files survive.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportKept } from '../../src/commands/build.js';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { BufferUi } from '../../src/core/ui.js';
import { type Artifact, filesArtifact } from '../../src/plugins/artifact.js';
import { postProcessorPlugin } from '../../src/registry/registry.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { runPostProcessorChains } from '../../src/registry/run-post-processors.js';
import { loadTemplate } from '../../src/template/index.js';
import { QEMU } from './template-fixture.js';

/** Fills `{{ .Key }}` from the run-time data, as the build's renderer does for execute_command. */
const fillIn = (text: string, data: Readonly<Record<string, string | number>>) =>
  text.replace(/\{\{ *\.(\w+) *\}\}/g, (_, key: string) => String(data[key] ?? ''));

let dir: string;
let disk: string;
let ui: BufferUi;
const signal = new AbortController().signal;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiln-pp-'));
  disk = join(dir, 'packer-qemu');
  await execa('qemu-img', ['create', '-f', 'qcow2', disk, '1M']);
  ui = new BufferUi();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Resolves `post-processors` from a template and runs them on the disk, as a build does. */
async function run(
  postProcessors: unknown[],
  builder: Artifact = builderArtifact(),
  onDisk: Artifact[] = [builder],
): Promise<Artifact[]> {
  const file = join(dir, 'template.json');
  await writeFile(file, JSON.stringify({ builders: [QEMU], 'post-processors': postProcessors }));
  const [build] = resolveBuilds(await loadTemplate(file, { cwd: dir }));
  if (!build) throw new Error('no build');
  const context = {
    ui,
    signal,
    render: fillIn,
    buildName: 'qemu',
    builderType: 'qemu',
    runUuid: 'r',
    force: false,
    log: SILENT_LOG,
  };
  return runPostProcessorChains(
    build.postProcessors,
    builder,
    (pp, input) => postProcessorPlugin(pp.type).run(pp.config, input, context),
    ui,
    onDisk,
  );
}

function builderArtifact(): Artifact {
  return filesArtifact('transcend.qemu', [disk], 'VM files in directory: output', 'qcow2');
}

const convert = (format: string, extra: Record<string, unknown> = {}) => ({
  type: 'convert',
  format,
  ...extra,
});
const files = (artifacts: Artifact[]) => artifacts.flatMap((a) => a.files);

describe('runPostProcessorChains', () => {
  it('without post-processors, the builder artifact is the result', async () => {
    expect(files(await run([]))).toEqual([disk]);
    expect(existsSync(disk)).toBe(true);
  });

  it('keeps the builder artifact when a post-processor keeps its input by default', async () => {
    expect(files(await run([convert('vmdk')]))).toEqual([disk, `${disk}.vmdk`]);
    expect(existsSync(disk)).toBe(true);
  });

  it('deletes the builder artifact when no post-processor keeps it', async () => {
    expect(files(await run([convert('vmdk', { keep_input_artifact: false })]))).toEqual([`${disk}.vmdk`]);
    expect(existsSync(disk)).toBe(false);
    expect(ui.text()).toContain('Deleting intermediate artifact: VM files in directory: output');
  });

  it("deletes a chain's intermediate artifact unless kept", async () => {
    const result = await run([
      [
        convert('raw', { keep_input_artifact: false }),
        convert('vmdk', { keep_input_artifact: false, output: join(dir, 'final.vmdk') }),
      ],
    ]);
    expect(files(result)).toEqual([join(dir, 'final.vmdk')]);
    expect(existsSync(`${disk}.raw`)).toBe(false);
    expect(existsSync(disk)).toBe(false);
  });

  it('shell-local always keeps its input, whatever keep_input_artifact says', async () => {
    const result = await run([{ type: 'shell-local', inline: ['true'], keep_input_artifact: false }]);
    expect(files(result)).toEqual([disk]);
    expect(existsSync(disk)).toBe(true);
  });

  it('keeps the builder artifact when any chain keeps it', async () => {
    const result = await run([
      [convert('vmdk', { keep_input_artifact: false })],
      [convert('raw', { keep_input_artifact: true })],
    ]);
    expect(files(result)).toEqual([disk, `${disk}.vmdk`, `${disk}.raw`]);
    expect(existsSync(disk)).toBe(true);
  });

  it('a post-processor that does not apply to the build ends its chain', async () => {
    const result = await run([[convert('vmdk'), { ...convert('raw'), except: ['qemu'] }, convert('vhd')]]);
    expect(files(result)).toEqual([disk, `${disk}.vmdk`]);
    expect(existsSync(`${disk}.vhd`)).toBe(false);
  });

  it('reports an artifact it cannot delete and goes on', async () => {
    const stubborn: Artifact = {
      ...builderArtifact(),
      destroy: () => Promise.reject(new Error('EBUSY: resource busy')),
    };
    const result = await run([convert('vmdk', { keep_input_artifact: false })], stubborn);
    expect(files(result)).toEqual([`${disk}.vmdk`]);
    expect(ui.text()).toContain('could not delete VM files in directory: output: EBUSY: resource busy');
  });

  it('stops at a failing post-processor, leaving the builder artifact', async () => {
    await expect(
      run([[convert('vmdk', { qemu_img_args: ['--bogus'], keep_input_artifact: false })]]),
    ).rejects.toThrow(/qemu-img failed/);
    expect(existsSync(disk)).toBe(true);
  });

  it('after a failing post-processor, onDisk lists what is left: the builder artifact and finished outputs', async () => {
    const builder = builderArtifact();
    const onDisk = [builder];
    await expect(
      run(
        [[convert('raw', { keep_input_artifact: false })], [convert('vmdk', { qemu_img_args: ['--bogus'] })]],
        builder,
        onDisk,
      ),
    ).rejects.toThrow(/qemu-img failed/);
    expect(files(onDisk)).toEqual([disk, `${disk}.raw`]);
    expect(files(onDisk).every((file) => existsSync(file))).toBe(true);
  });
});

describe('the summary of a build whose post-processing failed', () => {
  it('says which files were kept, and where', () => {
    const summary = new BufferUi();
    const kept = [builderArtifact(), filesArtifact('x', [`${disk}.raw`], 'raw disk: x.raw')];
    reportKept(summary, { name: 'qemu', durationMs: 1, artifacts: [], error: new Error('x'), kept });
    expect(summary.text()).toContain(
      `!!! Build 'qemu': post-processing did not finish; these files were kept:\n!!! --> VM files in directory: output: ${disk}\n!!! --> raw disk: x.raw: ${disk}.raw`,
    );
  });
});
