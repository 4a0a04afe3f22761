import { test } from 'node:test';
import assert from 'node:assert/strict';
import { namesLatest, parseFunctionName, refArn } from './function-names.ts';

const scope = { accountId: '111122223333', region: 'us-east-1' };

test('names, partial and full ARNs, with and without qualifiers', () => {
  assert.deepEqual(parseFunctionName(scope, 'fn'), { ...scope, name: 'fn' });
  assert.deepEqual(parseFunctionName(scope, 'fn:$LATEST'), { ...scope, name: 'fn', qualifier: '$LATEST' });
  assert.deepEqual(parseFunctionName(scope, '444455556666:function:fn'), { accountId: '444455556666', region: 'us-east-1', name: 'fn' });
  assert.deepEqual(parseFunctionName(scope, 'eu-west-1:444455556666:function:fn:prod'), { accountId: '444455556666', region: 'eu-west-1', name: 'fn', qualifier: 'prod' });
  assert.deepEqual(parseFunctionName(scope, 'arn:aws:lambda:eu-west-1:444455556666:function:fn'), { accountId: '444455556666', region: 'eu-west-1', name: 'fn' });
  assert.deepEqual(parseFunctionName(scope, 'arn:aws:lambda:eu-west-1:444455556666:function:fn', '7'), { accountId: '444455556666', region: 'eu-west-1', name: 'fn', qualifier: '7' });
});

test('only $LATEST (or no qualifier) names the function; the ARN keeps the qualifier', () => {
  assert.equal(namesLatest(parseFunctionName(scope, 'fn')), true);
  assert.equal(namesLatest(parseFunctionName(scope, 'fn:$LATEST')), true);
  assert.equal(namesLatest(parseFunctionName(scope, 'fn:1')), false);
  assert.equal(refArn(parseFunctionName(scope, 'fn:prod')), 'arn:aws:lambda:us-east-1:111122223333:function:fn:prod');
});
