// `kiln hcl2_upgrade` arguments (Packer's `hcl2_upgrade`).
import { runHcl2UpgradeCommand } from '../commands/hcl2-upgrade.js';
import { type FlagSpec, formatFlagHelp, parseFlags, UsageError } from './flags.js';
import { wantsHelp } from './shared-flags.js';

export const HCL2_UPGRADE_FLAGS = {
  'output-file': {
    kind: 'string',
    help: 'Output file name (default: TEMPLATE with ".pkr.hcl" appended); an HCL2 template must end in .pkr.hcl.',
  },
  'with-annotations': {
    kind: 'bool',
    help: 'Add comments that explain the HCL2 blocks to new HCL2 users.',
  },
} as const satisfies Record<string, FlagSpec>;

function helpText(): string {
  return (
    'Usage: kiln hcl2_upgrade [options] TEMPLATE\n\n' +
    '  Will transform your JSON template into an HCL2 configuration.\n\n' +
    `Options:\n\n${formatFlagHelp(HCL2_UPGRADE_FLAGS)}\n`
  );
}

export async function hcl2UpgradeCli(
  args: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = {
    out: process.stdout,
    err: process.stderr,
  },
): Promise<number> {
  if (wantsHelp(args)) {
    io.out.write(helpText());
    return 0;
  }
  const { flags, positionals } = parseFlags(args, HCL2_UPGRADE_FLAGS);
  const [template] = positionals;
  if (template === undefined || positionals.length !== 1)
    throw new UsageError(`expected exactly one template file\n\n${helpText()}`);
  const outputFile = flags['output-file'];
  return runHcl2UpgradeCommand({
    templatePath: template,
    outputFile: typeof outputFile === 'string' && outputFile !== '' ? outputFile : `${template}.pkr.hcl`,
    withAnnotations: flags['with-annotations'] === true,
    cwd: process.cwd(),
    out: io.out,
    err: io.err,
  });
}
