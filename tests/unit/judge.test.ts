import { describe, expect, it } from 'vitest';
import { judge, metric, worst } from '../../src/domain/verdict.js';

describe('judge / metric', () => {
  const higher = { better: 'higher' as const, warn: 20, fail: 10 };
  const lower = { better: 'lower' as const, warn: 2, fail: 5 };

  it('thresholds in both directions, limits inclusive in the bad direction', () => {
    expect([judge(25, higher), judge(20, higher), judge(15, higher), judge(10, higher), judge(5, higher)]).toEqual([
      'pass',
      'pass',
      'warn',
      'warn',
      'fail',
    ]);
    expect([judge(1, lower), judge(2, lower), judge(4, lower), judge(5, lower)]).toEqual([
      'pass',
      'warn',
      'warn',
      'fail',
    ]);
  });

  it('a missing value never passes', () => {
    for (const v of [null, undefined, Number.NaN]) expect(judge(v, higher)).toBe('fail');
  });

  it('a metric stored as null (non-finite input) never carries a pass', () => {
    for (const v of [Infinity, -Infinity, Number.NaN]) {
      for (const th of [higher, lower]) {
        const m = metric('x', v, 'dB', th);
        expect(m.value).toBeNull();
        expect(m.verdict).toBe('fail');
      }
    }
    expect(metric('x', 12, 'dB', higher)).toEqual({
      id: 'x',
      value: 12,
      unit: 'dB',
      threshold: higher,
      verdict: 'warn',
    });
  });

  it('worst: error > fail > warn > pass > skip', () => {
    expect(worst(['pass', 'skip'])).toBe('pass');
    expect(worst(['warn', 'error', 'fail'])).toBe('error');
    expect(worst(['skip'])).toBe('skip');
  });
});
