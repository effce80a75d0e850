import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WardkitError } from '../../src/errors.js';
import { backoffDelay, reportsUrl } from '../../src/report/submit/client.js';
import { loadSubmitConfig } from '../../src/report/submit/config.js';
import { describeError, redact, REDACTED } from '../../src/report/submit/redact.js';
import { listSpool, readSpoolEntry, spoolReport } from '../../src/report/submit/spool.js';
import { parseClock, parseDuration } from '../../src/platform/schedule/duration.js';
import { tempDir } from '../helpers/temp.js';

const TOKEN = 'wk_SECRETsecretSECRETsecret1234567890abcdefgh';

describe('redaction', () => {
  it('removes the token and any bearer credential', () => {
    expect(redact(`failed with ${TOKEN} and Authorization: Bearer other-token-123`, [TOKEN])).toBe(
      `failed with ${REDACTED} and Authorization: Bearer ${REDACTED}`,
    );
  });
  it('walks error causes (fetch wraps the real error) and redacts them', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error(`connect ECONNREFUSED, header ${TOKEN}`), { code: 'ECONNREFUSED' }),
    });
    const s = describeError(err, [TOKEN]);
    expect(s).toContain('ECONNREFUSED');
    expect(s).not.toContain(TOKEN);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, capped', () => {
    for (let n = 0; n < 8; n++) {
      const cap = Math.min(10_000, 500 * 2 ** n);
      expect(backoffDelay(n, 500, 10_000, () => 0)).toBe(cap / 2);
      expect(backoffDelay(n, 500, 10_000, () => 0.999999)).toBeLessThanOrEqual(cap);
    }
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(3, 500, 10_000)));
    expect(draws.size).toBeGreaterThan(10); // jitter: clients do not retry in lock-step
  });
  it('keeps a path prefix of the server URL', () => {
    expect(reportsUrl('https://x.gov.vn/wardkit').href).toBe('https://x.gov.vn/wardkit/api/v1/reports');
    expect(reportsUrl('http://127.0.0.1:8470').href).toBe('http://127.0.0.1:8470/api/v1/reports');
  });
});

describe('config file', () => {
  it.skipIf(process.platform === 'win32')(
    'refuses a config file readable by group or others, accepts 0600',
    async () => {
      const dir = tempDir('wardkit-cfg-');
      const file = join(dir, 'config.yaml');
      await writeFile(file, `token: ${TOKEN}\nserver: http://127.0.0.1:1\n`, { mode: 0o644 });
      await chmod(file, 0o644);
      let err: unknown;
      try {
        loadSubmitConfig({ configFile: file, env: {} });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(WardkitError);
      expect((err as WardkitError).key).toBe('submit.configNotPrivate');
      expect((err as WardkitError).params.mode).toBe('0644');
      expect(JSON.stringify((err as WardkitError).params)).not.toContain(TOKEN);
      await chmod(file, 0o640);
      expect(() => loadSubmitConfig({ configFile: file, env: {} })).toThrow(WardkitError);
      await chmod(file, 0o600);
      const cfg = loadSubmitConfig({ configFile: file, env: {} });
      expect(cfg).toMatchObject({ token: TOKEN, tokenSource: 'config', server: 'http://127.0.0.1:1' });
      // The environment wins over the file.
      expect(loadSubmitConfig({ configFile: file, env: { WARDKIT_TOKEN: 'from-env' } }).token).toBe('from-env');
    },
  );
  it('refuses a malformed token without quoting it', () => {
    try {
      loadSubmitConfig({ env: { WARDKIT_TOKEN: 'wk_SECRET12345\nEVIL', WARDKIT_CONFIG: '/nonexistent/wardkit.yaml' } });
      expect.fail('should throw');
    } catch (e) {
      expect((e as WardkitError).key).toBe('submit.badToken');
      expect(JSON.stringify((e as WardkitError).params)).not.toContain('SECRET');
    }
  });
  it('does not quote the file (which holds the token) in a YAML error', async () => {
    const dir = tempDir('wardkit-cfg-');
    const file = join(dir, 'config.yaml');
    await writeFile(file, `token: ${TOKEN}\n  bad: [\n`, { mode: 0o600 });
    try {
      loadSubmitConfig({ configFile: file, env: {} });
      expect.fail('should throw');
    } catch (e) {
      expect((e as WardkitError).key).toBe('submit.configInvalid');
      expect(JSON.stringify((e as WardkitError).params)).not.toContain(TOKEN);
    }
  });
});

describe('spool', () => {
  it('writes atomically with mode 0600 in a 0700 folder, never the token', async () => {
    const dir = join(tempDir('wardkit-spool-'), 'spool');
    const report = { id: '6f1c2a8e-1d2b-4c3d-9e8f-0a1b2c3d4e5f', ward: 'W1' } as never;
    const file = await spoolReport(dir, report, 'http://127.0.0.1:1', 'HTTP 503');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
    }
    expect(await readFile(file, 'utf8')).not.toContain('wk_');
    const [entry] = await listSpool(dir);
    expect(entry.file).toBe(file);
    expect((await readSpoolEntry(file)).entry?.report.id).toBe(report['id' as never]);
  });
  it('refuses a report id that is not a UUID (it becomes a file name)', async () => {
    const dir = tempDir('wardkit-spool-');
    await expect(spoolReport(dir, { id: '../../x' } as never, undefined)).rejects.toThrow(/UUID/);
  });
});

describe('durations and times', () => {
  it.each([
    ['30m', 1_800_000],
    ['90', 90_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['2h', 7_200_000],
  ])('%s', (s, ms) => expect(parseDuration(s)).toBe(ms));
  it.each(['', 'abc', '30x', '-5', '25h', '1m;rm'])('rejects %j', (s) => expect(parseDuration(s)).toBeUndefined());
  it('clock', () => {
    expect(parseClock('02:30')).toEqual([2, 30]);
    expect(parseClock('23:59')).toEqual([23, 59]);
    expect(parseClock('24:00')).toBeUndefined();
    expect(parseClock('2:3')).toBeUndefined();
  });
});
