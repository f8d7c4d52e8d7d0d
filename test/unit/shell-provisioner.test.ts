import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Communicator, RunResult } from '../../src/communicators/communicator.js';
import type { SshCommunicator } from '../../src/communicators/ssh-communicator.js';
import { waitForSsh } from '../../src/communicators/wait-for-ssh.js';
import { KilnError } from '../../src/core/errors.js';
import type { Ui } from '../../src/core/ui.js';
import type { ShellProvisionerConfig } from '../../src/provisioners/shell/config.js';
import { runShellProvisioner } from '../../src/provisioners/shell/run.js';
import { type SshdFixture, startSshd } from './ssh-sshd-fixture.js';

const signal = new AbortController().signal;
const render = (template: string, data: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => String(data[key] ?? ''));

let sshd: SshdFixture;
let comm: SshCommunicator;
let dir: string;

beforeAll(async () => {
  sshd = await startSshd();
  comm = await waitForSsh({
    host: '127.0.0.1',
    port: sshd.port,
    username: 'root',
    privateKey: sshd.ed25519Key,
    timeoutMs: 10_000,
    handshakeAttempts: 1,
    signal,
  });
  dir = mkdtempSync(join(tmpdir(), 'kiln-shell-'));
});
afterAll(async () => {
  await comm?.close();
  await sshd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Options = Partial<ShellProvisionerConfig> & { script?: string; buildName?: string; httpAddr?: string };

/** A config as the plugin resolves it with Packer's defaults (remote path in the test's directory). */
function options(overrides: Options): ShellProvisionerConfig & { buildName?: string; httpAddr?: string } {
  const { script, ...rest } = overrides;
  return {
    type: 'shell',
    inline: undefined,
    scripts: script === undefined ? [] : [script],
    environmentVars: [],
    envVarFormat: "%s='%s' ",
    useEnvVarFile: false,
    executeCommand: 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}',
    inlineShebang: undefined,
    remoteFolder: dir,
    remoteFile: 'script.sh',
    remotePath: join(dir, `script_${Math.floor(Math.random() * 9999)}.sh`),
    validExitCodes: [0],
    expectDisconnect: false,
    skipClean: false,
    startRetryTimeoutMs: 5_000,
    binary: false,
    pauseAfterMs: 0,
    ...rest,
  };
}

async function provision(
  opts: ShellProvisionerConfig & { buildName?: string; httpAddr?: string },
  communicator: Communicator = comm,
) {
  const said: string[] = [];
  const lines: string[] = [];
  const ui: Ui = {
    say: (m) => said.push(m),
    message: (line) => lines.push(line),
    error: (line) => lines.push(`error: ${line}`),
    progress: () => ({ update: () => {}, done: () => {} }),
  };
  await runShellProvisioner(opts, {
    communicator,
    ui,
    render,
    signal,
    buildName: opts.buildName ?? 'qemu',
    builderType: 'qemu',
    httpAddr: opts.httpAddr,
  });
  return { said, lines };
}

function writeScript(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('shell provisioner over real SSH', () => {
  it('runs inline lines under /bin/sh -e, streams lines, then removes the remote script', async () => {
    const opts = options({
      inline: ['echo one', 'echo two >&2', 'false', 'echo never'],
      validExitCodes: [1],
    });
    const { said, lines } = await provision(opts);
    expect(said).toEqual(['Provisioning with shell script: inline script']);
    expect(lines).toEqual(['one', 'two']);
    expect(existsSync(opts.remotePath)).toBe(false);
  });

  it('keeps a first inline #! line as the shebang when none was configured', async () => {
    const { lines } = await provision(
      options({ inline: ['#!/bin/bash', 'echo "bash=$' + '{BASH_VERSION:+yes}"'] }),
    );
    expect(lines).toEqual(['bash=yes']);
  });

  it('runs a script file with CRLF line endings converted', async () => {
    const script = writeScript('crlf.sh', '#!/bin/sh\r\necho "crlf-ok"\r\nexit 0');
    const { lines, said } = await provision(options({ script }));
    expect(said).toEqual([`Provisioning with shell script: ${script}`]);
    expect(lines).toEqual(['crlf-ok']);
  });

  it('runs several scripts in order through the same remote path', async () => {
    const a = writeScript('a.sh', 'echo "a at $0"\n');
    const b = writeScript('b.sh', 'echo "b at $0"\n');
    const opts = options({ scripts: [a, b] });
    const { lines } = await provision(opts);
    expect(lines).toEqual([`a at ${opts.remotePath}`, `b at ${opts.remotePath}`]);
  });

  it('passes environment_vars quoted and the PACKER_* variables (and their KILN_* twins)', async () => {
    const { lines } = await provision(
      options({
        inline: [
          'echo "$FOO|$EMPTY|$PACKER_BUILD_NAME|$PACKER_BUILDER_TYPE|$PACKER_HTTP_IP|$PACKER_HTTP_PORT"',
          'echo "$PACKER_HTTP_ADDR|$KILN_BUILD_NAME|$KILN_BUILDER_TYPE|$KILN_HTTP_ADDR|$KILN_HTTP_IP|$KILN_HTTP_PORT"',
        ],
        environmentVars: ["FOO=it's a=b", 'EMPTY='],
        buildName: 'my-build',
        httpAddr: '10.0.2.2:8123',
      }),
    );
    expect(lines).toEqual([
      "it's a=b||my-build|qemu|10.0.2.2|8123",
      '10.0.2.2:8123|my-build|qemu|10.0.2.2:8123|10.0.2.2|8123',
    ]);
  });

  it('use_env_var_file: uploads the variables to <remote_folder>/varfile_<n>.sh, sources it, then removes it', async () => {
    const commands: string[] = [];
    const watching: Communicator = {
      upload: (source, path, opts) => comm.upload(source, path, opts),
      download: (remote, localPath, opts) => comm.download(remote, localPath, opts),
      close: async () => {},
      run: (command, opts) => {
        commands.push(command);
        return comm.run(command, opts);
      },
    };
    const { lines } = await provision(
      options({
        inline: ['echo "$FOO|$PACKER_BUILD_NAME|$(stat -c %a "$0")"'],
        environmentVars: ["FOO=it's here"],
        useEnvVarFile: true,
        envVarFormat: "export %s='%s'\n",
        remoteFolder: dir,
        executeCommand: 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}',
        buildName: 'env-file',
      }),
      watching,
    );
    expect(lines).toEqual(["it's here|env-file|755"]);
    const run = commands.find((c) => c.includes(' && '));
    const envFile = run?.match(/; \. (\S+) && /)?.[1];
    expect(envFile).toMatch(new RegExp(`^${dir}/varfile_\\d+\\.sh$`));
    expect(commands).toContain(`chmod 0600 ${envFile}`);
    expect(commands.at(-1)).toBe(`rm -f ${envFile}`);
    expect(existsSync(envFile ?? '')).toBe(false);
  });

  it('env_var_format shapes {{.Vars}}', async () => {
    const { lines } = await provision(
      options({
        inline: ['echo "$FOO"'],
        environmentVars: ['FOO=bar'],
        envVarFormat: "%s='%s-formatted' ",
        executeCommand: '{{.Vars}} sh {{.Path}}',
      }),
    );
    expect(lines).toEqual(['bar-formatted']);
  });

  it('renders a custom execute_command with {{.Vars}} and {{.Path}}', async () => {
    const { lines } = await provision(
      options({
        inline: ['echo "$X"'],
        environmentVars: ['X=1'],
        executeCommand: "echo start; {{.Vars}} sh -eu '{{.Path}}'",
      }),
    );
    expect(lines).toEqual(['start', '1']);
  });

  it("fails on a non-zero exit with Packer's message, naming the script, and keeps output", async () => {
    const script = writeScript('fail.sh', 'echo before\nexit 7\n');
    const error = await provision(options({ script })).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.code).toBe('provisioner');
    expect(error.message).toBe(
      `Script exited with non-zero exit status: 7. Allowed exit codes are: [0] (script: ${script})`,
    );
  });

  it('accepts exit codes listed in valid_exit_codes', async () => {
    await provision(options({ inline: ['exit 3'], validExitCodes: [0, 3] }));
  });

  it('skip_clean leaves the remote script in place', async () => {
    const opts = options({ inline: ['true'], skipClean: true });
    await provision(opts);
    expect(existsSync(opts.remotePath)).toBe(true);
  });

  it('fails when the script disconnects unexpectedly', async () => {
    const error = await provision(options({ inline: ['kill -KILL $PPID', 'sleep 5'] })).catch((e) => e);
    expect(error).toBeInstanceOf(KilnError);
    expect(error.message).toMatch(
      /^Script disconnected unexpectedly \(inline script\)\. .*"expect_disconnect": true/,
    );
  });

  it('with expect_disconnect, a disconnect succeeds and cleanup reconnects', async () => {
    const opts = options({ inline: ['kill -KILL $PPID', 'sleep 5'], expectDisconnect: true });
    await provision(opts);
    expect(existsSync(opts.remotePath)).toBe(false);
  });
});

describe('shell provisioner start retry', () => {
  it('retries upload + start while the guest is unreachable, within start_retry_timeout', async () => {
    let uploads = 0;
    const commands: string[] = [];
    const flaky: Communicator = {
      upload: async () => {
        uploads++;
        if (uploads === 1) throw new Error('connection refused');
      },
      run: async (command): Promise<RunResult> => {
        commands.push(command);
        return { exitCode: 0 };
      },
      download: async () => {},
      close: async () => {},
    };
    await provision(options({ inline: ['true'], remotePath: '/tmp/script_1.sh' }), flaky);
    expect(uploads).toBe(2);
    expect(commands).toEqual([
      'chmod 0755 /tmp/script_1.sh',
      "chmod +x /tmp/script_1.sh; KILN_BUILDER_TYPE='qemu' KILN_BUILD_NAME='qemu' PACKER_BUILDER_TYPE='qemu' PACKER_BUILD_NAME='qemu'  /tmp/script_1.sh",
      'rm -f /tmp/script_1.sh',
    ]);
  });

  it('gives up after start_retry_timeout with the last error', async () => {
    const broken: Communicator = {
      upload: async () => {
        throw new Error('connection refused');
      },
      run: async () => ({ exitCode: 0 }),
      download: async () => {},
      close: async () => {},
    };
    const error = await provision(options({ inline: ['true'], startRetryTimeoutMs: 100 }), broken).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(KilnError);
    expect(error.message).toBe(
      'starting shell script inline script failed after 1 attempt(s): connection refused',
    );
  });
});

describe('shell provisioner across a guest reboot', () => {
  it('reconnects once sshd is back and runs the next script, never re-running the one that rebooted', async () => {
    const first = await startSshd({ keys: sshd });
    let second: SshdFixture | undefined;
    const own = await waitForSsh({
      host: '127.0.0.1',
      port: first.port,
      username: 'root',
      privateKey: sshd.ed25519Key,
      timeoutMs: 10_000,
      handshakeAttempts: 1,
      signal,
    });
    const marker = join(dir, `reboot-${Math.random()}`);
    // "Reboot": the listening sshd goes away, then this session's connection drops.
    const reboot = writeScript(
      'reboot.sh',
      `echo a >> ${marker}\nkill $(cat ${first.dir}/pid)\nkill -KILL $PPID\n`,
    );
    const after = writeScript('after.sh', `echo b >> ${marker}\n`);
    const restart = (async () => {
      while (!existsSync(marker)) await sleep(50);
      await sleep(1_500);
      second = await startSshd({ port: first.port, keys: sshd });
    })();
    try {
      await provision(
        options({ scripts: [reboot, after], expectDisconnect: true, startRetryTimeoutMs: 20_000 }),
        own,
      );
      await restart;
      expect(readFileSync(marker, 'utf8')).toBe('a\nb\n');
    } finally {
      await restart.catch(() => {});
      await own.close();
      await first.stop();
      await second?.stop();
    }
  }, 30_000);

  it('does not run a command again after it stalled past ssh_read_write_timeout', async () => {
    const stalling = await waitForSsh({
      host: '127.0.0.1',
      port: sshd.port,
      username: 'root',
      privateKey: sshd.ed25519Key,
      timeoutMs: 10_000,
      handshakeAttempts: 1,
      signal,
      // 3 s: on a loaded machine the script's upload alone can be silent for over a second.
      session: { readWriteTimeoutMs: 3_000 },
    });
    const marker = join(dir, `stall-${Math.random()}`);
    try {
      const error = await provision(
        options({ inline: [`echo run >> ${marker}`, 'sleep 12'] }),
        stalling,
      ).catch((e) => e);
      expect(error).toBeInstanceOf(KilnError);
      expect(error.message).toMatch(/no data for/);
      expect(readFileSync(marker, 'utf8')).toBe('run\n');
    } finally {
      await stalling.close();
    }
  });
});
