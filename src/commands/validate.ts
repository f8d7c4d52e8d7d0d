// `kiln validate`: load and check the template; nothing is built, but a remote checksum file is fetched.
import { createRedactor, type Redactor } from '../core/redact.js';
import { builderPlugin } from '../registry/registry.js';
import { resolveBuildsWithWarnings } from '../registry/resolve-builds.js';
import { type LoadedTemplate, loadTemplate } from '../template/index.js';
import { formatError } from '../ui/format-error.js';
import type { ErrorAnnotator } from '../ui/github-annotations.js';

const CHECKSUM_FETCH_TIMEOUT_MS = 60_000;

export interface ValidateCommandOptions {
  templatePath: string;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  syntaxOnly: boolean;
  /** Build names (-only); empty = all. */
  only?: readonly string[];
  /** Build names (-except). */
  except?: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Directory relative paths resolve against; defaults to process.cwd(). */
  cwd?: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** GitHub Actions: each error also as an annotation. */
  annotate?: ErrorAnnotator;
}

export async function runValidateCommand(options: ValidateCommandOptions): Promise<number> {
  // Until the template is loaded no value is known to be sensitive (loadTemplate redacts its own errors).
  let redact: Redactor = (text) => text;
  try {
    const template = await loadTemplate(options.templatePath, {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      // Packer's -syntax-only only parses: required variables, cycles and only/except names are not checked.
      syntaxOnly: options.syntaxOnly,
    });
    redact = createRedactor(template.sensitiveValues);
    if (options.syntaxOnly) {
      options.out.write('Syntax-only check passed. Everything looks okay.\n');
      return 0;
    }
    // What Kiln does not implement fails here as it would fail `build`: validate accepts what build runs.
    const { builds, warnings } = resolveBuildsWithWarnings(template, {
      only: options.only ?? [],
      except: options.except ?? [],
    });
    for (const warning of warnings) options.err.write(redact(`Warning: ${warning}\n`));
    // Like Packer, a `file:` checksum is fetched now, so a wrong URL fails here and not at build time.
    const signal = AbortSignal.timeout(CHECKSUM_FETCH_TIMEOUT_MS);
    const fetchable = builds.filter((build) => !checksumFromDeprecatedKeys(template, build.name));
    let failed = false;
    for (const build of fetchable) {
      const check = builderPlugin(build.type).check;
      const problems = check ? await check(build.config, { cwd: options.cwd ?? process.cwd(), signal }) : [];
      for (const problem of problems) {
        options.err.write(redact(`Error: ${build.name}: ${problem}\n`));
        options.annotate?.(redact(problem), { build: build.name });
      }
      failed ||= problems.length > 0;
    }
    if (failed) return 1;
    options.out.write('The configuration is valid.\n');
    return 0;
  } catch (error) {
    options.err.write(redact(`Error: ${formatError(error)}\n`));
    options.annotate?.(error);
    return 1;
  }
}

/**
 * Packer 1.6.6 fetches the checksum file only when `iso_checksum` itself says `file:`; with the deprecated
 * `iso_checksum_url` it stops at the deprecation and never fetches. Kiln accepts such a template (with
 * warnings) as Packer would the fixed one, and leaves the fetch to the build.
 */
function checksumFromDeprecatedKeys(template: LoadedTemplate, buildName: string): boolean {
  const builder = template.raw.builders.find((b) => b.name === buildName);
  return (
    builder !== undefined && (template.fixes ?? []).some((fix) => fix.to === `${builder.path}.iso_checksum`)
  );
}
