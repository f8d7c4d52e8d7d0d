// The Go-template functions hcl2_upgrade runs a block through (Packer's transposeTemplatingCalls funcMap):
// each returns the call's HCL2 spelling, or keeps the call and records why it cannot be upgraded.

import { type UpgradeState, useSecret } from './upgrade-state.js';

export type ParamKind = 'string' | 'int';
export type ArgValue = string | number;

export interface TemplateFunction {
  readonly params: readonly ParamKind[];
  /** Takes any number of strings (Go's `...string`), `params` then lists none. */
  readonly variadic?: boolean;
  call(args: readonly ArgValue[]): string;
}

export type FunctionMap = ReadonlyMap<string, TemplateFunction>;

/** Functions every Go template knows: they pass Go's "function not defined" check (Kiln does not run them). */
export const GO_BUILTINS: ReadonlySet<string> = new Set(
  'and call html index slice js len not or print printf println urlquery eq ge gt le lt ne'.split(' '),
);

export const fixed = (params: readonly ParamKind[], call: (args: readonly ArgValue[]) => string) => ({
  params,
  call,
});
const variadic = (call: (args: readonly string[]) => string): TemplateFunction => ({
  params: [],
  variadic: true,
  call: (args) => call(args.map(String)),
});
const constant = (text: string) => fixed([], () => text);
/** `${expr}`: an HCL2 interpolation inside the quoted string the call stood in. */
const interpolation = (expr: string): string => `\${${expr}}`;

const DOCS = 'https://www.packer.io/docs/templates/hcl_templates/functions/string';
const REPLACE_HINT =
  '`replace(string, substring, replacement)` or `regex_replace(string, substring, replacement)`';
const REPLACE_DOCS = `${DOCS}/replace or ${DOCS}/regex_replace`;

/** Packer's UnhandleableArgumentError text. */
export function unhandledCall(call: string, correspondence: string, docs: string): string {
  const name = JSON.stringify(call);
  return `unhandled ${name} call:\n# there is no way to automatically upgrade the ${name} call.\n# Please manually upgrade to ${correspondence}\n# Visit ${docs} for more infos.`;
}

/** The map for sources, provisioners, post-processors and locals; `errors` collects unhandled calls. */
export function upgradeFunctions(state: UpgradeState, errors: string[]): FunctionMap {
  const keep = (name: string, hint: string, docs: string, text: string): string => {
    errors.push(unhandledCall(name, hint, docs));
    return text;
  };
  const legacyTime = (flag: 'isotime' | 'strftime') =>
    variadic((args) => {
      if (args.length === 0) return interpolation('timestamp()');
      state[flag] = true;
      return `\${legacy_${flag}("${args[0]}")}`;
    });
  return new Map<string, TemplateFunction>([
    [
      'aws_secretsmanager',
      variadic((args) => `\${data.amazon-secretsmanager.${useSecret(state, args)}.value}`),
    ],
    [
      'timestamp',
      fixed([], () => {
        state.timestamp = true;
        return interpolation('local.timestamp');
      }),
    ],
    ['isotime', legacyTime('isotime')],
    ['strftime', legacyTime('strftime')],
    [
      'user',
      fixed(['string'], ([name]) =>
        state.locals.has(String(name)) ? `\${local.${name}}` : `\${var.${name}}`,
      ),
    ],
    ['env', fixed(['string'], ([name]) => `\${env(${JSON.stringify(name)})}`)],
    ['build', fixed(['string'], ([key]) => `\${build.${key}}`)],
    ['data', fixed(['string'], ([key]) => `\${data.${key}}`)],
    ['template_dir', constant(interpolation('path.root'))],
    ['pwd', constant(interpolation('path.cwd'))],
    ['packer_version', constant(interpolation('packer.version'))],
    ['uuid', constant(interpolation('uuidv4()'))],
    [
      'lower',
      fixed(['string'], ([a]) =>
        keep('lower', '`lower(var.example)`', `${DOCS}/lower`, `{{ lower \`${a}\` }}`),
      ),
    ],
    [
      'upper',
      fixed(['string'], ([a]) =>
        keep('upper', '`upper(var.example)`', `${DOCS}/upper`, `{{ upper \`${a}\` }}`),
      ),
    ],
    [
      'split',
      fixed(['string', 'string', 'int'], ([a, b, n]) =>
        keep('split', '`split(separator, string)`', `${DOCS}/split`, `{{ split \`${a}\` \`${b}\` ${n} }}`),
      ),
    ],
    [
      'replace',
      fixed(['string', 'string', 'int', 'string'], ([a, b, n, c]) =>
        keep('replace', REPLACE_HINT, REPLACE_DOCS, `{{ replace \`${a}\` \`${b}\` \`${c}\` ${n} }}`),
      ),
    ],
    [
      'replace_all',
      fixed(['string', 'string', 'string'], ([a, b, c]) =>
        keep('replace_all', REPLACE_HINT, REPLACE_DOCS, `{{ replace_all \`${a}\` \`${b}\` \`${c}\` }}`),
      ),
    ],
    [
      'clean_resource_name',
      fixed(['string'], ([a]) =>
        keep(
          'clean_resource_name',
          `use custom validation rules, ${REPLACE_HINT}`,
          `https://packer.io/docs/templates/hcl_templates/variables#custom-validation-rules , ${DOCS}/replace or ${DOCS}/regex_replace`,
          `{{ clean_resource_name \`${a}\` }}`,
        ),
      ),
    ],
    ['build_name', constant(interpolation('build.name'))],
    ['build_type', constant(interpolation('build.type'))],
  ]);
}
