// Minimal RFB (VNC) client for typing boot commands into QEMU.
export { connectVnc, type VncClient, type VncConnectOptions, type VncKeyEvent } from './client.js';
export { vncAuthResponse } from './vnc-auth.js';
