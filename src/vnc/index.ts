// Minimal RFB (VNC) client for typing boot commands into QEMU and watching its screen.
export {
  connectVnc,
  type ScreenSink,
  type VncClient,
  type VncConnectOptions,
  type VncKeyEvent,
} from './client.js';
export { vncAuthResponse } from './vnc-auth.js';
