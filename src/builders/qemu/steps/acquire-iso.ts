// Gets the installer ISO (or disk image): resolves iso_checksum, then downloads and verifies it or uses a
// local file in place. A mismatch stops here, before anything boots. With iso_skip_cache QEMU reads the URL.
import type { Step } from '../../../core/runner.js';
import {
  acquireIso as acquire,
  findByteServingUrl,
  formatChecksum,
  resolveChecksum,
  stallTimeoutFromEnv,
} from '../../../iso/index.js';
import type { QemuBuildContext } from '../build-context.js';

export function acquireIso(): Step<QemuBuildContext> {
  return {
    name: 'acquire-iso',
    async run(ctx, signal) {
      const { config } = ctx;
      // Packer resolves relative paths against the working directory, not the template's.
      const baseDir = process.cwd();
      const urls = config.isoUrls;
      const stallTimeoutMs = stallTimeoutFromEnv(ctx.env);
      if (config.isoSkipCache) {
        ctx.state.isoPath = await findByteServingUrl(urls, signal, stallTimeoutMs);
        ctx.ui.say(
          `QEMU reads the ISO from ${ctx.state.isoPath} (iso_skip_cache: not downloaded, not verified)`,
        );
        return;
      }
      ctx.ui.say(`Retrieving ISO ${urls.length === 1 ? urls[0] : `(${urls.length} locations)`}`);
      const checksum = await resolveChecksum(config.isoChecksum, {
        isoUrl: urls[0] as string,
        baseDir,
        signal,
        stallTimeoutMs,
      });
      if (checksum === 'none') ctx.ui.message('WARNING: iso_checksum is "none": the ISO is not verified');
      const iso = await acquire({
        urls,
        checksum,
        cacheDir: ctx.cacheDir,
        targetPath: config.isoTargetPath,
        targetExtension: config.isoTargetExtension,
        baseDir,
        signal,
        stallTimeoutMs,
        ui: ctx.ui,
      });
      ctx.state.isoPath = iso.path;
      if (checksum !== 'none') ctx.state.isoChecksum = formatChecksum(checksum);
    },
  };
}
