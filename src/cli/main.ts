// src/cli/ parses flags only; src/commands/ runs them. Picks the command; its flags are in <command>-flags.ts.
import { PACKER_COMPAT_VERSION } from '../template/index.js';
import { buildCli } from './build-flags.js';
import { consoleCli } from './console-flags.js';
import { doctorCli } from './doctor-flags.js';
import { fixCli } from './fix-flags.js';
import { UsageError } from './flags.js';
import { inspectCli } from './inspect-flags.js';
import { dropWritesToClosedOutput } from './interruptions.js';
import { validateCli } from './validate-flags.js';

export const KILN_VERSION = '0.1.0';

interface Command {
  summary: string;
  run: (args: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  build: { summary: 'build image(s) from template', run: buildCli },
  console: { summary: 'creates a console for testing variable interpolation', run: consoleCli },
  doctor: { summary: 'checks what this machine can build with (QEMU, KVM, disk)', run: doctorCli },
  fix: { summary: 'fixes templates from old versions of Packer', run: fixCli },
  inspect: { summary: 'see components of a template', run: inspectCli },
  validate: { summary: 'check that a template is valid', run: validateCli },
  version: { summary: 'prints the Kiln version', run: versionCli },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `    ${name.padEnd(12)}${summary}`);
  return `Usage: kiln [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n${lines.join('\n')}\n`;
}

export function versionText(): string {
  return `Kiln v${KILN_VERSION} (Packer ${PACKER_COMPAT_VERSION} template compatible)\n`;
}

async function versionCli(args: string[]): Promise<number> {
  if (args.some((arg) => arg === '-h' || arg === '-help' || arg === '--help')) {
    process.stdout.write('Usage: kiln version\n\n  Prints the Kiln version.\n');
    return 0;
  }
  if (args.length > 0) throw new UsageError(`takes no arguments, got '${args.join(' ')}'`);
  process.stdout.write(versionText());
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-version' || name === '-v') return versionCli([]);
  if (name === undefined || name === 'help' || name === '--help' || name === '-help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`kiln: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kiln ${name}: ${error.message}\n`);
    return 1;
  }
}

/** bin/kiln.js: main() in the real process, which exits with its code once pending cleanup has run. */
export async function runCli(argv: readonly string[]): Promise<void> {
  dropWritesToClosedOutput();
  process.exitCode = await main(argv);
}
