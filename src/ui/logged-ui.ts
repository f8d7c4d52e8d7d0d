// A build's Ui that also copies each line into its debug log, as Packer logs "ui: ..." and "ui error: ...":
// the saved tail of a failed build then reads as the output did, with the detail in between.
import type { Logger } from '../core/debug-log.js';
import type { Ui } from '../core/ui.js';

export function loggedUi(ui: Ui, log: Logger): Ui {
  const said = log.scoped('ui');
  const errors = log.scoped('ui error');
  return {
    say: (message) => {
      said.info(`==> ${message}`);
      ui.say(message);
    },
    message: (message) => {
      said.info(message);
      ui.message(message);
    },
    error: (message) => {
      errors.info(message);
      ui.error(message);
    },
    ...(ui.status ? { status: (step: string) => ui.status?.(step) } : {}),
    progress: (label, total, unit) => {
      said.info(`${label}...`);
      return ui.progress(label, total, unit);
    },
  };
}
