// The live console (-console): the VM's screen, the log and the current step in a browser, on loopback.
export type { BuildConsole, ConsoleMode, ScreenWatch, VncTarget } from './build-console.js';
export { type LiveConsole, startLiveConsole } from './server.js';
