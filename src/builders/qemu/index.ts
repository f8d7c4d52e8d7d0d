// The `qemu` builder as a registry entry: Packer's QEMU builder options, resolved and run.
import type { BuilderPlugin } from '../../plugins/plugin.js';
import { checkChecksumFile } from './config/check-checksum-file.js';
import type { QemuConfig } from './config/qemu-config.js';
import { QEMU_SCHEMA } from './config/qemu-schema.js';
import { resolveQemuConfig } from './config/resolve-qemu-config.js';
import { runQemuBuild } from './run-build.js';

export const qemuBuilder = {
  type: 'qemu',
  schema: QEMU_SCHEMA,
  resolve: (raw, path, env) => resolveQemuConfig(raw, env.buildName, path, env),
  run: runQemuBuild,
  check: checkChecksumFile,
} as const satisfies BuilderPlugin<'qemu', QemuConfig>;
