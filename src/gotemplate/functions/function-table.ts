// The template function table: each entry declares its parameters and gets the render context when called.

import type { BoundFunction, ParamType, TemplateRecord, TemplateValue } from '../values.js';

/** Where a string is being rendered; decides which functions and values are available. */
export type RenderPhase = 'variables' | 'config' | 'runtime';

export interface FunctionContext {
  readonly phase: RenderPhase;
  /** Absolute path of the template file. */
  readonly templatePath: string;
  readonly cwd: string;
  /** Fixed per run: `timestamp`, `isotime` and `strftime` all use it. */
  readonly initTime: Date;
  /** What `uuid` returns instead of a fresh UUID: the snapshot cache's keys must not change every run. */
  readonly fixedUuid?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolved user variables (during the variables phase: those resolved so far). */
  readonly userVariables: ReadonlyMap<string, string>;
  /** Declared variables still being resolved (variables phase only). */
  readonly pendingVariables?: ReadonlySet<string>;
  readonly buildName?: string;
  readonly buildType?: string;
  /**
   * Called for `{{user \`x\`}}` when x is not declared; `user` then renders "" as Packer 1.6.6 does.
   * Without it an undeclared variable is an error.
   */
  readonly onUndefinedVariable?: (name: string, message: string) => void;
  /** Template data (`.Fields`); `build` reads from it too. */
  readonly data: TemplateRecord;
  /** `vault` / `consul_key` values read before the variables render, by secretKey(); an Error is reported. */
  readonly secrets?: ReadonlyMap<string, string | Error>;
}

/** The key of a `vault "path" "key"` or `consul_key "key"` lookup in FunctionContext.secrets. */
export function secretKey(store: 'vault' | 'consul', ...args: readonly string[]): string {
  return [store, ...args].join('\0');
}

export interface TemplateFunctionSpec {
  readonly params: readonly ParamType[];
  readonly variadic?: ParamType;
  readonly call: (args: readonly TemplateValue[], ctx: FunctionContext) => TemplateValue;
}

export type FunctionTable = ReadonlyMap<string, TemplateFunctionSpec>;

/** Builds a table from an object literal; later issues add functions with `extendFunctionTable`. */
export function defineFunctionTable(entries: Readonly<Record<string, TemplateFunctionSpec>>): FunctionTable {
  return new Map(Object.entries(entries));
}

export function extendFunctionTable(
  base: FunctionTable,
  extra: Readonly<Record<string, TemplateFunctionSpec>>,
): FunctionTable {
  return new Map([...base, ...Object.entries(extra)]);
}

export function bindFunctions(table: FunctionTable, ctx: FunctionContext): Map<string, BoundFunction> {
  const bound = new Map<string, BoundFunction>();
  for (const [name, spec] of table) {
    bound.set(name, {
      params: spec.params,
      ...(spec.variadic === undefined ? {} : { variadic: spec.variadic }),
      call: (args) => spec.call(args, ctx),
    });
  }
  return bound;
}

/** Narrows a checked argument (the evaluator has verified the declared parameter types). */
export function str(args: readonly TemplateValue[], i: number): string {
  return String(args[i] ?? '');
}

export function int(args: readonly TemplateValue[], i: number): number {
  return Number(args[i] ?? 0);
}
