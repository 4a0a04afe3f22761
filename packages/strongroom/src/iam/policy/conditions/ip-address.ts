/**
 * IpAddress and NotIpAddress: the key (aws:SourceIp) against IPv4 or IPv6
 * CIDR ranges; "If you specify an IP address without the associated routing
 * prefix, IAM uses the default prefix value of /32" (/128 for IPv6). An
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d, as a dual-stack socket reports
 * IPv4 peers) is matched as the IPv4 address. No policy variables.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { NEVER, NO_KEYS, type OperatorDefinition, type ValueMatcher } from './operator.ts';

/** An address as 16-bit words: 2 for IPv4, 8 for IPv6. */
export interface IpAddressValue {
  readonly words: readonly number[];
}

export interface CidrRange {
  readonly words: readonly number[];
  readonly prefix: number;
}

export function parseIp(text: string): IpAddressValue | undefined {
  const value = text.trim();
  if (isIPv4(value)) return { words: ipv4Words(value) };
  const bare = value.includes('%') ? value.slice(0, value.indexOf('%')) : value;
  if (!isIPv6(bare)) return undefined;
  const words = ipv6Words(bare);
  // ::ffff:a.b.c.d → a.b.c.d
  if (words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0 && words[4] === 0 && words[5] === 0xffff) {
    return { words: [words[6], words[7]] };
  }
  return { words };
}

export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = address.words.length * 16;
  if (slash < 0) return { words: address.words, prefix: bits };
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > bits ? undefined : { words: address.words, prefix };
}

export function cidrContains(range: CidrRange, address: IpAddressValue): boolean {
  if (range.words.length !== address.words.length) return false;
  let remaining = range.prefix;
  for (let i = 0; remaining > 0; i++, remaining -= 16) {
    const take = remaining >= 16 ? 16 : remaining;
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((range.words[i] & mask) !== (address.words[i] & mask)) return false;
  }
  return true;
}

function ipv4Words(value: string): number[] {
  const [a, b, c, d] = value.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

function ipv6Words(value: string): number[] {
  let text = value;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = ipv4Words(text.slice(lastColon + 1));
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':').map((h) => parseInt(h, 16)) : [];
  const right = rest ? rest.split(':').map((h) => parseInt(h, 16)) : [];
  const words = rest === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  if (tail.length) {
    words[6] = tail[0];
    words[7] = tail[1];
  }
  return words;
}

// The same source address is tested against many statements; keep the last parse.
let lastText: string | undefined;
let lastValue: IpAddressValue | undefined;

function parseRequestIp(text: string): IpAddressValue | undefined {
  if (text !== lastText) {
    lastText = text;
    lastValue = parseIp(text);
  }
  return lastValue;
}

function ipMatcher(values: readonly string[]): ValueMatcher {
  const ranges: CidrRange[] = [];
  for (const v of values) {
    const r = parseCidr(v);
    if (r) ranges.push(r);
  }
  if (ranges.length === 0) return NEVER;
  return {
    requiredKeys: NO_KEYS,
    test(requestValue: string): boolean {
      const address = parseRequestIp(requestValue);
      if (!address) return false;
      for (const r of ranges) if (cidrContains(r, address)) return true;
      return false;
    },
  };
}

export const IP_OPERATORS: readonly OperatorDefinition[] = [
  { name: 'IpAddress', negated: false, compile: (v) => ipMatcher(v) },
  { name: 'NotIpAddress', negated: true, compile: (v) => ipMatcher(v) },
];
