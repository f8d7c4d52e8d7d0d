// `kiln cache ls|prune|clear` arguments: one action, no flags.
import { type CacheAction, runCacheCommand } from '../commands/cache.js';
import { UsageError } from './flags.js';
import { wantsHelp } from './shared-flags.js';

const ACTIONS: readonly CacheAction[] = ['ls', 'prune', 'clear'];

const HELP = `Usage: kiln cache ls|prune|clear

  Manages the snapshots \`kiln build -cache\` records (in $KILN_CACHE_DIR/snapshots).

    ls      lists the snapshots, least recently used first, with their size and what made them
    prune   removes unusable entries and leftovers of interrupted builds, then the least recently used
            snapshots until the cache fits KILN_CACHE_MAX (default 20G)
    clear   removes every snapshot (cached ISOs stay)
`;

export async function cacheCli(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(HELP);
    return 0;
  }
  const [action, ...rest] = args;
  if (!ACTIONS.includes(action as CacheAction) || rest.length > 0) {
    throw new UsageError(`expected one of ${ACTIONS.join(', ')}, got '${args.join(' ')}'\n\n${HELP}`);
  }
  return runCacheCommand(action as CacheAction, { env: process.env, out: process.stdout });
}
