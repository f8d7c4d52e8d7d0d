// How hcl2_upgrade sees JSON variables: which defaults must become locals (Packer's
// variableTransposeTemplatingCalls function map) and which `{{user}}` names the file reads without declaring
// (Packer's referencedUserVariables).

import type { TemplateNode } from '../gotemplate/ast.js';
import { forEachPipeline } from '../gotemplate/ast.js';
import { parseGoTemplate } from '../gotemplate/parser.js';
import {
  type FunctionMap,
  fixed,
  GO_BUILTINS,
  type ParamKind,
  type TemplateFunction,
} from './template-functions.js';

/**
 * The map a variable's default goes through (Packer's variableTransposeTemplatingCalls): any call but `env`
 * makes the variable a local, because an HCL2 variable's default must be known before anything is evaluated.
 */
export function variableFunctions(markLocal: () => void): FunctionMap {
  const local = (params: readonly ParamKind[]): TemplateFunction => ({
    params,
    call: () => {
      markLocal();
      return '';
    },
  });
  const anyStrings: TemplateFunction = {
    params: [],
    variadic: true,
    call: () => {
      markLocal();
      return '';
    },
  };
  const names = [
    'aws_secretsmanager',
    'timestamp',
    'isotime',
    'strftime',
    'user',
    'template_dir',
    'pwd',
    'packer_version',
    'uuid',
    'lower',
    'upper',
  ];
  return new Map<string, TemplateFunction>([
    ...names.map((name) => [name, anyStrings] as const),
    ['env', fixed(['string'], ([name]) => `\${env(${JSON.stringify(name)})}`)],
    ['split', local(['string', 'string', 'int'])],
    ['replace', local(['string', 'string', 'int', 'string'])],
    ['replace_all', local(['string', 'string', 'string'])],
  ]);
}

/**
 * The names `{{user `x`}}` reads anywhere in the template file, so that variables set only from a var file get
 * a declaration. As in Packer, a file that does not run as a Go template with nothing but `user` defined (any
 * other function call) yields none.
 */
export function referencedUserVariables(rawText: string): readonly string[] {
  let nodes: TemplateNode[];
  try {
    nodes = parseGoTemplate(rawText);
  } catch {
    return [];
  }
  const names: string[] = [];
  let runs = true;
  forEachPipeline(nodes, (pipeline) => {
    for (const command of pipeline.commands) {
      const [first, ...args] = command.operands;
      for (const operand of command.operands)
        if (operand.kind === 'identifier' && operand.name !== 'user' && !GO_BUILTINS.has(operand.name))
          runs = false;
      if (first?.kind !== 'identifier' || first.name !== 'user') continue;
      const [name] = args;
      if (args.length === 1 && name?.kind === 'string') names.push(name.value);
      else runs = false;
    }
  });
  return runs ? names : [];
}
