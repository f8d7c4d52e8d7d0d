// RFB handshake up to ServerInit: protocol version 3.3/3.7/3.8, security None or VNC auth, shared ClientInit.
import { KilnError } from '../core/errors.js';
import type { ByteReader } from './byte-reader.js';
import { vncAuthResponse } from './vnc-auth.js';

const SECURITY_NONE = 1;
const SECURITY_VNC_AUTH = 2;

export interface ServerInit {
  readonly width: number;
  readonly height: number;
  readonly bitsPerPixel: number;
  readonly name: string;
}

export interface HandshakeOptions {
  /** "host:port", for messages. */
  readonly target: string;
  readonly password?: string | undefined;
  write(data: Buffer): void;
}

export async function handshake(reader: ByteReader, options: HandshakeOptions): Promise<ServerInit> {
  const minor = await negotiateVersion(reader, options);
  const type = await negotiateSecurity(reader, minor, options);
  if (type === SECURITY_VNC_AUTH) {
    const challenge = await reader.read(16);
    options.write(vncAuthResponse(challenge, Buffer.from(options.password ?? '', 'utf8')));
  }
  // 3.8 always sends SecurityResult; 3.3 and 3.7 only after VNC auth.
  if (minor >= 8 || type === SECURITY_VNC_AUTH) {
    if ((await reader.u32()) !== 0) {
      const reason = minor >= 8 ? await readString(reader) : '';
      throw vncError(options, `authentication failed${reason ? `: ${reason}` : ''}`, 'check vnc_password');
    }
  }
  options.write(Buffer.from([1])); // ClientInit: shared, so a watching viewer is not kicked off
  const header = await reader.read(20);
  const name = await readString(reader);
  return {
    width: header.readUInt16BE(0),
    height: header.readUInt16BE(2),
    bitsPerPixel: header.readUInt8(4),
    name,
  };
}

async function negotiateVersion(reader: ByteReader, options: HandshakeOptions): Promise<number> {
  const banner = (await reader.read(12)).toString('latin1');
  const match = /^RFB (\d{3})\.(\d{3})\n$/u.exec(banner);
  if (!match) throw vncError(options, `not a VNC server (greeting ${JSON.stringify(banner)})`);
  const major = Number(match[1]);
  const serverMinor = Number(match[2]);
  // Unknown 3.x minors are treated as 3.3 (RFC 6143 §7.1.1); anything newer speaks 3.8.
  const minor = major > 3 || serverMinor >= 8 ? 8 : serverMinor === 7 ? 7 : 3;
  options.write(Buffer.from(`RFB 003.00${minor}\n`, 'latin1'));
  return minor;
}

async function negotiateSecurity(
  reader: ByteReader,
  minor: number,
  options: HandshakeOptions,
): Promise<number> {
  if (minor === 3) {
    const type = await reader.u32();
    if (type === 0) throw vncError(options, `server refused the connection: ${await readString(reader)}`);
    if (type !== SECURITY_NONE && type !== SECURITY_VNC_AUTH)
      throw vncError(options, `unsupported security type ${type}`);
    if (type === SECURITY_VNC_AUTH && options.password === undefined) throw needsPassword(options);
    return type;
  }
  const count = await reader.u8();
  if (count === 0) throw vncError(options, `server refused the connection: ${await readString(reader)}`);
  const offered = [...(await reader.read(count))];
  const type =
    options.password !== undefined && offered.includes(SECURITY_VNC_AUTH)
      ? SECURITY_VNC_AUTH
      : offered.includes(SECURITY_NONE)
        ? SECURITY_NONE
        : offered.includes(SECURITY_VNC_AUTH)
          ? undefined
          : -1;
  if (type === undefined) throw needsPassword(options);
  if (type === -1)
    throw vncError(
      options,
      `no supported security type (server offers ${offered.join(', ')}; Kiln supports None and VNC auth)`,
    );
  options.write(Buffer.from([type]));
  return type;
}

async function readString(reader: ByteReader): Promise<string> {
  const length = await reader.u32();
  // A name or reason longer than this is junk; skip it rather than buffer it.
  if (length > 65_536) {
    await reader.skip(length);
    return '';
  }
  return (await reader.read(length)).toString('utf8');
}

function needsPassword(options: HandshakeOptions): KilnError {
  return vncError(
    options,
    'server requires VNC authentication but no password was given',
    'set vnc_password',
  );
}

export function vncError(options: { target: string }, message: string, hint?: string): KilnError {
  return new KilnError(`VNC ${options.target}: ${message}`, { code: 'vnc', ...(hint ? { hint } : {}) });
}
