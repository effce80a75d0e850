import { describe, expect, it } from 'vitest';
import { provenOffsetMs } from '../../src/net/clock-offset.js';

describe('provenOffsetMs', () => {
  it('same clocks, a slow round trip and a 1 s Date header: no offset is proven (was up to 1,005 ms)', () => {
    // Sent at 10,000.9 s, answered at 10,001.4 s; the server's Date says second 10,000 (read at 10,000.95).
    expect(provenOffsetMs(10_000_900, 10_001_400, 10_000_000, 10_001_000)).toBe(0);
  });
  it('a clock 3 s fast is proven at least 3 s − the round trip − the header resolution', () => {
    // Truth: local = server + 3,000. Server read at server time 20,000,200, Date second 20,000.
    const t0 = 20_000_100 + 3000;
    const t1 = 20_000_300 + 3000;
    expect(provenOffsetMs(t0, t1, 20_000_000, 20_001_000)).toBe(t0 - 20_001_000); // 2,100 ≤ 3,000
    expect(provenOffsetMs(t0, t1, 20_000_200, 20_000_200)).toBe(2900); // ms header: within the round trip
  });
  it('a slow clock gives a negative offset', () => {
    expect(provenOffsetMs(50_000, 50_020, 60_010, 60_010)).toBe(50_020 - 60_010);
  });
});
