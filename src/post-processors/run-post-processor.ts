// Dispatches one resolved post-processor to its implementation.
import type { Ui } from '../core/ui.js';
import { shellLocalOptions, uiSink } from '../provisioners/run-provisioner.js';
import type { ResolvedPostProcessor } from '../template/index.js';
import type { Artifact, PostProcessorResult } from './artifact.js';
import { runConvert } from './convert/run.js';
import { runShellLocalPostProcessor } from './shell-local/run.js';

export interface PostProcessorContext {
  ui: Ui;
  signal: AbortSignal;
  render: (text: string, data: Readonly<Record<string, string | number>>) => string;
  buildName: string;
  builderType: string;
}

export async function runPostProcessor(
  pp: ResolvedPostProcessor,
  input: Artifact,
  ctx: PostProcessorContext,
): Promise<PostProcessorResult> {
  const { config } = pp;
  if (config.type === 'convert') {
    const data = { BuildName: ctx.buildName, BuilderType: ctx.builderType };
    const output = config.output === undefined ? undefined : ctx.render(config.output, data);
    return runConvert(input, { ...config, output }, ctx.ui, ctx.signal);
  }
  await runShellLocalPostProcessor(
    { ...shellLocalOptions(config), buildName: ctx.buildName, builderType: ctx.builderType },
    { files: input.files, builderType: ctx.builderType },
    { render: ctx.render, sink: uiSink(ctx.ui), signal: ctx.signal },
  );
  // shell-local hands its input on unchanged and always keeps it (Packer).
  return { artifact: input, keepInputDefault: true, forceKeepInput: true };
}
