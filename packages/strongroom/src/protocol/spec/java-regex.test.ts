import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJavaPattern, translateJavaPattern } from './java-regex.ts';

const matches = (pattern: string, value: string) => compileJavaPattern(pattern).test(value);

test('patterns match the whole value, as Pattern.matches does', () => {
  assert.ok(matches('[a-z]+', 'abc'));
  assert.ok(!matches('[a-z]+', 'abc1'));
  assert.ok(!matches('[a-z]+', '1abc'));
  assert.ok(matches('a|b', 'b'));
  assert.ok(!matches('a|b', 'ab'));
});

test('leading inline flags become RegExp flags', () => {
  assert.deepEqual(translateJavaPattern('(?i)all|[0-9]{12}'), { source: 'all|[0-9]{12}', flags: 'ui' });
  assert.ok(matches('(?i)all|[0-9]{12}', 'AlL'));
  assert.ok(matches('(?s).*', 'a\nb'));
  assert.ok(!matches('.*', 'a\nb'));
});

test('identity escapes that the u flag rejects are unescaped', () => {
  assert.ok(matches('[\\w+=,.@\\:-]*', 'a:b@c'));
  assert.ok(matches('^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$', '!a=b'));
  assert.ok(matches('^[0-9a-f]{8}\\-[0-9a-f]{4}$', '0123abcd-ef01'));
});

test('a hyphen beside a class escape is literal', () => {
  const re = compileJavaPattern('^[\\w-\\/.@+=,]{1,10}$');
  assert.ok(re.test('a-b/c'));
  assert.ok(!re.test('a b'));
});

test('possessive quantifiers and atomic groups are accepted', () => {
  assert.ok(matches('a++b', 'aab'));
  assert.ok(matches('a*+', 'aaa'));
  assert.ok(matches('x{2}+y', 'xxy'));
  assert.ok(matches('(?>ab)c', 'abc'));
  assert.ok(matches('a+?b', 'aab'));
});

test('Java-only escapes are translated', () => {
  assert.ok(matches('\\Aab\\Z', 'ab'));
  assert.ok(matches('\\Aab\\z', 'ab'));
  assert.ok(matches('\\Q[x]+\\E', '[x]+'));
  assert.ok(matches('\\p{Alpha}+', 'abC'));
  assert.ok(!matches('\\p{Alpha}+', 'é'));
  assert.ok(matches('[\\p{Alnum}_]+', 'a_1'));
  assert.ok(matches('\\P{Digit}', 'x'));
  assert.ok(matches('[\\P{Alpha}1]+', '1-é'));
  assert.ok(!matches('[\\P{Alpha}]', 'a'));
  assert.ok(matches('\\p{javaLetterOrDigit}+', 'é1'));
  assert.ok(matches('\\p{IsAlphabetic}+', 'éa'));
  assert.ok(matches('\\p{L}\\p{Z}\\p{N}', 'é 1'));
  assert.ok(matches('\\x{41}', 'A'));
  assert.ok(matches('\\h', '\u00a0'));
});

test('surrogate pairs written as escapes are code point ranges', () => {
  const re = compileJavaPattern('[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*');
  assert.ok(re.test('hello 😀'));
  assert.ok(!re.test('a\u0001'));
});

test('lone braces are literal', () => {
  assert.ok(matches('\\{\\{[a-z]+}}', '{{ab}}'));
  assert.ok(matches('a{x', 'a{x'));
});
