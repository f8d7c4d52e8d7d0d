// What a build sees of the live console: its log and step go to the page, and the QEMU builder hands it the
// VM's VNC server to show. One per build; the server behind it is made by startLiveConsole.

/** -console (view-only) or -console=interactive (the page's key presses reach the VM). */
export type ConsoleMode = 'view-only' | 'interactive';

export interface VncTarget {
  readonly host: string;
  readonly port: number;
  readonly password: string | undefined;
}

export interface ScreenWatch {
  /** Closes Kiln's VNC connection for the page; idempotent. */
  stop(): Promise<void>;
}

export interface BuildConsole {
  /** Aborted the first time the user types into the VM from the page (never in view-only mode). */
  readonly takeover: AbortSignal;
  /** One output line, already redacted. */
  log(line: string): void;
  /** The step now running; the page shows it with the time since it started. */
  step(name: string): void;
  /** Shows the VM's screen until stop(); reconnects if the VNC connection drops while the VM lives. */
  watchScreen(target: VncTarget): ScreenWatch;
  /** The build's result, already redacted. */
  finish(ok: boolean, text: string): void;
}
