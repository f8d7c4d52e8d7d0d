// `vault` and `consul_key` in variable defaults: read over the stores' HTTP APIs before the variables render
// (Packer 1.6.6's template/interpolate funcs.go), so the template functions stay synchronous.

import { forEachPipeline } from '../gotemplate/ast.js';
import { secretKey } from '../gotemplate/functions/function-table.js';
import { parseGoTemplate } from '../gotemplate/parser.js';
import { readSecretLookups, type SecretLookup } from '../secrets/index.js';

/** Every `vault "path" "key"` and `consul_key "key"` call with literal arguments in these strings. */
export function findSecretLookups(texts: Iterable<string>): SecretLookup[] {
  const found: SecretLookup[] = [];
  for (const text of texts) {
    if (!/\b(?:vault|consul_key)\b/.test(text)) continue;
    let nodes: ReturnType<typeof parseGoTemplate>;
    try {
      nodes = parseGoTemplate(text);
    } catch {
      continue; // Reported when the variable renders.
    }
    forEachPipeline(nodes, (pipeline) => {
      for (const { operands } of pipeline.commands) {
        const [head, ...args] = operands;
        const strings = args.flatMap((a) => (a.kind === 'string' ? [a.value] : []));
        if (strings.length !== args.length || head?.kind !== 'identifier') continue;
        if (head.name === 'vault' && strings.length === 2)
          found.push({ kind: 'vault', path: strings[0] as string, key: strings[1] as string });
        if (head.name === 'consul_key' && strings.length === 1)
          found.push({ kind: 'consul', key: strings[0] as string });
      }
    });
  }
  return found;
}

/** The values of the lookups in these strings, by secretKey(). */
export function readSecrets(
  texts: Iterable<string>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Map<string, string | Error>> {
  return readSecretLookups(findSecretLookups(texts), env, (lookup) =>
    lookup.kind === 'vault' ? secretKey('vault', lookup.path, lookup.key) : secretKey('consul', lookup.key),
  );
}
