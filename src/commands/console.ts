// `kiln console`: evaluates template expressions read from stdin, one per line, or interactively on a TTY.

import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createRedactor, type Redactor } from '../core/redact.js';
import { isHcl2TemplatePath, loadHcl2Template, loadTemplate } from '../template/index.js';
import { formatError } from '../ui/format-error.js';
import { type ConsoleEvaluator, createConsoleEvaluator } from './console-evaluator.js';
import { createHcl2ConsoleEvaluator } from './hcl2-console-evaluator.js';

/**
 * How stdin is read, as Packer 1.6.6 decides it: a pipe is evaluated in one go and only the last result is
 * printed ('piped'); anything else goes through the line editor, which prints every result ('lines' when
 * stdin is a regular file or socket, 'interactive' with a "> " prompt on a TTY).
 */
export type ConsoleMode = 'piped' | 'lines' | 'interactive';

export interface ConsoleCommandOptions {
  /** undefined: no template, expressions see no user variables. */
  templatePath: string | undefined;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  input: NodeJS.ReadableStream;
  mode: ConsoleMode;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runConsoleCommand(options: ConsoleCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  let evaluate: ConsoleEvaluator;
  try {
    evaluate = await openConsole(options, cwd);
  } catch (error) {
    options.err.write(`Error: ${formatError(error)}\n`);
    return 1;
  }
  if (options.mode === 'piped') return piped(evaluate, options);
  return lines(evaluate, options, options.mode === 'interactive');
}

/** The template's evaluator (JSON or HCL2), its warnings written, its results redacted. */
async function openConsole(options: ConsoleCommandOptions, cwd: string): Promise<ConsoleEvaluator> {
  if (options.templatePath !== undefined && (await isHcl2TemplatePath(resolve(cwd, options.templatePath)))) {
    // As Packer's console: variables without a value are unknown, not an error.
    const config = await loadHcl2Template(resolve(cwd, options.templatePath), {
      vars: options.vars,
      varFiles: options.varFiles.map((file) => resolve(cwd, file)),
      env: options.env,
      allowUnset: true,
      cwd,
      templateArg: options.templatePath,
    });
    for (const warning of config.warnings) options.err.write(`Warning: ${warning}\n`);
    return redactResults(createHcl2ConsoleEvaluator(config), config.redact);
  }
  const template =
    options.templatePath === undefined
      ? undefined
      : await loadTemplate(options.templatePath, {
          vars: options.vars,
          varFiles: options.varFiles,
          env: options.env,
          cwd,
          // As Packer's console, a template that would not validate still lends its variables.
          syntaxOnly: true,
        });
  const redact = createRedactor(template?.sensitiveValues ?? []);
  for (const warning of template?.warnings ?? []) options.err.write(redact(`Warning: ${warning}\n`));
  return redactResults(createConsoleEvaluator({ template, cwd, env: options.env }), redact);
}

/** Sensitive values never reach the screen: not as a value, nor in the `variables` listing or a diagnostic. */
function redactResults(evaluate: ConsoleEvaluator, redact: Redactor): ConsoleEvaluator {
  return (line) => {
    const result = evaluate(line);
    return {
      ...result,
      output: redact(result.output),
      warnings: result.warnings.map(redact),
      ...(result.diagnostic === undefined ? {} : { diagnostic: redact(result.diagnostic) }),
    };
  };
}

/** Packer's modePiped: every line (trimmed) is evaluated, diagnostics shown, only the last value printed. */
async function piped(evaluate: ConsoleEvaluator, options: ConsoleCommandOptions): Promise<number> {
  let last = '';
  for await (const line of createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY })) {
    const result = evaluate(line.trim());
    for (const warning of result.warnings) options.err.write(`Warning: ${warning}\n`);
    if (result.diagnostic !== undefined) options.out.write(`${result.diagnostic}\n`);
    last = result.output;
  }
  options.out.write(`${last}\n`);
  return 0;
}

/** Packer's modeInteractive: each line's diagnostic then value; `exit`, end of input or ^C on an empty line end. */
async function lines(
  evaluate: ConsoleEvaluator,
  options: ConsoleCommandOptions,
  interactive: boolean,
): Promise<number> {
  const rl = createInterface({
    input: options.input,
    crlfDelay: Number.POSITIVE_INFINITY,
    ...(interactive ? { output: options.out, prompt: '> ', terminal: true } : { terminal: false }),
  });
  let interrupted = false;
  rl.on('SIGINT', () => {
    if (rl.line.length > 0) {
      // As readline's ^C with text: drop the line, keep going.
      options.out.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.prompt();
      return;
    }
    interrupted = true;
    rl.close();
  });
  try {
    if (interactive) rl.prompt();
    for await (const line of rl) {
      const result = evaluate(line);
      for (const warning of result.warnings) options.err.write(`Warning: ${warning}\n`);
      if (result.diagnostic !== undefined) options.out.write(`${result.diagnostic}\n`);
      if (result.exit) return 0;
      options.out.write(`${result.output}\n`);
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
  }
  if (interactive && !interrupted) options.out.write('exit\n');
  return 0;
}
