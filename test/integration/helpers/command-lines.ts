// Watches every process's command line (/proc/*/cmdline) while a run lasts: what another user on the machine
// could read. Reports the ones holding a given text, and whether a QEMU was seen at all.
import { readdirSync, readFileSync } from 'node:fs';

export interface CommandLineWatch {
  stop(): { qemuSeen: boolean; matches: string[] };
}

export function watchCommandLines(needle: string, everyMs = 200): CommandLineWatch {
  const matches = new Set<string>();
  let qemuSeen = false;
  const scan = () => {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let cmdline: string;
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {
        continue; // gone between the listing and the read
      }
      if (/qemu-system-/.test(cmdline)) qemuSeen = true;
      if (cmdline.includes(needle)) matches.add(cmdline);
    }
  };
  const timer = setInterval(scan, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { qemuSeen, matches: [...matches] };
    },
  };
}
