// Syntax-checks a template kept for run time: it must parse and name only known functions (as Packer validates).

import { didYouMean } from '../core/suggest.js';
import { forEachPipeline, type Pipeline } from './ast.js';
import { parseGoTemplate } from './parser.js';
import { templateError } from './template-errors.js';

export function validateGoTemplate(
  text: string,
  functions: { has(name: string): boolean; keys(): Iterable<string> },
): void {
  if (!text.includes('{{')) return;
  forEachPipeline(parseGoTemplate(text), (pipeline, node) =>
    checkPipeline(pipeline, text, node.source, functions),
  );
}

function checkPipeline(
  pipeline: Pipeline,
  text: string,
  source: string,
  functions: { has(name: string): boolean; keys(): Iterable<string> },
): void {
  for (const command of pipeline.commands) {
    for (const operand of command.operands) {
      if (operand.kind === 'pipeline') checkPipeline(operand.pipeline, text, source, functions);
      if (operand.kind === 'identifier' && !functions.has(operand.name)) {
        const suggestion = didYouMean(operand.name, functions.keys(), '"');
        throw templateError(
          text,
          operand.start,
          source,
          `function "${operand.name}" not defined${suggestion}`,
        );
      }
    }
  }
}
