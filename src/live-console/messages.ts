// What the server tells a page over the WebSocket as JSON text (screen pictures go as binary: framebuffer.ts).
import type { ConsoleMode } from './build-console.js';

export type ServerMessage =
  | { t: 'hello'; mode: ConsoleMode }
  | { t: 'build'; id: number; name: string }
  | { t: 'step'; id: number; step: string; since: number }
  | { t: 'screen'; id: number; width: number; height: number; state: string }
  | { t: 'log'; line: string }
  | { t: 'result'; id: number; ok: boolean; text: string }
  | { t: 'notice'; text: string }
  | { t: 'end'; ok: boolean; text: string };
