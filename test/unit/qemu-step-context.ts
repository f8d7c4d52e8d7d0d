// Test helper: a QEMU build context from a template's builder options, for running single steps.
import type { QemuBuildContext } from '../../src/builders/qemu/build-context.js';
import type { QemuConfig } from '../../src/builders/qemu/config/qemu-config.js';
import { createBuildLog } from '../../src/core/debug-log.js';
import { BufferUi } from '../../src/core/ui.js';
import { resolveBuilds } from '../../src/registry/resolve-builds.js';
import { loadTemplate, renderRuntime } from '../../src/template/index.js';
import { FakeQemuDriver } from './fake-qemu-driver.js';
import { QEMU, type useTempDir } from './template-fixture.js';

export async function stepContext(
  tmp: ReturnType<typeof useTempDir>,
  options: Record<string, unknown>,
): Promise<QemuBuildContext & { ui: BufferUi }> {
  const file = tmp.write('t.json', { builders: [{ ...QEMU, ...options }] });
  const template = await loadTemplate(file, { cwd: tmp.dir() });
  const [build] = resolveBuilds(template);
  if (!build) throw new Error('no build');
  return {
    config: build.config as QemuConfig,
    provisioners: [],
    errorCleanupProvisioner: undefined,
    build: { name: build.name, type: build.type },
    ui: new BufferUi(),
    render: (text, data) =>
      renderRuntime(text, data, { template, buildName: build.name, buildType: build.type }),
    variables: {},
    detachVm: false,
    force: false,
    cacheDir: tmp.dir(),
    env: {},
    driver: new FakeQemuDriver(),
    runUuid: 'test-run-uuid',
    pauseAfterStep: undefined,
    waitForEnter: undefined,
    log: createBuildLog({ redact: (text) => text }),
    redact: (text) => text,
    diagnosticsDir: undefined,
    liveConsole: undefined,
    state: {},
  };
}
