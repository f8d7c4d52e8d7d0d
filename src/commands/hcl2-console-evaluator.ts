// What `kiln console` does with one line of an HCL2 configuration: Packer's PackerConfig.EvaluateExpression
// (help, variables, exit, or an HCL expression over var.*, local.* and the functions).

import { evaluateExpression, HclEvalError } from '../hcl/eval/index.js';
import { HclSyntaxError, parseHclExpression, type SourceRange } from '../hcl/index.js';
import { configEvalContext, type Hcl2Config, printableValue, printVariables } from '../template/index.js';
import type { ConsoleEvaluator } from './console-evaluator.js';
import { wrapWords } from './word-wrap.js';

export const HCL2_CONSOLE_HELP = `Packer console HCL2 Mode.
The Packer console allows you to experiment with Packer interpolations.
You may access variables and functions in the Packer config you called the
console with.

Type in the interpolation to test and hit <enter> to see the result.

"upper(var.foo.id)" would evaluate to the ID of "foo" and uppercase is, if it
exists in your config file.

"variables" will dump all available variables and their values.

To exit the console, type "exit" and hit <enter>, or use Control-C.

/!\\ It is not possible to use go templating interpolation like "{{timestamp}}"
with in HCL2 mode.`;

export function createHcl2ConsoleEvaluator(config: Hcl2Config): ConsoleEvaluator {
  const ctx = configEvalContext(config);
  return (line) => {
    if (line === '') return { output: '', exit: false, warnings: [] };
    if (line === 'exit') return { output: '', exit: true, warnings: [] };
    if (line === 'help') return { output: HCL2_CONSOLE_HELP, exit: false, warnings: [] };
    if (line === 'variables') return { output: printVariables(config), exit: false, warnings: [] };
    try {
      const value = evaluateExpression(parseHclExpression('<console-input>', line), ctx);
      return { output: printableValue(value), exit: false, warnings: [] };
    } catch (error) {
      if (!(error instanceof HclSyntaxError || error instanceof HclEvalError)) throw error;
      const diagnostic = formatHclDiagnostic(error.summary, error.detail, error.range);
      return { output: '', exit: false, diagnostic, warnings: [] };
    }
  };
}

/** hcl's text diagnostic without the source file (Packer passes none): summary, place, wrapped detail. */
function formatHclDiagnostic(summary: string, detail: string, range: SourceRange): string {
  return `Error: ${summary}\n\n  on ${range.file} line ${range.start.line}:\n  (source code not available)\n\n${wrapWords(detail, 78)}\n\n`;
}
