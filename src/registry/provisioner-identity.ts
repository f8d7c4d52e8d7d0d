// What the snapshot cache keys a provisioner on: its template section as written (with this build's override),
// rendered at a fixed time, and the local files its plugin says it uploads or runs.
import type { ProvisionerIdentity } from '../plugins/plugin.js';
import { type LoadedTemplate, renderForCacheKey } from '../template/index.js';
import { type AnyProvisioner, provisionerPlugin } from './registry.js';

export function provisionerIdentity(
  provisioner: AnyProvisioner,
  template: LoadedTemplate,
  buildName: string,
): ProvisionerIdentity | undefined {
  const raw = (template.cacheKeyRaw ?? template.raw).provisioners.find((p) => p.path === provisioner.path);
  if (!raw) return undefined;
  const definition = renderForCacheKey(template, {
    type: raw.type,
    config: raw.config,
    override: raw.override[buildName] ?? null,
  });
  return { definition, localInputs: provisionerPlugin(provisioner.type).localInputs?.(provisioner.config) };
}
