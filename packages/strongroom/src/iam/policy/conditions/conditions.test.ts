import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDate } from './date.ts';
import { cidrContains, parseCidr, parseIp } from './ip-address.ts';
import { parseOperatorName } from './index.ts';
import { parseNumber } from './numeric.ts';

test('dates: W3C ISO 8601 forms and epoch seconds', () => {
  assert.equal(parseDate('2025-01-01T00:00:00Z'), Date.UTC(2025, 0, 1));
  assert.equal(parseDate('2025-01-01'), Date.UTC(2025, 0, 1));
  assert.equal(parseDate('2025-03'), Date.UTC(2025, 2, 1));
  assert.equal(parseDate('2025-01-01T10:20'), Date.UTC(2025, 0, 1, 10, 20));
  assert.equal(parseDate('2025-01-01T10:20:30.5Z'), Date.UTC(2025, 0, 1, 10, 20, 30, 500));
  assert.equal(parseDate('2025-01-01T02:00:00+02:00'), Date.UTC(2025, 0, 1));
  assert.equal(parseDate('2025-01-01T00:00:00-0130'), Date.UTC(2025, 0, 1, 1, 30));
  assert.equal(parseDate('1735689600'), Date.UTC(2025, 0, 1));
  assert.equal(parseDate('2025-13-01'), undefined);
  assert.equal(parseDate('yesterday'), undefined);
  assert.equal(parseDate('2025/01/01'), undefined);
});

test('numbers: integers and decimals only', () => {
  assert.equal(parseNumber('10'), 10);
  assert.equal(parseNumber('-1.5'), -1.5);
  assert.equal(parseNumber('.5'), 0.5);
  assert.equal(parseNumber('1e3'), 1000);
  assert.equal(parseNumber('0x10'), undefined);
  assert.equal(parseNumber(''), undefined);
  assert.equal(parseNumber('ten'), undefined);
});

test('IP addresses and CIDR ranges, v4 and v6', () => {
  const v4 = parseCidr('203.0.113.0/24')!;
  assert.ok(cidrContains(v4, parseIp('203.0.113.255')!));
  assert.ok(!cidrContains(v4, parseIp('203.0.112.255')!));
  assert.ok(cidrContains(parseCidr('0.0.0.0/0')!, parseIp('8.8.8.8')!));
  assert.ok(cidrContains(parseCidr('10.1.2.3')!, parseIp('10.1.2.3')!));
  assert.ok(!cidrContains(parseCidr('10.1.2.3')!, parseIp('10.1.2.4')!));
  const v6 = parseCidr('2001:DB8:1234:5678::/64')!;
  assert.ok(cidrContains(v6, parseIp('2001:db8:1234:5678:ffff::1')!));
  assert.ok(!cidrContains(v6, parseIp('2001:db8:1234:5679::1')!));
  assert.ok(!cidrContains(v6, parseIp('203.0.113.1')!), 'families never mix');
  assert.ok(cidrContains(parseCidr('::1')!, parseIp('0:0:0:0:0:0:0:1')!));
  assert.ok(cidrContains(parseCidr('2001:db8::/32')!, parseIp('2001:db8::c0a8:101')!));
  assert.deepEqual(parseIp('::ffff:192.168.1.1')!.words, parseIp('192.168.1.1')!.words);
  assert.ok(cidrContains(parseCidr('fe80::/10')!, parseIp('fe80::1%eth0')!));
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('300.0.0.0/8'), undefined);
  assert.equal(parseCidr('10.0.0.0/x'), undefined);
});

test('operator names: set prefixes and IfExists', () => {
  assert.deepEqual(
    (({ base, setOperator, ifExists, isNull }) => ({ base, setOperator, ifExists, isNull }))(parseOperatorName('ForAnyValue:StringLikeIfExists')!),
    { base: 'StringLike', setOperator: 'ForAnyValue', ifExists: true, isNull: false },
  );
  assert.equal(parseOperatorName('ForAllValues:Null')?.isNull, true);
  assert.equal(parseOperatorName('NullIfExists'), undefined);
  assert.equal(parseOperatorName('stringequals'), undefined, 'operator names are case-sensitive');
  assert.equal(parseOperatorName('ForSomeValues:StringEquals'), undefined);
  for (const name of ['StringEquals', 'NumericGreaterThanEquals', 'DateNotEquals', 'Bool', 'BinaryEquals', 'NotIpAddress', 'ArnNotLike']) {
    assert.ok(parseOperatorName(name), name);
  }
});
