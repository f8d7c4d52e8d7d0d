// Packer's transposeTemplatingCalls: an HCL block's text is run as a Go template whose functions return their
// HCL2 spelling (`{{user `x`}}` → `${var.x}`). Actions that are not a known call (`{{ .HTTPIP }}`) are kept
// as written; a block whose template cannot run is kept whole under a comment saying why.

import type { ActionNode, Pipeline, TemplateNode } from '../gotemplate/ast.js';
import { forEachPipeline } from '../gotemplate/ast.js';
import { parseGoTemplate } from '../gotemplate/parser.js';
import { GoTemplateError } from '../gotemplate/template-errors.js';
import { executePipeline, TemplateExecutionError } from './execute-pipeline.js';
import { type FunctionMap, GO_BUILTINS, upgradeFunctions } from './template-functions.js';
import type { UpgradeState } from './upgrade-state.js';

/** A source, provisioner, post-processor or locals block with Packer's upgrade functions. */
export function upgradeBlock(block: string, state: UpgradeState): string {
  const errors: string[] = [];
  return transposeTemplatingCalls(block, upgradeFunctions(state, errors), errors);
}

/** The block with its calls rewritten; `errors` (unhandled calls the run found) go above it as comments. */
export function transposeTemplatingCalls(
  block: string,
  funcs: FunctionMap,
  errors: readonly string[] = [],
): string {
  const out = runTemplate(block, funcs);
  if (out.failure !== undefined) return fallback(out.failure, out.source);
  return errors.length === 0 ? out.text : `\n${formatErrors(errors)}${out.text}`;
}

type Run = { text: string; failure?: undefined } | { failure: string; source: string };

/** Parses (retrying with `\"` unescaped, as Packer does) and executes `block`. */
export function runTemplate(block: string, funcs: FunctionMap): Run {
  let source = block;
  let nodes: TemplateNode[];
  try {
    nodes = parseGoTemplate(source);
  } catch (error) {
    if (!(error instanceof GoTemplateError)) throw error;
    if (!error.detail.includes('"\\\\"')) return { failure: parseFailure(error), source };
    source = fixQuoting(block);
    try {
      nodes = parseGoTemplate(source);
    } catch (again) {
      if (!(again instanceof GoTemplateError)) throw again;
      return { failure: parseFailure(again), source };
    }
  }
  const undefinedName = firstUndefinedFunction(nodes, funcs, source);
  if (undefinedName !== undefined) return { failure: undefinedName, source };
  try {
    return { text: nodes.map((node) => render(node, funcs, source)).join('') };
  } catch (error) {
    if (error instanceof TemplateExecutionError) return { failure: error.message, source: block };
    throw error;
  }
}

function render(node: TemplateNode, funcs: FunctionMap, text: string): string {
  if (node.kind === 'text') {
    const start = node.trimStart ? node.text.trimStart() : node.text;
    return node.trimEnd ? start.trimEnd() : start;
  }
  if (node.kind !== 'action')
    throw new TemplateExecutionError(`unhandled node type *parse.${nodeType(node.kind)}`);
  if (node.loop !== undefined)
    throw new TemplateExecutionError(`unhandled node type *parse.${nodeType(node.loop)}`);
  const pipeline = node.pipeline;
  if (pipeline === undefined) return '';
  const [only, ...more] = pipeline.commands;
  const [operand, ...args] = only?.operands ?? [];
  const isCall = operand?.kind === 'identifier' && funcs.has(operand.name);
  if (more.length > 0 || args.length > 0 || isCall) return String(executePipeline(pipeline, funcs, text));
  // Anything else (a field, a variable, a literal) is left for Packer's own later rendering.
  return `{{ ${innerText(node)} }}`;
}

function nodeType(kind: string): string {
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}Node`;
}

function innerText(node: ActionNode): string {
  return node.source
    .slice(2, -2)
    .replace(/^-(?=\s)/, '')
    .replace(/(?<=\s)-$/, '')
    .trim();
}

function firstUndefinedFunction(nodes: TemplateNode[], funcs: FunctionMap, text: string): string | undefined {
  let found: string | undefined;
  const visit = (pipeline: Pipeline): void => {
    for (const command of pipeline.commands)
      for (const operand of command.operands)
        if (found === undefined && operand.kind === 'identifier')
          if (!funcs.has(operand.name) && !GO_BUILTINS.has(operand.name))
            found = `template: hcl2_upgrade:${lineOf(text, operand.start)}: function "${operand.name}" not defined`;
  };
  forEachPipeline(nodes, visit);
  return found;
}

function parseFailure(error: GoTemplateError): string {
  return `template: hcl2_upgrade:${error.line}: ${error.detail}`;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Packer's fallbackReturn: the block as it was, under a comment. */
function fallback(message: string, block: string): string {
  if (message.includes('unhandled')) return `\n# ${message}\n${block}`;
  return `\n# could not parse template for following block: ${JSON.stringify(message)}\n${block}`;
}

/** go-multierror with Packer's ErrorFormat. */
function formatErrors(errors: readonly string[]): string {
  if (errors.length === 1) return `# 1 error occurred upgrading the following block:\n\t# ${errors[0]}\n`;
  const points = errors.map((error, i) => (i === errors.length - 1 ? `# ${error}` : `# ${error}\n`));
  return `# ${errors.length} errors occurred upgrading the following block:\n\t${points.join('\n\t')}`;
}

/**
 * Packer's fixQuoting: `{{ env \"x\" }}` inside an HCL string (JSON's `{{ env "x" }}` after the quotes were
 * escaped) cannot parse as a Go template; the escaped quotes inside such an action are unescaped.
 */
const ESCAPED_CALL = /{{\s*\w*(\s*(\\".*\\")\s*)+\w*\s*}}/g;

function fixQuoting(text: string): string {
  return text.replace(ESCAPED_CALL, (match: string, group: string) => {
    let unquoted: string;
    try {
      unquoted = JSON.parse(`"${group}"`) as string;
    } catch {
      return match;
    }
    return match.replace(group, () => unquoted);
  });
}
