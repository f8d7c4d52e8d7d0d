// output_directory is deleted on failure and replaced with -force: it may not be a directory holding anything
// else, and -force keeps the old output until the new build has succeeded.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputDirectory } from '../../src/builders/qemu/config/output-directory.js';
import { prepareOutputDir } from '../../src/builders/qemu/steps/prepare-output-dir.js';
import type { Outcome } from '../../src/core/runner.js';
import type { PluginEnv } from '../../src/template/plugin-env.js';
import { ProblemCollector } from '../../src/template/problems.js';
import { qemuConfig, useStepHarness } from './qemu-step-harness.js';

const harness = useStepHarness();
const never = new AbortController().signal;

describe('output_directory that holds more than the build', () => {
  const cwd = process.cwd();
  it.each([
    ['.', 'the current directory'],
    [dirname(cwd), 'an ancestor of the current directory'],
    ['/', 'an ancestor of the current directory'],
    [homedir(), 'the home directory'],
  ])('refuses %s as %s, naming output_directory', (dir, why) => {
    expect(() => qemuConfig({ output_directory: dir }, cwd)).toThrow(
      new RegExp(
        `builders\\[0\\]\\.output_directory.*'${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' is ${why}: Kiln deletes output_directory when a build fails`,
      ),
    );
  });

  it("refuses the template's directory", () => {
    const { dir } = harness();
    const templates = join(dir, 'templates');
    const problems = new ProblemCollector({ file: 't.json', positions: new Map() });
    const env = { cwd: dir, templatePath: 'templates/t.json', problems } as unknown as PluginEnv;
    checkOutputDirectory('templates', 'builders[0].output_directory', env);
    checkOutputDirectory(join(templates, 'out'), 'builders[0].output_directory', env);
    let message = '';
    try {
      problems.throwIfAny();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("output_directory): 'templates' is the template's directory");
    expect(message).not.toContain("/out'");
  });

  it('accepts a directory of its own, also inside the current one', () => {
    expect(() => qemuConfig({ output_directory: 'output-x' }, cwd)).not.toThrow();
    expect(() => qemuConfig({ output_directory: join(cwd, 'a', 'b') }, cwd)).not.toThrow();
  });
});

describe('-force keeps the old output until the build succeeds', () => {
  async function withOldOutput(outcome: Outcome) {
    const h = harness({ force: true });
    const output = join(h.dir, 'output');
    await mkdir(output);
    await writeFile(join(output, 'old.qcow2'), 'the last good image');
    const step = prepareOutputDir();
    await step.run(h.ctx, never);
    const aside = (await readdir(h.dir)).filter((name) => name.startsWith('output.kiln-previous-'));
    expect(aside).toHaveLength(1);
    expect(await readdir(output)).toEqual(['.kiln-run.json']);
    await writeFile(join(output, 'new.qcow2.kiln-partial'), 'half an image');
    await step.cleanup?.(h.ctx, { outcome, signal: never });
    return { ...h, output, aside: join(h.dir, aside[0] as string) };
  }

  it.each<Outcome>(['failed', 'cancelled'])('a build that %s puts the old output back', async (outcome) => {
    const { output, aside, ui } = await withOldOutput(outcome);
    expect(await readdir(output)).toEqual(['old.qcow2']);
    expect(await readFile(join(output, 'old.qcow2'), 'utf8')).toBe('the last good image');
    expect(existsSync(aside)).toBe(false);
    expect(ui.text()).toContain('Restored the previous output directory');
  });

  it('a build that succeeds deletes the old output and its run record', async () => {
    const { output, aside } = await withOldOutput('success');
    expect(await readdir(output)).toEqual(['new.qcow2.kiln-partial']);
    expect(existsSync(aside)).toBe(false);
  });
});
