// Every build's output also goes to the console page: each Ui the factory makes copies its lines (redacted
// as on the terminal) and its current step to the console, then does what it did before.
import { createRedactor } from '../core/redact.js';
import type { Ui } from '../core/ui.js';
import type { LiveConsole } from '../live-console/server.js';
import type { UiFactory } from './ui-factory.js';

export function teeToConsole(createUi: UiFactory, live: LiveConsole): UiFactory {
  return (target, sensitive): Ui => {
    const ui = createUi(target, sensitive);
    const redact = createRedactor(sensitive);
    const build = target ? live.forBuild(target) : undefined;
    const prefix = target ? `${target}: ` : '';
    const log = (text: string) => {
      for (const line of redact(text).split('\n')) (build ?? live).log(line);
    };
    return {
      say: (message) => {
        log(`==> ${prefix}${message}`);
        ui.say(message);
      },
      message: (message) => {
        log(`    ${prefix}${message}`);
        ui.message(message);
      },
      error: (message) => {
        log(`==> ${prefix}${message}`);
        ui.error(message);
      },
      status: (step) => {
        build?.step(redact(step));
        ui.status?.(step);
      },
      progress: (label, total, unit) => {
        const inner = ui.progress(label, total, unit);
        return {
          update: (done) => inner.update(done),
          done: () => {
            log(`    ${prefix}${label}: done`);
            inner.done();
          },
        };
      },
    };
  };
}
