// Waits for the guest's sshd: ready means a completed handshake and login, not an open port (QEMU's forward
// accepts TCP before the guest listens). Fails at once if the VM dies, and says what it saw last. With
// pause_before_connecting it then pauses and connects again, as Packer's StepConnect.
import type { SshCommunicator } from '../../../communicators/ssh-communicator.js';
import { sshOptionsFromConfig } from '../../../communicators/ssh-config-options.js';
import { waitForSsh } from '../../../communicators/wait-for-ssh.js';
import { formatDuration } from '../../../core/format.js';
import type { Step } from '../../../core/runner.js';
import { abortableSleep } from '../../../core/wait.js';
import { need, type QemuBuildContext } from '../build-context.js';
import { whileVmAlive } from '../vm-monitor.js';

/** In CI nothing else shows that a long install is alive: say so this often. */
const HEARTBEAT_MS = 15_000;

export function connectSsh(): Step<QemuBuildContext> {
  let communicator: SshCommunicator | undefined;
  return {
    name: 'connect-ssh',
    async run(ctx, signal) {
      const { config, state } = ctx;
      const monitor = need(state, 'monitor');
      const host = config.sshHost ?? '127.0.0.1';
      const port = state.sshHostPort ?? config.sshPort;
      const timeout = config.sshTimeoutMs
        ? `up to ${formatDuration(config.sshTimeoutMs)}`
        : 'without a time limit';
      ctx.ui.say(`Waiting ${timeout} for SSH on ${host}:${port}...`);
      const started = Date.now();
      let lastNote = started;
      const onAttempt = ({ error }: { error: string }) => {
        if (Date.now() - lastNote < HEARTBEAT_MS) return;
        lastNote = Date.now();
        ctx.ui.message(`still waiting for SSH after ${formatDuration(lastNote - started)} (last: ${error})`);
      };
      const options = sshOptionsFromConfig(config, ctx.env, state.sshKey?.privateKey);
      const connect = () =>
        whileVmAlive(monitor, signal, (alive) =>
          waitForSsh({
            host,
            port,
            ...options,
            signal: alive,
            isAlive: () => monitor.deadReason(),
            onAttempt,
            log: ctx.log.scoped('ssh'),
          }).catch((error: unknown) => {
            throw withHttpLog(error, ctx);
          }),
        );
      communicator = await connect();
      ctx.ui.message(`Connected to SSH after ${formatDuration(Date.now() - started)}`);
      if (config.pauseBeforeConnectingMs > 0) {
        ctx.ui.say(`Pausing ${formatDuration(config.pauseBeforeConnectingMs)} before connecting...`);
        await communicator.close();
        communicator = undefined;
        await whileVmAlive(monitor, signal, (alive) => abortableSleep(config.pauseBeforeConnectingMs, alive));
        communicator = await connect();
      }
      state.communicator = communicator;
    },
    async cleanup() {
      await communicator?.close();
    },
  };
}

/** When SSH never came, what the guest fetched from the HTTP server is the best clue to where it stopped. */
function withHttpLog(error: unknown, ctx: QemuBuildContext): unknown {
  const http = ctx.state.http;
  if (!http || !(error instanceof Error)) return error;
  const requests = http.requests();
  const summary = requests.length
    ? `the guest made ${requests.length} HTTP request(s): ${requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join(', ')}`
    : 'the guest never requested anything from the HTTP server (was the boot command typed into the right screen?)';
  error.message = `${error.message}\n${summary}`;
  return error;
}
