// IP network functions from go-cty-funcs (cidr/*.go, over apparentlymart/go-cidr), IPv4 and IPv6, in BigInt.

import { isIPv4, isIPv6 } from 'node:net';
import { HclFunctionError } from '../eval/function-error.js';
import { type HclValue, str } from '../eval/values.js';
import { toNum, toStr } from './convert.js';
import { define, type FunctionTable, number, text } from './spec.js';

interface Network {
  readonly base: bigint;
  readonly prefix: number;
  readonly bits: 32 | 128;
}

function parseAddress(ip: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (isIPv4(ip)) return { value: ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(o), 0n), bits: 32 };
  if (!isIPv6(ip)) return undefined;
  const [head = '', tail] = ip.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] as string[];
  return { value: all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n), bits: 128 };
}

function parseCidr(cidr: string, index: number): Network {
  const [ip = '', prefixText] = cidr.split('/');
  const address = parseAddress(ip);
  const prefix = Number(prefixText);
  if (!address || prefixText === undefined || !/^\d+$/.test(prefixText) || prefix > address.bits)
    throw new HclFunctionError(`invalid CIDR expression: invalid CIDR address: ${cidr}`, index);
  const hostBits = BigInt(address.bits - prefix);
  return { base: (address.value >> hostBits) << hostBits, prefix, bits: address.bits };
}

function formatAddress(value: bigint, bits: 32 | 128): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
  );
  const text = groups.join(':');
  const runs = [...text.matchAll(/(?:^|:)0(?::0)+(?::|$)/g)].sort((a, b) => b[0].length - a[0].length);
  const best = runs[0];
  if (!best) return text;
  return `${text.slice(0, best.index)}::${text.slice(best.index + best[0].length)}`;
}

function host(net: Network, n: number): string {
  const size = 1n << BigInt(net.bits - net.prefix);
  const offset = BigInt(n);
  if (offset >= size || -offset > size)
    throw new HclFunctionError(`prefix of ${net.prefix} does not accommodate a host numbered ${n}`);
  return formatAddress(net.base + (offset < 0n ? size + offset : offset), net.bits);
}

function subnet(net: Network, newbits: number, num: number): string {
  const prefix = net.prefix + newbits;
  if (prefix > net.bits)
    throw new HclFunctionError(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
  if (BigInt(num) >= 1n << BigInt(newbits) || num < 0)
    throw new HclFunctionError(
      `prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`,
    );
  const value = net.base | (BigInt(num) << BigInt(net.bits - prefix));
  return `${formatAddress(value, net.bits)}/${prefix}`;
}

const s = (name: string) => ({ name, type: toStr });
const n = (name: string) => ({ name, type: toNum });

export const CIDR_FUNCTIONS: FunctionTable = new Map([
  ['cidrhost', define([s('prefix'), n('hostnum')], ([p, h]) => str(host(parseCidr(text(p), 0), number(h))))],
  [
    'cidrnetmask',
    define([s('prefix')], ([p]) => {
      const net = parseCidr(text(p), 0);
      const mask = ((1n << BigInt(net.bits)) - 1n) ^ ((1n << BigInt(net.bits - net.prefix)) - 1n);
      return str(formatAddress(mask, net.bits));
    }),
  ],
  [
    'cidrsubnet',
    define([s('prefix'), n('newbits'), n('netnum')], ([p, b, k]) =>
      str(subnet(parseCidr(text(p), 0), number(b), number(k))),
    ),
  ],
  [
    'cidrsubnets',
    define(
      [s('prefix')],
      ([p, ...newbits]) => {
        const net = parseCidr(text(p), 0);
        let next = net.base;
        const out: HclValue[] = [];
        newbits.forEach((b, i) => {
          const prefix = net.prefix + number(b);
          if (number(b) < 1 || prefix > net.bits)
            throw new HclFunctionError(
              `would extend prefix to ${prefix} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address`,
              i + 1,
            );
          const size = 1n << BigInt(net.bits - prefix);
          const start = ((next + size - 1n) / size) * size;
          if (start + size > net.base + (1n << BigInt(net.bits - net.prefix)))
            throw new HclFunctionError(
              `not enough remaining address space for a subnet with a prefix of ${prefix} bits after ${formatAddress(next - 1n, net.bits)}`,
              i + 1,
            );
          out.push(str(`${formatAddress(start, net.bits)}/${prefix}`));
          next = start + size;
        });
        return { type: 'list', items: out };
      },
      n('newbits'),
    ),
  ],
]);
