// The bad-input corpus (test/bad-input): every malformed or hostile template, -var-file and checksum file makes
// validate, build (and inspect/console where they read it) exit 1 with a message naming file:line:col or the
// key, no stack trace, no QEMU or qemu-img started (stubs on PATH record a call), in well under 2 s each.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBuildCommand } from '../../src/commands/build.js';
import { runConsoleCommand } from '../../src/commands/console.js';
import { runInspectCommand } from '../../src/commands/inspect.js';
import { createPrompter } from '../../src/commands/prompter.js';
import { runValidateCommand } from '../../src/commands/validate.js';
import { consoleOutput } from '../../src/ui/ui-factory.js';
import { type BadInputCommand, CASES } from '../bad-input/cases.js';
import { GENERATED_CASES } from '../bad-input/generated-cases.js';
import { Capture, stdin } from './cli-streams.js';

const CORPUS = resolve(import.meta.dirname, '../bad-input');
const STUBBED = ['qemu-system-x86_64', 'qemu-system-aarch64', 'qemu-system-i386', 'qemu-img'];
const PER_CASE_MS = 2_000;
/** A 10 MB value may be quoted, never in full. */
const MAX_OUTPUT = 20_000;

let stubs: string;
let marker: string;
let savedPath: string | undefined;
let savedCwd: string;

beforeAll(() => {
  stubs = mkdtempSync(join(tmpdir(), 'kiln-bad-input-'));
  marker = join(stubs, 'called');
  for (const name of STUBBED) {
    writeFileSync(join(stubs, name), `#!/bin/sh\necho "${name} $*" >> '${marker}'\nexit 1\n`, {
      mode: 0o755,
    });
  }
  savedPath = process.env.PATH;
  process.env.PATH = `${stubs}:${savedPath ?? ''}`;
  // Relative paths in the cases (var files, checksum files, scripts) are relative to the corpus, and build
  // resolves them against the working directory, as Packer does.
  savedCwd = process.cwd();
  process.chdir(CORPUS);
});

afterAll(() => {
  process.chdir(savedCwd);
  process.env.PATH = savedPath;
  rmSync(stubs, { recursive: true, force: true });
});

async function run(command: BadInputCommand, file: string, varFiles: readonly string[]) {
  const out = new Capture();
  const err = new Capture();
  const common = { templatePath: file, vars: [], varFiles, env: process.env, out, err };
  let code: number;
  if (command === 'validate') code = await runValidateCommand({ ...common, syntaxOnly: false });
  else if (command === 'inspect')
    code = await runInspectCommand({ templatePath: file, machineReadable: false, out, err });
  else if (command === 'console')
    code = await runConsoleCommand({ ...common, input: stdin('variables\n'), mode: 'lines' });
  else {
    const result = await runBuildCommand({
      ...common,
      force: false,
      only: [],
      except: [],
      onError: 'cleanup',
      parallelBuilds: 0,
      signal: AbortSignal.timeout(10_000),
      createUi: consoleOutput({ out, interactive: false, timestamps: false, color: false }).createUi,
      prompter: createPrompter(stdin(''), new Capture(), false),
      debug: false,
    });
    code = result.exitCode;
  }
  return { code, output: out.text() + err.text() };
}

async function expectRejected(
  file: string,
  varFiles: readonly string[],
  expected: readonly string[],
  commands: readonly BadInputCommand[],
): Promise<void> {
  for (const command of commands) {
    const started = performance.now();
    const { code, output } = await run(command, file, varFiles);
    const elapsed = performance.now() - started;
    const shown = `${command}: ${output.slice(0, 2000)}`;
    expect(code, shown).toBe(1);
    for (const text of expected) expect(output, shown).toContain(text);
    expect(output, shown).not.toMatch(/\n\s+at \S|RangeError|TypeError|Maximum call stack/);
    expect(output.length, `${command}: output of ${output.length} characters`).toBeLessThan(MAX_OUTPUT);
    expect(existsSync(marker), `${command} started ${STUBBED.join('/')}`).toBe(false);
    expect(elapsed, `${command} took ${Math.round(elapsed)} ms`).toBeLessThan(PER_CASE_MS);
  }
}

describe('bad input files', () => {
  it('the stubs do notice a started qemu-img (a valid template gets that far)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-bad-control-'));
    try {
      const file = join(dir, 't.json');
      const builder = { type: 'qemu', iso_url: 'files/tiny.iso', iso_checksum: 'none', ssh_username: 'root' };
      writeFileSync(file, JSON.stringify({ builders: [{ ...builder, output_directory: join(dir, 'out') }] }));
      expect((await run('build', file, [])).code).toBe(1);
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(marker, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the corpus has at least 100 cases', () => {
    expect(CASES.length + GENERATED_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.file)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.file, c] as const))('%s', async (_name, badCase) => {
    const commands = badCase.commands ?? ['validate', 'build'];
    await expectRejected(join('cases', badCase.file), badCase.varFiles ?? [], badCase.expect, commands);
  });
});

describe('generated bad input', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.each(GENERATED_CASES.map((c) => [c.name, c] as const))('%s', async (_name, badCase) => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-bad-generated-'));
    const { file, varFiles = [] } = badCase.make(dir);
    await expectRejected(file, varFiles, badCase.expect, badCase.commands ?? ['validate', 'build']);
  });
});
