import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync as write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, KilnError } from '../../src/core/errors.js';
import { runShellLocalPostProcessor } from '../../src/post-processors/shell-local/run.js';
import { runShellLocal } from '../../src/provisioners/shell-local/run.js';
import {
  DEFAULT_LOCAL_EXECUTE_COMMAND,
  type ShellLocalOptions,
} from '../../src/provisioners/shell-local-options.js';

const render = (template: string, data: Record<string, string>): string =>
  template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? '');
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

function options(overrides: Partial<ShellLocalOptions>): ShellLocalOptions {
  return {
    environmentVars: [],
    executeCommand: [...DEFAULT_LOCAL_EXECUTE_COMMAND],
    inlineShebang: '/bin/sh -e',
    validExitCodes: [0],
    buildName: 'b1',
    builderType: 'qemu',
    ...overrides,
  };
}

async function run(opts: ShellLocalOptions, signal = new AbortController().signal) {
  const said: string[] = [];
  const lines: string[] = [];
  await runShellLocal(opts, {
    render,
    signal,
    sink: { say: (m) => said.push(m), onLine: (s, l) => lines.push(`${s}: ${l}`) },
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
    expect(lines).toEqual(["stdout: it's b1", 'stderr: warn']);
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
    expect(lines).toEqual(['stdout: a qemu', 'stdout: b']);
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
      `shell-local command: /bin/sh -c PACKER_BUILDER_TYPE='qemu' PACKER_BUILD_NAME='b1'  ${script}`,
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
    await runShellLocalPostProcessor(
      options({ inline: ['echo "$KILN_ARTIFACT_FILES|$KILN_ARTIFACT_FILE_1"'] }),
      { files: ['out/disk.qcow2', 'out/efivars.fd'], builderType: 'qemu' },
      {
        render,
        signal: new AbortController().signal,
        sink: { say: () => {}, onLine: (_, l) => lines.push(l) },
      },
    );
    expect(lines).toEqual(['out/disk.qcow2 out/efivars.fd|out/efivars.fd']);
  });
});
