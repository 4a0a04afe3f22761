import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attachStage, detachStage, versionWithStage, type StageMap } from './stages.ts';

const snapshot = (m: StageMap) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]));

describe('staging labels', () => {
  it('moves AWSCURRENT and gives the old current AWSPREVIOUS', () => {
    const m: StageMap = new Map([['v1', ['AWSCURRENT']]]);
    attachStage(m, 'AWSCURRENT', 'v2');
    assert.deepEqual(snapshot(m), { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
    attachStage(m, 'AWSCURRENT', 'v3');
    assert.deepEqual(snapshot(m), { v1: [], v2: ['AWSPREVIOUS'], v3: ['AWSCURRENT'] });
  });

  it('moving AWSCURRENT back onto AWSPREVIOUS swaps them', () => {
    const m: StageMap = new Map([['v1', ['AWSPREVIOUS']], ['v2', ['AWSCURRENT', 'blue']]]);
    const changed = attachStage(m, 'AWSCURRENT', 'v1');
    assert.deepEqual(snapshot(m), { v1: ['AWSCURRENT'], v2: ['AWSPREVIOUS', 'blue'] });
    assert.deepEqual([...changed].sort(), ['v1', 'v2']);
  });

  it('custom labels move alone; attaching a label already there changes nothing', () => {
    const m: StageMap = new Map([['v1', ['AWSCURRENT', 'x']], ['v2', []]]);
    attachStage(m, 'x', 'v2');
    assert.deepEqual(snapshot(m), { v1: ['AWSCURRENT'], v2: ['x'] });
    assert.equal(attachStage(m, 'x', 'v2').size, 0);
    assert.equal(versionWithStage(m, 'x'), 'v2');
    assert.equal(detachStage(m, 'x', 'v1'), false);
    assert.equal(detachStage(m, 'x', 'v2'), true);
    assert.equal(versionWithStage(m, 'x'), undefined);
  });
});
