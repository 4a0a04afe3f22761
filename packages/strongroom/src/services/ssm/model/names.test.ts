import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertWritableName, nameFromReference, normalizePath, parameterArn, parentPath, parseSelector } from './names.ts';

describe('parameter names', () => {
  it('accepts AWS-valid names and refuses the rest with AWS error codes', () => {
    for (const name of ['plain', '/a/b-c_d.e', '/x', `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`, 'My.Param-1']) assertWritableName(name);
    const code = (name: string) => {
      try {
        assertWritableName(name);
        return 'ok';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    assert.equal(code('a/b'), 'ValidationException');
    assert.equal(code('/a//b'), 'ValidationException');
    assert.equal(code('/a/'), 'ValidationException');
    assert.equal(code('/a b'), 'ValidationException');
    assert.equal(code('SSMthing'), 'ValidationException');
    assert.equal(code('/aws/x'), 'AccessDeniedException');
    assert.equal(code('/awsx/y'), 'ValidationException');
    assert.equal(code(`/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}`), 'HierarchyLevelLimitExceededException');
    assert.equal(code(`/${'a'.repeat(1011)}`), 'ValidationException');
  });

  it('derives parent paths, ARNs and selectors', () => {
    assert.equal(parentPath('/a/b/c'), '/a/b');
    assert.equal(parentPath('/c'), '/');
    assert.equal(parentPath('c'), '/');
    const scope = { accountId: '111122223333', region: 'eu-west-1' };
    assert.equal(parameterArn(scope, '/a/b'), 'arn:aws:ssm:eu-west-1:111122223333:parameter/a/b');
    assert.equal(parameterArn(scope, 'flat'), 'arn:aws:ssm:eu-west-1:111122223333:parameter/flat');
    assert.equal(nameFromReference('arn:aws:ssm:eu-west-1:111122223333:parameter/a/b'), '/a/b');
    assert.equal(nameFromReference('arn:aws:ssm:eu-west-1:111122223333:parameter/flat'), 'flat');
    assert.deepEqual(parseSelector('/a:3'), { name: '/a', selector: { kind: 'version', version: 3, text: ':3' } });
    assert.deepEqual(parseSelector('/a:prod'), { name: '/a', selector: { kind: 'label', label: 'prod', text: ':prod' } });
    assert.deepEqual(parseSelector('/a'), { name: '/a', selector: { kind: 'latest' } });
    assert.equal(normalizePath('/a/b/'), '/a/b');
    assert.equal(normalizePath('/'), '/');
    assert.throws(() => normalizePath('a'), { name: 'ValidationException' });
  });
});
