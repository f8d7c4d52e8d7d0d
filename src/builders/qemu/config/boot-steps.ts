// boot_command and the QEMU plugin's boot_steps (plugin ≥ 1.1): what the type-boot-command step types, as a list of
// steps. boot_command is one step without a description; each boot_steps entry is [command, description?].

import { findBootCommandProblems } from '../../../bootcommand/index.js';
import type { KeyPath } from '../../../json/json-value.js';
import type { FieldReader } from '../../../template/decode/field-reader.js';
import type { ProblemCollector } from '../../../template/problems.js';

export interface BootStep {
  /** Unrendered: {{ .HTTPIP }} and the rest are filled in at run time. */
  readonly command: string;
  /** Printed before the step is typed ("Typing boot command for: …"); empty for boot_command. */
  readonly description: string;
}

export function resolveBootSteps(
  f: FieldReader,
  at: (key: string) => KeyPath,
  problems: ProblemCollector,
  disableVnc: boolean,
): BootStep[] {
  const command = f.stringList('boot_command') ?? [];
  // Empty entries are skipped when typing, as the plugin's loop does.
  const listed = (f.stringListList('boot_steps') ?? []).filter((step) => step.length > 0);
  if (command.length > 0 && listed.length > 0)
    problems.add(at('boot_steps'), 'boot_command and boot_steps cannot be used together');
  listed.forEach((step, i) => {
    if (step.length > 2)
      problems.add(
        `${at('boot_steps')}[${i}]`,
        `a boot step is [command] or [command, description]; found ${step.length} elements`,
      );
  });
  const key = command.length > 0 ? 'boot_command' : 'boot_steps';
  const steps =
    command.length > 0
      ? [{ command: command.join(''), description: '' }]
      : listed.map(([text, description]) => ({ command: text ?? '', description: description ?? '' }));
  // Packer's plugin silently skips typing boot_steps without VNC; Kiln refuses them as it does boot_command.
  if (disableVnc && steps.length > 0)
    problems.add(at(key), `A boot command cannot be used when vnc is disabled.`);
  // Grammar errors (<wait0>, untypable characters) fail at load, as Packer's BootConfig.Prepare does.
  steps.forEach((step, i) => {
    for (const problem of findBootCommandProblems(step.command))
      problems.add(key === 'boot_steps' ? `${at(key)}[${i}]` : at(key), problem.message);
  });
  return steps;
}
