// src/secrets: Vault's and Consul's KV stores over their HTTP APIs, as Packer's `vault` and `consul_key` read
// them (JSON templates' functions and HCL2's alike). Reads are asynchronous and template functions are not: a
// template's literal lookups are read first (readSecretLookups), and its functions answer from the result.
// Imports only node built-ins.

import { readConsul } from './consul-kv.js';
import type { Env } from './secret-http.js';
import { readVault } from './vault-kv.js';

export type { Env } from './secret-http.js';

export type SecretLookup =
  | { readonly kind: 'vault'; readonly path: string; readonly key: string }
  | { readonly kind: 'consul'; readonly key: string };

/** Values read, by the caller's key for a lookup; an Error is what the function call reports. */
export type SecretValues = ReadonlyMap<string, string | Error>;

/** Reads each distinct lookup once, one after the other (as Packer's calls are). */
export async function readSecretLookups(
  lookups: Iterable<SecretLookup>,
  env: Env,
  keyOf: (lookup: SecretLookup) => string,
): Promise<Map<string, string | Error>> {
  const values = new Map<string, string | Error>();
  for (const lookup of lookups) {
    const id = keyOf(lookup);
    if (values.has(id)) continue;
    const value =
      lookup.kind === 'vault' ? readVault(lookup.path, lookup.key, env) : readConsul(lookup.key, env);
    values.set(id, await value.catch((error: Error) => error));
  }
  return values;
}
