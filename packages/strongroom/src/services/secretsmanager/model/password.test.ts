import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomPassword } from './password.ts';
import { randomChars } from './random-chars.ts';

describe('GetRandomPassword', () => {
  it('defaults to 32 characters with every class', () => {
    for (let i = 0; i < 50; i++) {
      const p = randomPassword({});
      assert.equal(p.length, 32);
      assert.match(p, /[a-z]/);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[0-9]/);
      assert.match(p, /[^a-zA-Z0-9]/);
      assert.doesNotMatch(p, / /);
    }
  });

  it('honours exclusions, spaces and length', () => {
    const p = randomPassword({ PasswordLength: 200, ExcludePunctuation: true, ExcludeUppercase: true, ExcludeCharacters: 'abc0', IncludeSpace: true });
    assert.equal(p.length, 200);
    assert.match(p, /^[d-z1-9 ]+$/);
    assert.match(p, / /);
    assert.equal(randomPassword({ PasswordLength: 4096, ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true }).length, 4096);
  });

  it('rejects impossible requests', () => {
    assert.throws(() => randomPassword({ ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true }), { name: 'InvalidParameterException' });
    assert.throws(() => randomPassword({ PasswordLength: 3 }), { name: 'InvalidParameterException' });
    assert.throws(() => randomPassword({ PasswordLength: 4097 }), { name: 'InvalidParameterException' });
    assert.equal(randomPassword({ PasswordLength: 3, RequireEachIncludedType: false }).length, 3);
  });

  it('draws characters uniformly (no modulo bias)', () => {
    const alphabet = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_+=[]{}'];
    const n = 200_000;
    const counts = new Map<string, number>();
    for (const c of randomChars(alphabet, n)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = n / alphabet.length;
    let chi = 0;
    for (const c of alphabet) chi += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
    // 81 degrees of freedom: p < 1e-6 above ~150; `byte % 82` would give ~1500.
    assert.ok(chi < 150, `chi-square ${chi}`);
  });
});
