import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync as write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOG } from '../../src/core/debug-log.js';
import { CancelledError, KilnError } from '../../src/core/errors.js';
import type { Ui } from '../../src/core/ui.js';
import { filesArtifact } from '../../src/plugins/artifact.js';
import { shellLocalPostProcessor } from '../../src/post-processors/shell-local/index.js';
import type { ShellLocalConfig } from '../../src/provisioners/shell-local/config.js';
import { runShellLocal } from '../../src/provisioners/shell-local/run.js';

const render = (template: string, data: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? ''));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-shell-local-'));
});
/** Scripts must be executable: the default execute_command runs them directly, as Packer's. */
function writeFileSync(path: string, text: string): void {
  write(path, text, { mode: 0o755 });
}
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Options = Partial<ShellLocalConfig> & { command?: string; script?: string; forceKillAfterMs?: number };

/** A config as the plugin resolves it with Packer's defaults. */
function options({ command, script, ...rest }: Options): ShellLocalConfig & { forceKillAfterMs?: number } {
  return {
    type: 'shell-local',
    inline: command === undefined ? undefined : [command],
    scripts: script === undefined ? [] : [script],
    environmentVars: [],
    envVarFormat: "%s='%s' ",
    executeCommand: ['/bin/sh', '-c', '{{.Vars}} {{.Script}}'],
    inlineShebang: '/bin/sh -e',
    onlyOn: [],
    validExitCodes: [0],
    tempfileExtension: undefined,
    ...rest,
  };
}

function recordingUi(said: string[], lines: string[]): Ui {
  return {
    say: (m) => said.push(m),
    message: (line) => lines.push(line),
    error: (line) => lines.push(`error: ${line}`),
    progress: () => ({ update: () => {}, done: () => {} }),
  };
}

async function run(
  opts: ShellLocalConfig & { forceKillAfterMs?: number },
  signal = new AbortController().signal,
) {
  const said: string[] = [];
  const lines: string[] = [];
  await runShellLocal(opts, {
    ui: recordingUi(said, lines),
    render,
    signal,
    buildName: 'b1',
    builderType: 'qemu',
    label: 'shell-local',
    ...(opts.forceKillAfterMs === undefined ? {} : { forceKillAfterMs: opts.forceKillAfterMs }),
  });
  return { said, lines };
}

describe('shell-local', () => {
  it('runs a command with the env vars, streaming lines', async () => {
    const { lines, said } = await run(
      options({
        command: 'echo "$GREETING $PACKER_BUILD_NAME"; echo warn >&2',
        environmentVars: ["GREETING=it's"],
      }),
    );
    expect(lines).toEqual(["it's b1", 'warn']);
    expect(said[0]).toMatch(/^Running local shell script: .*script\.sh$/);
  });

  it('runs inline lines under the shebang (-e stops at the first failure)', async () => {
    const error = await run(options({ inline: ['echo a', 'false', 'echo b'] })).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.message).toMatch(
      /^Script exited with non-zero exit status: 1\. Allowed exit codes are: \[0\]/,
    );
  });

  it('runs scripts in order and accepts valid exit codes', async () => {
    const a = join(dir, 'a.sh');
    const b = join(dir, 'b.sh');
    writeFileSync(a, 'echo "a $PACKER_BUILDER_TYPE"\n');
    writeFileSync(b, 'echo b; exit 4\n');
    const { lines } = await run(options({ scripts: [a, b], validExitCodes: [0, 4] }));
    expect(lines).toEqual(['a qemu', 'b']);
  });

  it('fails naming the command, the exit code and the last stderr lines', async () => {
    const script = join(dir, 'fail.sh');
    writeFileSync(script, 'echo first >&2\necho "disk full" >&2\nexit 3\n');
    const error = await run(options({ script })).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.code).toBe('provisioner');
    expect(error.message).toContain(
      'Script exited with non-zero exit status: 3. Allowed exit codes are: [0]',
    );
    expect(error.message).toContain(
      `shell-local command: /bin/sh -c KILN_BUILDER_TYPE='qemu' KILN_BUILD_NAME='b1' PACKER_BUILDER_TYPE='qemu' PACKER_BUILD_NAME='b1'  ${script}`,
    );
    expect(error.message).toMatch(/last stderr lines:\n {2}first\n {2}disk full$/);
  });

  it('reports an execute_command that cannot start', async () => {
    const error = await run(
      options({ command: 'true', executeCommand: ['/no/such/shell', '{{.Script}}'] }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.message).toMatch(/cannot run \/no\/such\/shell/);
  });

  it('is cancelled with the signal, killing a command that ignores SIGTERM', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const pending = run(
      options({ command: "trap '' TERM; sleep 30", forceKillAfterMs: 300 }),
      controller.signal,
    );
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('as a post-processor, exposes the artifact files', async () => {
    const lines: string[] = [];
    const input = filesArtifact('transcend.qemu', ['out/disk.qcow2', 'out/efivars.fd'], 'VM files');
    const result = await shellLocalPostProcessor.run(
      options({ inline: ['echo "$KILN_ARTIFACT_FILES|$KILN_ARTIFACT_FILE_1"'] }),
      input,
      {
        ui: recordingUi([], lines),
        render,
        signal: new AbortController().signal,
        buildName: 'b1',
        builderType: 'qemu',
        log: SILENT_LOG,
        runUuid: 'run-1',
        force: false,
      },
    );
    expect(lines).toEqual(['out/disk.qcow2 out/efivars.fd|out/efivars.fd']);
    expect(result).toMatchObject({ artifact: input, forceKeepInput: true });
  });

  it('skips with a line when only_on does not name this OS', async () => {
    const { said, lines } = await run(options({ command: 'echo ran', onlyOn: ['windows', 'darwin'] }));
    expect(lines).toEqual([]);
    expect(said).toEqual([expect.stringMatching(/^Skipping shell-local due to runtime OS \(linux/)]);
    const ran = await run(options({ command: 'echo ran', onlyOn: ['linux'] }));
    expect(ran.lines).toEqual(['ran']);
  });

  it('names the inline script with tempfile_extension and formats variables with env_var_format', async () => {
    const { lines, said } = await run(
      options({
        command: 'echo "$0"',
        tempfileExtension: 'bash',
        environmentVars: ['A=1'],
        envVarFormat: 'export %s=%s;',
        executeCommand: ['/bin/sh', '-c', '{{.Vars}} echo "vars:$A"; {{.Script}}'],
      }),
    );
    expect(said[0]).toMatch(/script\.bash$/);
    expect(lines[0]).toBe('vars:1');
    expect(lines[1]).toMatch(/script\.bash$/);
  });
});
