// src/cli/ parses flags only; src/commands/ runs them. Picks the command; its flags are in <command>-flags.ts.
import { PACKER_COMPAT_VERSION } from '../template/index.js';
import { formatMachineRecord } from '../ui/machine-readable.js';
import { type MachineRecordStreams, machineRecordStreams } from '../ui/machine-record-stream.js';
import { buildCli } from './build-flags.js';
import { cacheCli } from './cache-flags.js';
import { consoleCli } from './console-flags.js';
import { doctorCli } from './doctor-flags.js';
import { fixCli } from './fix-flags.js';
import { UsageError } from './flags.js';
import { fmtCli } from './fmt-flags.js';
import { hcl2UpgradeCli } from './hcl2-upgrade-flags.js';
import { inspectCli } from './inspect-flags.js';
import { dropWritesToClosedOutput } from './interruptions.js';
import { validateCli } from './validate-flags.js';

export const KILN_VERSION = '0.1.0';

/** Where a command's plain output goes: the terminal, or `ui` records under -machine-readable. */
type CommandIo = MachineRecordStreams;

interface Command {
  summary: string;
  run: (args: string[], io: CommandIo) => Promise<number>;
  /** The command writes its own typed records: -machine-readable is passed to it as its flag. */
  machineFlag?: true;
}

const COMMANDS: Record<string, Command> = {
  build: { summary: 'build image(s) from template', run: buildCli, machineFlag: true },
  cache: { summary: 'lists or removes the snapshots of build -cache', run: cacheCli },
  console: { summary: 'creates a console for testing variable interpolation', run: consoleCli },
  doctor: { summary: 'checks what this machine can build with (QEMU, KVM, disk)', run: doctorCli },
  fix: { summary: 'fixes templates from old versions of Packer', run: fixCli },
  fmt: { summary: 'rewrites HCL2 config files to canonical format', run: fmtCli },
  hcl2_upgrade: { summary: 'transform a JSON template into an HCL2 configuration', run: hcl2UpgradeCli },
  inspect: { summary: 'see components of a template', run: inspectCli, machineFlag: true },
  validate: { summary: 'check that a template is valid', run: validateCli },
  version: { summary: 'prints the Kiln version', run: versionCli },
};

export function usage(): string {
  // As Packer's (mitchellh/cli) list: names padded to the longest one plus four spaces.
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 4;
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `    ${name.padEnd(width)}${summary}`);
  return `Usage: kiln [--version] [--help] <command> [<args>]\n\nAvailable commands are:\n${lines.join('\n')}\n`;
}

export function versionText(): string {
  return `Kiln v${KILN_VERSION} (Packer ${PACKER_COMPAT_VERSION} template compatible)\n`;
}

async function versionCli(args: string[], io: CommandIo): Promise<number> {
  if (args.some((arg) => arg === '-h' || arg === '-help' || arg === '--help')) {
    io.out.write('Usage: kiln version\n\n  Prints the Kiln version.\n');
    return 0;
  }
  if (args.length > 0) throw new UsageError(`takes no arguments, got '${args.join(' ')}'`);
  io.out.write(versionText());
  return 0;
}

/** Packer's `version` records under -machine-readable, before its `ui,say` line. */
function machineVersion(): void {
  const timestamp = Math.floor(Date.now() / 1000);
  for (const [type, value] of [
    ['version', KILN_VERSION],
    ['version-prelease', ''],
    ['version-commit', ''],
  ] as const)
    process.stdout.write(`${formatMachineRecord({ timestamp, target: '', type, data: [value] })}\n`);
}

/** Packer takes -machine-readable anywhere on the command line (before `--`): `kiln -machine-readable build …`. */
function extractMachineReadable(argv: readonly string[]): { args: string[]; machineReadable: boolean } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const isFlag = (arg: string, i: number) =>
    i < end && (arg === '-machine-readable' || arg === '--machine-readable');
  const args = argv.filter((arg, i) => !isFlag(arg, i));
  return { args, machineReadable: args.length !== argv.length };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { args, machineReadable } = extractMachineReadable(argv);
  const [name, ...rest] = args;
  // As `packer -v`: the bare version number.
  if (name === '--version' || name === '-version' || name === '-v') {
    process.stdout.write(`${KILN_VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`kiln: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  const io = machineReadable
    ? machineRecordStreams(process.stdout)
    : { out: process.stdout, err: process.stderr };
  if (machineReadable && name === 'version') machineVersion();
  try {
    return await command.run(
      machineReadable && command.machineFlag ? ['-machine-readable', ...rest] : rest,
      io,
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err.write(`kiln ${name}: ${error.message}\n`);
    return 1;
  }
}

/** bin/kiln.js: main() in the real process, which exits with its code once pending cleanup has run. */
export async function runCli(argv: readonly string[]): Promise<void> {
  dropWritesToClosedOutput();
  process.exitCode = await main(argv);
}
