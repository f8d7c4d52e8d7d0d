// Writes HCL2 configuration files into a temporary directory and loads them with src/template/hcl2.

import { type HclFunction, type HclValue, str } from '../../src/hcl/eval/index.js';
import { type Hcl2Config, type LoadHcl2Options, loadHcl2Config } from '../../src/template/hcl2/index.js';
import { templateFailure, useTempDir } from './template-fixture.js';

/** A small function table for tests: the real one (Packer's) is passed the same way. */
export const TEST_FUNCTIONS: ReadonlyMap<string, HclFunction> = new Map([
  [
    'upper',
    {
      call: (args: readonly HclValue[]) => str(args[0]?.type === 'string' ? args[0].value.toUpperCase() : ''),
    },
  ],
]);

export function useHcl2Dir() {
  const tmp = useTempDir();
  const load = (
    files: Record<string, string>,
    options: Partial<LoadHcl2Options> & { path?: string } = {},
  ): Promise<Hcl2Config> => {
    for (const [name, text] of Object.entries(files)) tmp.write(name, text);
    return loadHcl2Config(options.path ?? tmp.dir(), {
      vars: [],
      varFiles: [],
      env: {},
      functions: () => TEST_FUNCTIONS,
      packerVersion: '1.6.6',
      ...options,
    });
  };
  /** The error message of a load that must fail. */
  const fail = async (
    files: Record<string, string>,
    options: Partial<LoadHcl2Options> & { path?: string } = {},
  ): Promise<string> => (await templateFailure(load(files, options))).message;
  return { tmp, load, fail };
}

export function variableValue(config: Hcl2Config, name: string): HclValue | undefined {
  const variable = config.variables.get(name);
  return variable?.values[variable.values.length - 1]?.value;
}
