// Whether a process with this PID exists (signal 0 checks without sending anything). EPERM means it exists but
// belongs to someone else. A PID can be reused: callers that must know it is *their* process check more
// (proc-identity.ts); for stale lock and partial files, "no such PID" is enough to take them over.
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
