// What every builder, provisioner and post-processor is: one object with its type, its option schema, how it
// resolves its template section into its one config type, and how it runs. src/registry/ lists them all.
import type { Communicator } from '../communicators/communicator.js';
import type { BuildLog, Logger } from '../core/debug-log.js';
import type { Redactor } from '../core/redact.js';
import type { Ui } from '../core/ui.js';
import type { JsonObject, JsonValue, KeyPath } from '../json/json-value.js';
import type { BuildConsole } from '../live-console/index.js';
import type { ConfigSchema, LoadedTemplate, PluginEnv } from '../template/index.js';
import type { Artifact, PostProcessorResult } from './artifact.js';
import type { DiagnosticFile } from './diagnostics.js';
import type { ResolvedProvisioner } from './resolved.js';

interface ConfiguredPlugin<Type extends string, Config> {
  readonly type: Type;
  /** Every key the plugin accepts, refuses (`unsupported`, `newer`) or asks to rewrite (`deprecated`). */
  readonly schema: ConfigSchema;
  /** Decodes and defaults the options (the only place defaults live); problems go to env.problems. */
  resolve(raw: JsonObject, path: KeyPath, env: PluginEnv): Config;
}

/** Renders a run-time template string (`execute_command`, `output`, …) with the plugin's own data. */
export type RenderRuntime = (text: string, data: Readonly<Record<string, string | number>>) => string;

/** Shows `prompt` and waits for Enter on the user's terminal. */
export type WaitForEnter = (prompt: string) => Promise<void>;

/** How a tool run on the host (Ansible) logs in to the machine's sshd, as Kiln's own SSH connection does. */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string | undefined;
  /** `ssh_private_key_file`, when the build logs in with one. */
  readonly privateKeyFile: string | undefined;
  /** A key Kiln holds only in memory (a temporary key pair), written to a private file for the tool. */
  readonly privateKey: string | undefined;
}

/** What a provisioner gets at run time, besides its config. */
export interface ProvisionContext {
  readonly communicator: Communicator;
  readonly ui: Ui;
  readonly render: RenderRuntime;
  readonly signal: AbortSignal;
  readonly buildName: string;
  readonly builderType: string;
  /** "ip:port" of the build's HTTP server as the guest reaches it, when there is one. */
  readonly httpAddr: string | undefined;
  /** Absent when stdin is not a terminal (nobody can press Enter). */
  readonly waitForEnter?: WaitForEnter | undefined;
  /** Absent when the build has no SSH communicator. */
  readonly sshTarget?: SshTarget | undefined;
}

/** What the snapshot cache hashes for a provisioner (see README "Snapshot cache"). */
export interface ProvisionerIdentity {
  /** The template section as written, rendered at a fixed time (renderForCacheKey). */
  readonly definition: JsonValue;
  /** Local files and directories it uploads or runs; undefined when its plugin cannot name them. */
  readonly localInputs: readonly string[] | undefined;
}

/** A resolved provisioner bound to its plugin: `run` applies Packer's pause_before, max_retries and timeout. */
export interface RunnableProvisioner extends ResolvedProvisioner {
  run(ctx: ProvisionContext): Promise<void>;
  /** Absent: the snapshot cache cannot key this provisioner and stops before it. */
  readonly identity?: ProvisionerIdentity;
}

export interface ProvisionerPlugin<Type extends string, Config> extends ConfiguredPlugin<Type, Config> {
  run(config: Config, ctx: ProvisionContext): Promise<void>;
  /**
   * The local files and directories (as configured, relative to the working directory) this provisioner
   * uploads or runs, for the snapshot cache's keys. A plugin without it is never skipped by the cache.
   */
  localInputs?(config: Config): readonly string[];
}

/** What a post-processor gets at run time, besides its config and input artifact. */
export interface PostProcessorContext {
  readonly ui: Ui;
  readonly signal: AbortSignal;
  readonly render: RenderRuntime;
  readonly buildName: string;
  readonly builderType: string;
  /** One UUID per `kiln build` run (Packer's PACKER_RUN_UUID): the manifest groups a run's builds by it. */
  readonly runUuid: string;
  /** `-force`: the manifest starts afresh when its last run was another one. */
  readonly force: boolean;
  /** The build's debug log (qemu-img command lines). */
  readonly log: Logger;
}

export interface PostProcessorPlugin<Type extends string, Config> extends ConfiguredPlugin<Type, Config> {
  run(config: Config, input: Artifact, ctx: PostProcessorContext): Promise<PostProcessorResult>;
}

/** How the step runner treats a failed step (-on-error) and what -debug does after each step. */
export interface StepPolicy {
  onStepError: ((step: string, error: unknown) => Promise<'cleanup' | 'abort' | 'retry'>) | undefined;
  pauseAfterStep: ((step: string) => Promise<void>) | undefined;
}

/** What a builder gets at run time, besides its config. */
export interface BuilderContext extends StepPolicy {
  readonly build: { readonly name: string; readonly type: string };
  readonly template: LoadedTemplate;
  /** One per `kiln build` run, shared by its builds (Packer's PACKER_RUN_UUID). */
  readonly runUuid: string;
  readonly provisioners: readonly RunnableProvisioner[];
  /** `error-cleanup-provisioner`: runs only when a provisioner fails. */
  readonly errorCleanupProvisioner: RunnableProvisioner | undefined;
  readonly ui: Ui;
  readonly force: boolean;
  /** -cache: resume from and record snapshots of the VM (README "Snapshot cache"). */
  readonly cache: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  /** For the breakpoint provisioner; undefined when stdin is not a terminal. */
  readonly waitForEnter: WaitForEnter | undefined;
  /** -console: the page that shows this build; a builder with a screen hands it over. */
  readonly liveConsole: BuildConsole | undefined;
  /** -on-error=abort left something running (a VM) that only ending the process releases. */
  markAbandoned(): void;
  /** The build's debug log, kept in memory always and written out under KILN_LOG / PACKER_LOG. */
  readonly log: BuildLog;
  /** The template's sensitive values to `<sensitive>`, for what the build writes itself (diagnostics). */
  readonly redact: Redactor;
  /** -diagnostics DIR; undefined: beside the output directory. */
  readonly diagnosticsDir: string | undefined;
  /** The files a failed build saved for the user, to be named in its error. */
  reportDiagnostics(files: readonly DiagnosticFile[]): void;
}

export interface BuilderPlugin<Type extends string, Config> extends ConfiguredPlugin<Type, Config> {
  /** Runs the build to its artifact; throws on failure after its own cleanup. */
  run(config: Config, ctx: BuilderContext): Promise<Artifact>;
  /**
   * Checks that need the network or other I/O and that `validate` does too (Packer fetches a `file:` checksum
   * during validate); returns one message per problem.
   */
  check?(config: Config, ctx: { readonly cwd: string; readonly signal: AbortSignal }): Promise<string[]>;
}
