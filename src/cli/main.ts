// Kiln's command line: parses arguments, wires signals and output, and hands off to a command.
import { runBuildCommand } from '../commands/build.js';
import { runValidateCommand } from '../commands/validate.js';
import { CancelledError } from '../core/errors.js';
import { PACKER_COMPAT_VERSION } from '../template/index.js';
import { consoleUiFactory } from '../ui/ui-factory.js';
import { type FlagSpec, formatFlagHelp, parseFlags, parseVarFlag, UsageError } from './flags.js';

export const KILN_VERSION = '0.1.0';

const TEMPLATE_FLAGS = {
  var: { kind: 'list', help: 'Variable for templates, can be used multiple times (-var name=value).' },
  'var-file': { kind: 'list', help: 'JSON file containing user variables, can be used multiple times.' },
} as const satisfies Record<string, FlagSpec>;

const BUILD_FLAGS = {
  ...TEMPLATE_FLAGS,
  force: { kind: 'bool', help: 'Replace an existing output directory.' },
  color: { kind: 'bool', help: 'Colour the output (default true on a terminal; -color=false disables).' },
  'timestamp-ui': { kind: 'bool', help: 'Prefix each output line with a timestamp (always on in CI).' },
  debug: { kind: 'bool', help: 'Show stack traces with errors.' },
} as const satisfies Record<string, FlagSpec>;

const VALIDATE_FLAGS = {
  ...TEMPLATE_FLAGS,
  'syntax-only': { kind: 'bool', help: 'Check only the template syntax.' },
} as const satisfies Record<string, FlagSpec>;

const USAGE = `Usage: kiln [--version] [--help] <command> [<args>]

Available commands are:
    build       build image(s) from template
    validate    check that a template is valid
    version     prints the Kiln version
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
        return await build(rest);
      case 'validate':
        return await validate(rest);
      case 'version':
      case '--version':
      case '-version':
      case '-v':
        process.stdout.write(`Kiln v${KILN_VERSION} (Packer ${PACKER_COMPAT_VERSION} template compatible)\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        process.stderr.write(`kiln: unknown command '${command}'\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kiln ${command}: ${error.message}\n`);
    return 1;
  }
}

function templateArg(command: string, positionals: string[], specs: Record<string, FlagSpec>): string {
  if (positionals.length !== 1) {
    throw new UsageError(
      `expected exactly one template file\n\nUsage: kiln ${command} [options] TEMPLATE\n\n${formatFlagHelp(specs)}`,
    );
  }
  return positionals[0] as string;
}

async function build(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help') || args.includes('-help'))
    return help('build', BUILD_FLAGS);
  const { flags, positionals } = parseFlags(args, BUILD_FLAGS);
  const templatePath = templateArg('build', positionals, BUILD_FLAGS);
  const ci = Boolean(process.env.CI) || !process.stdout.isTTY;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    process.stderr.write(`\n==> ${signal} received: cancelling the build and cleaning up...\n`);
    controller.abort(new CancelledError(`build cancelled by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runBuildCommand({
      templatePath,
      vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
      varFiles: (flags['var-file'] as string[] | undefined) ?? [],
      force: flags.force === true,
      env: process.env,
      signal: controller.signal,
      debug: flags.debug === true,
      createUi: consoleUiFactory({
        out: process.stdout,
        interactive: !ci,
        timestamps: ci || flags['timestamp-ui'] === true,
        color: (flags.color as boolean | undefined) ?? (!ci && !process.env.NO_COLOR),
      }),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function validate(args: string[]): Promise<number> {
  if (args.includes('-h') || args.includes('--help') || args.includes('-help'))
    return help('validate', VALIDATE_FLAGS);
  const { flags, positionals } = parseFlags(args, VALIDATE_FLAGS);
  return runValidateCommand({
    templatePath: templateArg('validate', positionals, VALIDATE_FLAGS),
    vars: ((flags.var as string[] | undefined) ?? []).map(parseVarFlag),
    varFiles: (flags['var-file'] as string[] | undefined) ?? [],
    syntaxOnly: flags['syntax-only'] === true,
    env: process.env,
    out: process.stdout,
    err: process.stderr,
  });
}

function help(command: string, specs: Record<string, FlagSpec>): number {
  process.stdout.write(`Usage: kiln ${command} [options] TEMPLATE\n\nOptions:\n\n${formatFlagHelp(specs)}\n`);
  return 0;
}
