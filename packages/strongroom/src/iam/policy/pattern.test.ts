import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePattern, dynamicPattern, testPattern } from './pattern.ts';
import { escapePattern, parseTemplate, renderLiteral, renderPattern } from './template.ts';

const glob = (p: string, v: string) => testPattern(compilePattern(p, 'glob'), v);
const arn = (p: string, v: string) => testPattern(compilePattern(p, 'arn'), v);

test('glob: * spans anything, ? one character, the rest is literal', () => {
  assert.ok(glob('a*c', 'abbbc'));
  assert.ok(glob('a*c', 'ac'));
  assert.ok(glob('a?c', 'abc'));
  assert.ok(!glob('a?c', 'ac'));
  assert.ok(glob('a.b', 'a.b'));
  assert.ok(!glob('a.b', 'axb'), 'regex metacharacters are literal');
  assert.ok(glob('(x)+[y]', '(x)+[y]'));
  assert.ok(glob('*', ''));
  assert.ok(glob('a*', 'a\nb'), '* spans newlines too');
});

test('glob: backslash escapes make wildcards literal', () => {
  assert.ok(glob('a\\*b', 'a*b'));
  assert.ok(!glob('a\\*b', 'axb'));
  assert.ok(glob('a\\\\b', 'a\\b'));
});

test('arn: wildcards stay inside the first five segments', () => {
  assert.ok(arn('arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:eu-west-1:111122223333:key/k'));
  assert.ok(!arn('arn:aws:kms:*:key/*', 'arn:aws:kms:eu-west-1:111122223333:key/k'));
  assert.ok(arn('arn:aws:kms:us-?ast-1:*:key/*', 'arn:aws:kms:us-east-1:111122223333:key/k'));
  assert.ok(!arn('arn:aws:kms:?:111122223333:key/k', 'arn:aws:kms::111122223333:key/k'), '? needs one character');
});

test('arn: the resource part is matched whole, across / and :', () => {
  assert.ok(arn('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c'));
  assert.ok(arn('arn:aws:ssm:*:*:parameter/app/*', 'arn:aws:ssm:us-east-1:111122223333:parameter/app/db/password'));
  assert.ok(!arn('arn:aws:ssm:*:*:parameter/app/*', 'arn:aws:ssm:us-east-1:111122223333:parameter/other'));
});

test('arn: a short pattern ending in * covers the rest', () => {
  assert.ok(arn('arn:aws:kms:*', 'arn:aws:kms:us-east-1:111122223333:key/k'));
  assert.ok(arn('arn:aws:kms:us-east-1:*', 'arn:aws:kms:us-east-1:111122223333:alias/a'));
  assert.ok(!arn('arn:aws:kms:us-east-1:*', 'arn:aws:kms:us-west-2:111122223333:key/k'));
  assert.ok(arn('*', 'anything at all'));
});

test('exact patterns compare as strings', () => {
  const m = compilePattern('arn:aws:kms:us-east-1:111122223333:key/k', 'arn');
  assert.equal(m.exact, 'arn:aws:kms:us-east-1:111122223333:key/k');
  assert.ok(testPattern(compilePattern('ABC', 'glob', true), 'abc'));
});

test('dynamic patterns are cached by their text', () => {
  assert.equal(dynamicPattern('a*', 'glob'), dynamicPattern('a*', 'glob'));
  assert.notEqual(dynamicPattern('a*', 'glob'), dynamicPattern('a*', 'arn'));
});

test('templates: variables, defaults and escapes', () => {
  const vars = { single: (k: string) => ({ 'aws:username': 'alice', 'aws:principaltag/team': 'a*b' })[k] };
  const t = parseTemplate('home/${aws:username}/${aws:PrincipalTag/team}/${*}${?}${$}', true);
  assert.deepEqual(t.requiredKeys, ['aws:username', 'aws:principaltag/team']);
  assert.equal(renderLiteral(t, vars), 'home/alice/a*b/*?$');
  assert.equal(renderPattern(t, vars), 'home/alice/a\\*b/\\*\\?$');
  const d = parseTemplate("x/${aws:userid, 'anonymous'}", true);
  assert.deepEqual(d.requiredKeys, []);
  assert.equal(renderLiteral(d, vars), 'x/anonymous');
  assert.equal(renderLiteral(parseTemplate('${aws:userid}', true), vars), undefined);
});

test('templates: version 2008-10-17 has no variables; malformed ${ stays literal', () => {
  const t = parseTemplate('a/${aws:username}', false);
  assert.equal(t.staticLiteral, 'a/${aws:username}');
  assert.equal(parseTemplate('a/${unclosed', true).staticLiteral, 'a/${unclosed');
  assert.equal(parseTemplate('a/${}', true).staticLiteral, 'a/${}');
  assert.equal(escapePattern('*?\\'), '\\*\\?\\\\');
});
