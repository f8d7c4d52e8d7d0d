// `kiln build`: load the template, run each build's steps, then its post-processors, and report like Packer.

import { type BuildOutcome, runQemuBuild } from '../builders/qemu/run-build.js';
import { errorMessage, formatDuration, isCancelled } from '../core/errors.js';
import type { Ui } from '../core/ui.js';
import { loadTemplate, resolveBuildsWithWarnings } from '../template/index.js';
import { formatError } from '../ui/format-error.js';
import type { UiFactory } from '../ui/ui-factory.js';

export interface BuildCommandOptions {
  templatePath: string;
  vars: readonly (readonly [string, string])[];
  varFiles: readonly string[];
  force: boolean;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  createUi: UiFactory;
  debug: boolean;
}

/** Returns the process exit code: 0 when every build succeeded, 1 otherwise (Packer has no other codes). */
export async function runBuildCommand(options: BuildCommandOptions): Promise<number> {
  const globalUi = options.createUi('', []);
  let template: Awaited<ReturnType<typeof loadTemplate>>;
  let builds: ReturnType<typeof resolveBuildsWithWarnings>['builds'];
  try {
    template = await loadTemplate(options.templatePath, {
      vars: options.vars,
      varFiles: options.varFiles,
      env: options.env,
    });
    const resolved = resolveBuildsWithWarnings(template);
    builds = resolved.builds;
    for (const warning of resolved.warnings) globalUi.message(`Warning: ${warning}`);
  } catch (error) {
    globalUi.error(`Error: ${formatError(error, { debug: options.debug })}`);
    return 1;
  }
  const outcomes: BuildOutcome[] = [];
  for (const build of builds) {
    const ui = options.createUi(build.name, template.sensitiveValues);
    outcomes.push(await runQemuBuild(build, template, { ...options, ui }));
    if (options.signal.aborted) break;
  }
  return reportOutcomes(globalUi, outcomes, options);
}

function reportOutcomes(ui: Ui, outcomes: readonly BuildOutcome[], options: BuildCommandOptions): number {
  const failed = outcomes.filter((o) => o.error !== undefined);
  for (const outcome of outcomes) {
    const elapsed = formatDuration(outcome.durationMs);
    if (outcome.error === undefined) ui.say(`Build '${outcome.name}' finished after ${elapsed}.`);
    else
      ui.error(
        `Build '${outcome.name}' errored after ${elapsed}: ${formatError(outcome.error, { debug: options.debug })}`,
      );
  }
  if (options.signal.aborted || failed.some((o) => isCancelled(o.error))) {
    ui.error('Cleanly cancelled builds after being interrupted.');
    return 1;
  }
  if (failed.length > 0) {
    ui.error("Some builds didn't complete successfully and had errors:");
    for (const o of failed) ui.error(`--> ${o.name}: ${errorMessage(o.error).split('\n')[0]}`);
  }
  const artifacts = outcomes.flatMap((o) => o.artifacts.map((a) => ({ name: o.name, artifact: a })));
  if (artifacts.length === 0) {
    ui.say('Builds finished but no artifacts were created.');
  } else {
    ui.say('Builds finished. The artifacts of successful builds are:');
    for (const { name, artifact } of artifacts) ui.say(`--> ${name}: ${artifact.description}`);
  }
  return failed.length > 0 ? 1 : 0;
}
