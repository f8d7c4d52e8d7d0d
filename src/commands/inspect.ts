// `kiln inspect`: the components a template defines, in Packer 1.6.6's words and machine-readable records.

import { resolve } from 'node:path';
import { createRedactor, type Redactor } from '../core/redact.js';
import type { JsonValue } from '../json/json-value.js';
import {
  decodeHcl2Builds,
  isHcl2TemplatePath,
  loadHcl2Template,
  printBuilds,
  printVariables,
  readTemplateFile,
} from '../template/index.js';
import { ProblemCollector } from '../template/problems.js';
import { type RawTemplate, readRawTemplate } from '../template/raw-template.js';
import { formatError } from '../ui/format-error.js';
import { createMachineReadableUi, type MachineUi } from '../ui/machine-readable-ui.js';

export interface InspectCommandOptions {
  templatePath: string;
  machineReadable: boolean;
  /** Directory the template path is relative to; defaults to process.cwd(). */
  cwd?: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  now?: () => Date;
  /** PKR_VAR_ values for an HCL2 template's variables; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** -var / -var-file: an HCL2 template's inspect shows the values they give (Packer ≥ 1.7's InspectArgs); a
   * JSON template's shows raw defaults, as Packer 1.6.6. */
  vars?: readonly (readonly [string, string])[];
  varFiles?: readonly string[];
}

export async function runInspectCommand(options: InspectCommandOptions): Promise<number> {
  let raw: RawTemplate;
  try {
    // Only the structure: inspect shows raw defaults and must work before required variables are set.
    const path = resolve(options.cwd ?? process.cwd(), options.templatePath);
    if (await isHcl2TemplatePath(path)) return await inspectHcl2(path, options);
    const document = await readTemplateFile(path);
    const problems = new ProblemCollector(document);
    // What Packer checks after parsing (no builders, only/except names) does not stop inspect either.
    raw = readRawTemplate(document.value, problems, new ProblemCollector(document));
    problems.throwIfAny();
  } catch (error) {
    inspectUi(options, (text) => text).error(`Failed to parse template: ${formatError(error)}`);
    return 1;
  }
  inspectTemplate(raw, inspectUi(options, createRedactor(sensitiveDefaults(raw))));
  return 0;
}

/** Packer's PackerConfig.InspectConfig: the variables and locals, then the builds as written. */
async function inspectHcl2(path: string, options: InspectCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const config = await loadHcl2Template(path, {
    vars: options.vars ?? [],
    varFiles: (options.varFiles ?? []).map((file) => resolve(cwd, file)),
    env: options.env ?? process.env,
    allowUnset: true,
    keepGoing: true,
    cwd,
    templateArg: options.templatePath,
  });
  const builds = decodeHcl2Builds(config, { keepGoing: true });
  const ui = inspectUi(options, config.redact);
  ui.say('Packer Inspect: HCL2 mode\n');
  ui.say(printVariables(config));
  ui.say(printBuilds(builds));
  return 0;
}

function inspectUi(options: InspectCommandOptions, redact: Redactor): MachineUi {
  return options.machineReadable
    ? createMachineReadableUi({ out: options.out, redact, ...(options.now ? { now: options.now } : {}) })
    : plainUi(options.out, options.err, redact);
}

/** inspect renders nothing, so the values to hide are the sensitive variables' literal defaults. */
function sensitiveDefaults(raw: RawTemplate): string[] {
  return raw.sensitiveVariables.flatMap((name) => {
    const value = raw.variables[name];
    return typeof value === 'string' ? [value] : [];
  });
}

/** Packer's human output: say → stdout lines, error → stderr; typed records are machine-only. */
function plainUi(out: NodeJS.WritableStream, err: NodeJS.WritableStream, redact: Redactor): MachineUi {
  return {
    say: (message) => out.write(`${redact(message)}\n`),
    message: (message) => out.write(`${redact(message)}\n`),
    error: (message) => err.write(`${redact(message)}\n`),
    progress: () => ({ update: () => {}, done: () => {} }),
    machine: () => {},
  };
}

/** A variable default as Packer's weak decoding shows it; null means required. */
export function describeDefault(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Packer 1.6.6's Core.InspectConfig over a parsed template. */
export function inspectTemplate(raw: RawTemplate, ui: MachineUi): void {
  ui.say('Packer Inspect: JSON mode');
  if (raw.description !== undefined && raw.description !== '') {
    ui.say('Description:\n');
    ui.say(`${raw.description}\n`);
  }
  inspectVariables(raw, ui);
  ui.say('');
  ui.say('Builders:\n');
  if (raw.builders.length === 0) ui.say('  <No builders>');
  const builders = [...raw.builders].sort((a, b) => compareStrings(a.name, b.name));
  const width = Math.max(0, ...builders.map((b) => b.name.length));
  for (const builder of builders) {
    const padded = `  ${builder.name.padEnd(width)}`;
    ui.machine('template-builder', builder.name, builder.type);
    ui.say(builder.name === builder.type ? padded : `${padded} (${builder.type})`);
  }
  ui.say('');
  ui.say('Provisioners:\n');
  if (raw.provisioners.length === 0) ui.say('  <No provisioners>');
  for (const provisioner of raw.provisioners) {
    ui.machine('template-provisioner', provisioner.type);
    ui.say(`  ${provisioner.type}`);
  }
  ui.say(
    "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.",
  );
}

function inspectVariables(raw: RawTemplate, ui: MachineUi): void {
  const names = Object.keys(raw.variables).sort(compareStrings);
  if (names.length === 0) {
    ui.say('Variables:\n');
    ui.say('  <No variables>');
    return;
  }
  // A sensitive variable shows <sensitive> even when its default is an expression; the UI's redactor hides
  // its literal default wherever else it appears (other defaults, the description, builder names).
  const shown = (name: string, value: JsonValue) =>
    raw.sensitiveVariables.includes(name) ? '<sensitive>' : describeDefault(value);
  const required = names.filter((name) => raw.variables[name] === null);
  if (required.length > 0) {
    ui.say('Required variables:\n');
    for (const name of required) {
      ui.machine('template-variable', name, raw.sensitiveVariables.includes(name) ? '<sensitive>' : '', '1');
      ui.say(`  ${name}`);
    }
    ui.say('');
  }
  ui.say('Optional variables and their defaults:\n');
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const value = raw.variables[name];
    if (value === null || value === undefined) continue;
    ui.machine('template-variable', name, shown(name, value), '0');
    ui.say(`  ${name.padEnd(width)} = ${shown(name, value)}`);
  }
}

/** Go's sort.Strings order: by UTF-8 bytes, not by locale. */
function compareStrings(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
