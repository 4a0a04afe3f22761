import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rate } from './measure.ts';
import { targets, targetsTable, type BenchResults } from './report.ts';

const figures = (wallMs: number, cpuMs: number) => rate(64, [{ wallMs, cpuMs }]);

describe('bench targets', () => {
  const results: BenchResults = {
    large: {
      ours: { bytes: 1, encrypt: figures(100, 100), decrypt: figures(100, 100) },
      theirs: { bytes: 1, encrypt: figures(500, 300), decrypt: figures(300, 300) },
      plain: { bytes: 1, encrypt: figures(90, 90), decrypt: figures(90, 90) },
    },
    small: { oursCaching: { messages: 10, size: 1024, encrypt: figures(1, 1), decrypt: figures(1, 1), keyringEncryptCalls: 1 } },
    kmsCaching: { messages: 10, generateDataKeyCalls: 2, otherKmsCalls: {}, encrypt: figures(1, 1) },
  };

  it('judges on wall-clock ratios, or on CPU ratios when the machine was overloaded', () => {
    const wall = targets(results, false);
    const encrypt = wall.find((t) => t.name === '64 MiB encrypt vs client-node')!;
    assert.deepEqual([encrypt.value, encrypt.cpuValue, encrypt.met], [5, 3, true]);
    const cpu = targets(results, true).find((t) => t.name === '64 MiB encrypt vs client-node')!;
    assert.equal(cpu.met, false);
    assert.equal(wall.find((t) => t.name === '64 MiB decrypt vs plain node:crypto framing')!.value, 0.9);
  });

  it('counts: at most one data key', () => {
    const list = targets(results);
    assert.equal(list.find((t) => t.name.startsWith('caching: data keys'))!.met, true);
    assert.equal(list.find((t) => t.name.startsWith('caching: GenerateDataKey'))!.met, false);
    assert.equal(list.find((t) => t.name.startsWith('1 KiB encrypt vs client-node (no caching)'))!.met, null);
    assert.match(targetsTable(list), /not measured/);
  });
});
