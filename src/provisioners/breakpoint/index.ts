// The `breakpoint` provisioner (Packer 1.6.6): pauses the build with its note until Enter is pressed on the
// user's terminal; continues at once when disabled or when stdin is not a terminal.
import type { JsonObject, KeyPath } from '../../json/json-value.js';
import type { ProvisionContext, ProvisionerPlugin } from '../../plugins/plugin.js';
import { type DecodeEnv, decodeConfig } from '../../template/decode/decode-config.js';
import { readFields } from '../../template/decode/field-reader.js';

export interface BreakpointConfig {
  readonly type: 'breakpoint';
  readonly note: string;
  readonly disable: boolean;
}

const BREAKPOINT_SCHEMA = {
  fields: { note: { kind: 'string' }, disable: { kind: 'bool' } },
} as const;

function resolveBreakpointConfig(raw: JsonObject, path: KeyPath, env: DecodeEnv): BreakpointConfig {
  const f = readFields(decodeConfig(raw, BREAKPOINT_SCHEMA, path, env));
  return { type: 'breakpoint', note: f.string('note') ?? '', disable: f.bool('disable') ?? false };
}

async function runBreakpoint(config: BreakpointConfig, ctx: ProvisionContext): Promise<void> {
  const withNote = config.note ? ` with note "${config.note}"` : '';
  if (config.disable) {
    ctx.ui.say(`Breakpoint provisioner${withNote} disabled; continuing...`);
    return;
  }
  if (ctx.waitForEnter === undefined) {
    ctx.ui.say(`Breakpoint provisioner${withNote}: stdin is not a terminal; continuing without pausing.`);
    return;
  }
  ctx.ui.say(`Pausing at breakpoint provisioner${withNote}.`);
  await ctx.waitForEnter('Press enter to continue.');
}

export const breakpointProvisioner = {
  type: 'breakpoint',
  schema: BREAKPOINT_SCHEMA,
  resolve: resolveBreakpointConfig,
  run: runBreakpoint,
  localInputs: () => [],
} as const satisfies ProvisionerPlugin<'breakpoint', BreakpointConfig>;
