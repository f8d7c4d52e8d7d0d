// Expected values are taken from go-cty-funcs' cidr tests and the functions' documentation examples.
import { describe, expect, it } from 'vitest';
import { evalError, evalPlain } from './hcl-functions-helper.js';

describe('IP network functions', () => {
  it.each([
    ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
    ['cidrhost("10.12.112.0/20", 268)', '10.12.113.12'],
    ['cidrhost("192.168.1.0/24", -1)', '192.168.1.255'],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
    ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
    ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
    ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
    [
      'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
      ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20'],
    ],
  ])('%s', (src, want) => {
    expect(evalPlain(src)).toEqual(want);
  });

  it.each([
    ['cidrhost("10.0.0.0/30", 4)', 'prefix of 30 does not accommodate a host numbered 4'],
    ['cidrnetmask("not-a-cidr")', 'invalid CIDR expression: invalid CIDR address: not-a-cidr'],
    ['cidrsubnet("10.0.0.0/30", 4, 0)', 'insufficient address space to extend prefix of 30 by 4'],
    ['cidrsubnet("10.0.0.0/24", 2, 4)', 'prefix extension of 2 does not accommodate a subnet numbered 4'],
  ])('%s fails', (src, message) => {
    expect(evalError(src)).toContain(message);
  });
});
