// Kiln's command line: picks the command; each command's flags live in src/cli/commands/.
import { PACKER_COMPAT_VERSION } from '../template/index.js';
import { buildCli } from './commands/build.js';
import { validateCli } from './commands/validate.js';
import { UsageError } from './flags.js';

export const KILN_VERSION = '0.1.0';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  build: { summary: 'build image(s) from template', run: buildCli },
  validate: { summary: 'check that a template is valid', run: validateCli },
  version: { summary: 'prints the Kiln version', run: async () => printVersion() },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `    ${name.padEnd(12)}${summary}`);
  return `Usage: kiln [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n${lines.join('\n')}\n`;
}

function printVersion(): number {
  process.stdout.write(`Kiln v${KILN_VERSION} (Packer ${PACKER_COMPAT_VERSION} template compatible)\n`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-version' || name === '-v') return printVersion();
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
