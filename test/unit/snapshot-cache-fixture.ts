// Test helper for the snapshot cache with the fake QEMU driver: temporary cache roots, hand-made entries and a
// build context with -cache and three keyable provisioners.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import { planSnapshots } from '../../src/builders/qemu/steps/plan-snapshots.js';
import type { RunnableProvisioner } from '../../src/plugins/plugin.js';
import { DISK_FILE, ENTRY_VERSION, STATE_FILE } from '../../src/snapshot-cache/entry.js';
import { commitEntry, stageEntry } from '../../src/snapshot-cache/store.js';
import { FakeQmp } from './fake-qemu-driver.js';
import type { StepHarness } from './qemu-step-harness.js';

export const never = new AbortController().signal;
export const VERSION = 'QEMU emulator version 7.2.0 (fake)';

type Harness = (options?: {
  config?: Record<string, unknown>;
  provisioners?: RunnableProvisioner[];
}) => StepHarness;

/** Call at the top of a test file: each test's cache roots are removed afterwards. */
export function useTempRoots(): () => Promise<string> {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });
  return async () => {
    const root = await mkdtemp(join(tmpdir(), 'kiln-snapshots-'));
    roots.push(root);
    return root;
  };
}

export interface EntryOptions {
  qemuVersion?: string;
  bytes?: number;
  /** Files beside the disk and state (efivars.fd), by name. */
  extra?: Record<string, string>;
}

export async function addEntry(root: string, key: string, done: number, options: EntryOptions = {}) {
  const { qemuVersion = VERSION, bytes = 100, extra = {} } = options;
  const staging = await stageEntry(root);
  await writeFile(join(staging, DISK_FILE), Buffer.alloc(bytes, 1));
  await writeFile(join(staging, STATE_FILE), `state of ${key}`);
  for (const [name, text] of Object.entries(extra)) await writeFile(join(staging, name), text);
  const entry = { version: ENTRY_VERSION, key, provisionersDone: done, template: 't.json', build: 'qemu' };
  const meta = { qemuVersion, costMs: 221_000 + done, createdAt: new Date().toISOString() };
  const names = [DISK_FILE, STATE_FILE, ...Object.keys(extra)];
  return commitEntry(root, staging, { ...entry, ...meta }, names, never);
}

/** A provisioner the cache can key: its definition, and the local files it reads (null: it cannot name them). */
export function keyedProvisioner(definition: string, localInputs: string[] | null = []): RunnableProvisioner {
  return {
    type: 'shell',
    config: {},
    only: [],
    except: [],
    applies: true,
    pauseBeforeMs: 0,
    maxRetries: 0,
    timeoutMs: 0,
    path: `provisioners.${definition}`,
    run: async () => {},
    identity: { definition, localInputs: localInputs ?? undefined },
  };
}

/** A build with -cache into `root`: the state plan-snapshots needs, as the steps before it leave it. */
export function buildWithCache(harness: Harness, root: string, config: Record<string, unknown> = {}) {
  const h = harness({ config, provisioners: ['a', 'b', 'c'].map((name) => keyedProvisioner(name)) });
  const ctx: QemuBuildContext = {
    ...h.ctx,
    snapshotCache: { root, maxBytes: 1024 ** 3, template: 't.json', variables: {} },
  };
  ctx.state.outputDir = join(h.dir, 'output');
  ctx.state.diskPath = join(h.dir, 'disk.qcow2');
  ctx.state.isoPath = join(h.dir, 'install.iso');
  ctx.state.isoChecksum = 'sha256:abc';
  ctx.state.accelerator = 'tcg';
  return { ...h, ctx };
}

/** The keys this build would use, found by a first plan with an empty cache. */
export async function keysOf(
  harness: Harness,
  root: string,
  config: Record<string, unknown> = {},
  prepare: (ctx: QemuBuildContext) => void = () => {},
): Promise<readonly string[]> {
  const { ctx } = buildWithCache(harness, root, config);
  prepare(ctx);
  await planSnapshots().run(ctx, never);
  return ctx.state.snapshots?.keys ?? [];
}

/** A QMP connection whose migrations succeed and write the state file the `exec:cat > '…'` URI names. */
export function migratingQmp(): FakeQmp {
  const qmp = new FakeQmp();
  qmp.onCommand = async (execute, args) => {
    if (execute === 'query-migrate') return { status: 'completed' };
    if (execute === 'migrate')
      await writeFile(/^exec:cat > '(.*)'$/.exec(String(args?.uri))?.[1] as string, 'vm state');
    return undefined;
  };
  return qmp;
}
