// Packer's environment-variable line for shell provisioners: `K='V' ` per variable, sorted by name. Every
// PACKER_* variable has a KILN_* twin with the same value (a Kiln addition, like KILN_ARTIFACT_FILES).

export interface BuildEnv {
  buildName: string;
  builderType: string;
  /** "ip:port" of the build's HTTP server, when there is one. */
  httpAddr?: string;
}

/** Packer's `env_var_format` default for POSIX shells. */
export const ENV_VAR_FORMAT = "%s='%s' ";

/** The PACKER_* (and KILN_*) variables and the user's, single quotes escaped as `'"'"'`, sorted by name. */
export function collectEnvVars(vars: readonly string[], env: BuildEnv): Map<string, string> {
  const all = new Map<string, string>();
  const set = (name: string, value: string): void => {
    all.set(`PACKER_${name}`, value);
    all.set(`KILN_${name}`, value);
  };
  set('BUILD_NAME', env.buildName);
  set('BUILDER_TYPE', env.builderType);
  if (env.httpAddr) {
    const colon = env.httpAddr.lastIndexOf(':');
    set('HTTP_ADDR', env.httpAddr);
    set('HTTP_IP', env.httpAddr.slice(0, colon));
    set('HTTP_PORT', env.httpAddr.slice(colon + 1));
  }
  for (const kv of vars) {
    const at = kv.indexOf('=');
    all.set(kv.slice(0, at), kv.slice(at + 1).replaceAll("'", `'"'"'`));
  }
  // Go's sort.Strings compares bytes; so does this (no locale).
  return new Map([...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function flattenEnvVars(vars: readonly string[], env: BuildEnv, format = ENV_VAR_FORMAT): string {
  let flat = '';
  for (const [key, value] of collectEnvVars(vars, env)) flat += sprintf2(format, key, value);
  return flat;
}

/** Go's Sprintf for a format with two %s verbs (what env_var_format allows). */
function sprintf2(format: string, key: string, value: string): string {
  let n = 0;
  return format.replace(/%s/g, () => (n++ === 0 ? key : value));
}
