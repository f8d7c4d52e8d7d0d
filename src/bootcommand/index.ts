// Boot command: Packer's grammar, the US key model and the typing executor.
export {
  type BootAction,
  type CharAction,
  formatAction,
  type KeyAction,
  type SpecialAction,
  type WaitAction,
} from './actions.js';
export {
  type BootProgress,
  type KeySender,
  type TypeBootCommandOptions,
  typeBootCommand,
} from './executor.js';
export { type KeyEvent, keyEventsFor } from './key-events.js';
export {
  BootCommandError,
  type BootCommandProblem,
  findBootCommandProblems,
  parseBootCommand,
  validateBootCommand,
} from './parser.js';
export { SPECIAL_KEYS, type SpecialKey, specialKey } from './special-keys.js';
export { type CharKey, usKeyFor } from './us-layout.js';
