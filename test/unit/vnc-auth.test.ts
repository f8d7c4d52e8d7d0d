// VNC DES auth: classic FIPS DES vector through VNC's bit-reversed key, and password padding/truncation.
import { describe, expect, it } from 'vitest';
import { vncAuthResponse } from '../../src/vnc/index.js';

describe('vncAuthResponse', () => {
  it('is single DES with each key byte bit-reversed (DES vector 133457799BBCDFF1 / 0123456789ABCDEF)', () => {
    // c8 2c ... is 13 34 57 79 9b bc df f1 with the bits of each byte reversed, as VNC stores passwords.
    const password = Buffer.from('c82cea9ed93dfb8f', 'hex');
    const challenge = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
    expect(vncAuthResponse(challenge, password).toString('hex')).toBe('85e813540f0ab40585e813540f0ab405');
  });

  it('zero-pads short passwords and ignores bytes past the eighth', () => {
    const challenge = Buffer.alloc(16, 0x5a);
    expect(vncAuthResponse(challenge, Buffer.from('abc'))).toEqual(
      vncAuthResponse(challenge, Buffer.from('abc\0\0\0\0\0')),
    );
    expect(vncAuthResponse(challenge, Buffer.from('12345678xyz'))).toEqual(
      vncAuthResponse(challenge, Buffer.from('12345678')),
    );
    expect(vncAuthResponse(challenge, Buffer.from('12345678'))).not.toEqual(
      vncAuthResponse(challenge, Buffer.from('12345679')),
    );
  });
});
