// Stops a local child's whole process group on cancel, so what a script or tool started does not outlive it.

/** On abort: SIGTERM to the whole process group, SIGKILL after the grace period. Returns the disposer. */
export function killGroupOnAbort(pid: number | undefined, signal: AbortSignal, graceMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const kill = (name: NodeJS.Signals): void => {
    try {
      if (pid !== undefined) process.kill(-pid, name);
    } catch {
      // The group is already gone.
    }
  };
  const onAbort = (): void => {
    kill('SIGTERM');
    timer = setTimeout(() => kill('SIGKILL'), graceMs);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    // Leftovers of a cancelled run must not outlive it.
    if (signal.aborted) kill('SIGKILL');
  };
}
