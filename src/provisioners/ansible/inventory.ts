// The inventory Packer's ansible provisioner writes for one machine: its host line (from
// inventory_file_template or the default for the Ansible version), repeated under each group.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderRuntime } from '../../plugins/plugin.js';
import type { AnsibleConfig } from './config.js';

const HOST_LINE_V2 =
  '{{ .HostAlias }} ansible_host={{ .Host }} ansible_user={{ .User }} ansible_port={{ .Port }}\n';
const HOST_LINE_V1 =
  '{{ .HostAlias }} ansible_ssh_host={{ .Host }} ansible_ssh_user={{ .User }} ansible_ssh_port={{ .Port }}\n';

export interface InventoryData {
  readonly HostAlias: string;
  readonly Host: string;
  readonly Port: number;
  readonly User: string;
}

export function inventoryText(
  config: AnsibleConfig,
  data: InventoryData,
  ansibleMajor: number,
  render: RenderRuntime,
): string {
  const template = config.inventoryFileTemplate ?? (ansibleMajor < 2 ? HOST_LINE_V1 : HOST_LINE_V2);
  const host = render(template, { ...data });
  let text = host;
  for (const group of config.groups) text += `[${group}]\n${host}`;
  for (const group of config.emptyGroups) text += `[${group}]\n`;
  return text;
}

/** Writes the inventory into inventory_directory or a fresh private temp directory; returns its path. */
export async function writeInventory(text: string, directory: string | undefined): Promise<string> {
  const dir = await mkdtemp(join(directory ?? tmpdir(), 'packer-provisioner-ansible'));
  const path = join(dir, 'inventory');
  await writeFile(path, text, { mode: 0o600 });
  return path;
}
