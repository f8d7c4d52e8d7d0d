// What a build hands to its post-processors, and what each post-processor hands on.
import { rm } from 'node:fs/promises';

export interface Artifact {
  /** Packer's BuilderId: 'transcend.qemu' for the QEMU builder, so tools keyed on it keep working. */
  readonly builderId: string;
  readonly id: string;
  readonly files: readonly string[];
  /** One line for the final summary: "VM files in directory: output-qemu". */
  readonly description: string;
  /** qemu-img's name for the disk's format (qcow2, raw, vmdk, vpc…), so it is never guessed from the bytes. */
  readonly diskFormat?: string;
  /** The QEMU accelerator the build ran under (Packer's domainType state): the vagrant libvirt driver. */
  readonly accelerator?: string;
  destroy(): Promise<void>;
}

export interface PostProcessorResult {
  artifact: Artifact;
  /** Whether the input artifact is kept when the template does not say (keep_input_artifact). */
  keepInputDefault: boolean;
  /** The post-processor needs its input kept whatever the template says (checksum, shell-local). */
  forceKeepInput: boolean;
}

export function filesArtifact(
  builderId: string,
  files: readonly string[],
  description: string,
  diskFormat?: string,
): Artifact {
  return {
    ...(diskFormat ? { diskFormat } : {}),
    builderId,
    id: files.join(','),
    files,
    description,
    destroy: async () => {
      for (const file of files) await rm(file, { force: true });
    },
  };
}
