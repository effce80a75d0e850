import { describe, expect, it } from 'vitest';
import { sink } from '../helpers/sink.js';
import { main, toExitCode, translateCommanderError } from '../../src/cli.js';
import type { CliContext } from '../../src/commands/context.js';
import { ExitCode, UsageError, WardkitError } from '../../src/errors.js';
import { createFormatter } from '../../src/i18n/format.js';
import { tempDir } from '../helpers/temp.js';

function ctx(lang: 'en' | 'vi', debug = false) {
  const err = sink();
  const c = {
    t: createFormatter(lang),
    debug,
    color: false,
    stdout: sink().stream,
    stderr: err.stream,
    signal: new AbortController().signal,
    log: { debug() {}, info() {}, warn() {} },
  } as CliContext;
  return { c, err };
}

describe('exit codes', () => {
  it('an unexpected error is 70 "internal", with the stack only under --debug', () => {
    const a = ctx('en');
    expect(toExitCode(new TypeError('x is undefined'), a.c)).toBe(70);
    expect(a.err.text()).toBe(
      'Internal error (detail: x is undefined). Run again with --debug for details and report it.\n',
    );
    const b = ctx('vi', true);
    expect(toExitCode(new TypeError('x is undefined'), b.c)).toBe(70);
    expect(b.err.text()).toContain('Lỗi nội bộ (chi tiết: x is undefined)');
    expect(b.err.text()).toMatch(/\n\s+at /);
  });
  it('user errors carry their code; usage errors are 64; ExitCode is silent', () => {
    const a = ctx('en');
    expect(toExitCode(new WardkitError('profile.refNotFound', { ref: 'x' }), a.c)).toBe(1);
    expect(toExitCode(new UsageError('cli.badLang', { lang: 'fr' }), a.c)).toBe(64);
    expect(toExitCode(new ExitCode(3), a.c)).toBe(3);
    expect(a.err.text()).toBe(
      'Error: profile "x" not found (not a bundled profile id, not a file)\nUsage error: unknown language "fr" (use vi or en)\n',
    );
  });
  it("commander's English errors are translated, the suggestion kept", () => {
    const vi = createFormatter('vi');
    expect(translateCommanderError("error: unknown option '--lnag'\n(Did you mean --lang?)\n", vi)).toBe(
      'Sai cú pháp lệnh: tùy chọn --lnag không xác định (có phải ý bạn là --lang?)\nXem wardkit --help.\n',
    );
    // `apply` without --ward: commander's English sentence was printed as is in Vietnamese.
    expect(translateCommanderError("error: required option '--ward <id>' not specified\n", vi)).toBe(
      'Sai cú pháp lệnh: thiếu tùy chọn bắt buộc --ward <id>\nXem wardkit --help.\n',
    );
    expect(translateCommanderError('something else\n', vi)).toBe('something else\n');
  });
  it('serve with a --tls-cert that does not exist names the file, exit 1', async () => {
    const err = sink();
    const data = tempDir('wardkit-tls-');
    const code = await main(
      [
        'node',
        'wardkit',
        'serve',
        '--listen',
        '127.0.0.1:0',
        '--data',
        data,
        '--tls-cert',
        '/nonexistent/cert.pem',
        '--tls-key',
        '/nonexistent/key.pem',
      ],
      { stdout: sink().stream, stderr: err.stream, env: {} },
    );
    expect(code).toBe(1);
    expect(err.text()).toMatch(
      /^Error: cannot listen on 127\.0\.0\.1:0: not found: the file, folder or device does not exist \(detail: ENOENT \/nonexistent\/(cert|key)\.pem\)\n$/,
    );
  });
  it('main() runs in-process with injected streams and returns the code', async () => {
    const out = sink();
    const err = sink();
    expect(
      await main(['node', 'wardkit', 'profiles', 'validate', 'profiles/', '--format', 'json'], {
        stdout: out.stream,
        stderr: err.stream,
        env: { LANG: 'C' },
      }),
    ).toBe(0);
    expect(JSON.parse(out.text()).valid).toBe(true);
    expect(
      await main(['node', 'wardkit', 'nope'], { stdout: out.stream, stderr: err.stream, env: { LANG: 'vi_VN.UTF-8' } }),
    ).toBe(64);
    expect(err.text()).toContain('lệnh "nope" không xác định');
  });
});
