// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are HCL source
// Expected values are taken from go-cty-funcs' encoding/crypto/uuid tests, go-cty's json/csv tests,
// go-cty-yaml's tests, Packer's hcl2template tests, and the functions' documentation examples.
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { str } from '../../src/hcl/eval/index.js';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('encoding functions', () => {
  it.each([
    ['base64encode("Hello World")', 'SGVsbG8gV29ybGQ='],
    ['base64decode("SGVsbG8gV29ybGQ=")', 'Hello World'],
    [
      'csvdecode("a,b,c\\n1,2,3\\n4,5,6")',
      [
        { a: '1', b: '2', c: '3' },
        { a: '4', b: '5', c: '6' },
      ],
    ],
    ['csvdecode("a,b\\n\\"x,\\"\\"y\\"\\"\\",2\\n")', [{ a: 'x,"y"', b: '2' }]],
    ['jsondecode("{\\"hello\\": \\"world\\"}")', { hello: 'world' }],
    ['jsondecode("[true, 1.5, null]")', [true, 1.5, null]],
    ['jsonencode({"hello" = "world"})', '{"hello":"world"}'],
    ['jsonencode(["<a&b>", 10, true, null])', '["\\u003ca\\u0026b\\u003e",10,true,null]'],
    ['urlencode("Hello World!")', 'Hello+World%21'],
    ['urlencode("☃")', '%E2%98%83'],
    ['urlencode("foo:bar@localhost?foo=bar&bar=baz")', 'foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz'],
    ['textencodebase64("Hello World", "UTF-16LE")', 'SABlAGwAbABvACAAVwBvAHIAbABkAA=='],
    ['textdecodebase64("SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE")', 'Hello World'],
    ['yamldecode("hello: world")', { hello: 'world' }],
    ['yamldecode("- a\\n- 2\\n- true\\n- yes")', ['a', 2, true, 'yes']],
    ['yamlencode({"a" = "b", "c" = "d"})', '"a": "b"\n"c": "d"\n'],
    ['yamlencode({"foo" = [1, 2, 3], "bar" = "baz"})', '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n'],
    [
      'yamlencode({"foo" = [1, {"a" = "b", "c" = "d"}, 3], "bar" = "baz"})',
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    ],
    ['yamlencode("x")', '"x"\n'],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it('base64gzip compresses, then encodes', () => {
    const out = evalPlain('base64gzip("test")') as string;
    expect(gunzipSync(Buffer.from(out, 'base64')).toString()).toBe('test');
  });

  it.each([
    ['base64decode("dGVzdA")', "failed to decode base64 data 'dGVzdA'"],
    ['base64decode("/w==")', 'the result of decoding the the provided string is not valid UTF-8'],
    ['csvdecode("")', 'missing header line'],
    ['csvdecode("a,b\\n1")', 'CSV parse error on line 2: wrong number of fields'],
    ['csvdecode("a,a\\n1,2")', 'duplicate column name "a"'],
    ['jsondecode("x")', 'a JSON document cannot begin with the character "x"'],
    ['textencodebase64("x", "NOPE")', '"NOPE" is not a supported IANA encoding name or alias'],
    ['yamldecode("a: b\\n---\\nc: d")', 'unexpected extra content'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});

describe('hash and crypto functions', () => {
  it.each([
    ['md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1("hello world")', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256("hello world")', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    [
      'sha512("hello world")',
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    ],
    ['uuidv5("dns", "www.terraform.io")', 'a5008fae-b28c-5ba5-96cd-82b4c53552d6'],
    ['uuidv5("url", "https://www.terraform.io/")', '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5'],
    [
      'uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.terraform.io")',
      'a5008fae-b28c-5ba5-96cd-82b4c53552d6',
    ],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it('uuidv4 makes random version-4 UUIDs', () => {
    const a = evalPlain('uuidv4()');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evalPlain('uuidv4()')).not.toBe(a);
  });

  it('rsadecrypt reverses PKCS#1 v1.5 encryption with a PKCS#1 key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const secret = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from('Hello, World!'),
    );
    const vars = new Map([
      ['c', str(secret.toString('base64'))],
      ['k', str(privateKey)],
    ]);
    expect(evalPlain('rsadecrypt(c, k)', vars)).toBe('Hello, World!');
    expect(evalError('rsadecrypt("AAAA", k)', vars)).toContain('crypto/rsa: decryption error');
    expect(evalError('rsadecrypt("a", k)', vars)).toContain(
      'failed to decode input "a": cipher text must be base64-encoded',
    );
    expect(evalError('rsadecrypt(c, "nope")', vars)).toContain('failed to parse key: no key found');
  });

  it('uuidv5 refuses a bad namespace', () => {
    expect(evalError('uuidv5("nope", "x")')).toContain("uuidv5() doesn't support namespace nope");
  });
});
