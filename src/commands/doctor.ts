// `kiln doctor`: what this machine can build with, and what to install or change; exit 1 when no build can run.
import { type DoctorContext, type Finding, type FindingStatus, runChecks } from './doctor-checks.js';

export interface DoctorOptions extends DoctorContext {
  out: NodeJS.WritableStream;
}

const LABELS: Record<FindingStatus, string> = { ok: 'ok', warn: 'warn', missing: 'no', fail: 'FAIL' };

export async function runDoctorCommand(options: DoctorOptions): Promise<number> {
  const findings = await runChecks(options);
  const width = Math.max(...findings.map((f) => f.name.length));
  for (const finding of findings) options.out.write(formatFinding(finding, width));
  const failed = findings.filter((f) => f.status === 'fail');
  if (failed.length > 0) {
    options.out.write(`\nKiln cannot build here: ${failed.map((f) => f.name).join(' and ')} missing.\n`);
    return 1;
  }
  const tcg = findings.some((f) => f.name === '/dev/kvm' && f.status !== 'ok');
  options.out.write(`\nKiln can build here${tcg ? ', with TCG (no usable KVM)' : ', with KVM'}.\n`);
  return 0;
}

function formatFinding(finding: Finding, width: number): string {
  const head = `${LABELS[finding.status].padEnd(4)}  ${finding.name.padEnd(width)}  ${finding.detail}\n`;
  return finding.hint ? `${head}${' '.repeat(width + 8)}-> ${finding.hint}\n` : head;
}
