// Raw errors of Node, undici, ffmpeg, pactl and TLS become catalog keys; the raw text is a detail.
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalog/index.js';
import { createFormatter } from '../../src/i18n/format.js';
import { describeError, explainError } from '../../src/i18n/system-errors.js';

const fetchFailed = (code: string, message: string) =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });

describe('explainError', () => {
  it('maps Node and undici codes, also through `cause`', () => {
    expect(explainError(fetchFailed('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')).key).toBe('err.connRefused');
    expect(explainError(fetchFailed('ENOTFOUND', 'getaddrinfo ENOTFOUND wardkit.invalid'))).toMatchObject({
      key: 'err.dnsNotFound',
      params: { host: 'wardkit.invalid' },
    });
    expect(
      explainError(fetchFailed('ERR_SSL_WRONG_VERSION_NUMBER', 'SSL routines:ssl3_get_record:wrong version number'))
        .key,
    ).toBe('err.notHttps');
    expect(explainError(new TypeError('fetch failed', { cause: new Error('bad port') })).key).toBe('err.badPort');
    expect(explainError(Object.assign(new Error('x'), { code: 'EACCES' })).key).toBe('err.permission');
    expect(explainError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).key).toBe(
      'err.timeout',
    );
  });
  it('maps ffmpeg, pactl and OS text', () => {
    expect(
      explainError('[video4linux2,v4l2 @ 0x55] Cannot open video device /dev/video9: No such file or directory').key,
    ).toBe('err.notFound');
    expect(explainError('Connection failure: Connection refused', 'audio').key).toBe('err.audioService');
    expect(explainError('Cannot list sources: Generic error in an external library', 'audio').key).toBe(
      'err.audioService',
    );
    expect(explainError('nonexistent: No such process').key).toBe('err.noSuchDevice');
    expect(explainError('/dev/video0: Device or resource busy').key).toBe('err.deviceBusy');
    expect(explainError('no graphical session (DISPLAY is not set)').key).toBe('err.noDisplay');
    expect(explainError('something nobody has seen').key).toBe('err.unknown');
  });
  it('every key it can return exists in both languages', () => {
    for (const lang of ['en', 'vi'] as const)
      for (const k of Object.keys(catalogs.en).filter((k) => k.startsWith('err.')))
        expect(catalogs[lang][k], `${lang} ${k}`).toBeDefined();
  });
  it('says it in Vietnamese with the raw text only as a detail', () => {
    const s = describeError(createFormatter('vi'), fetchFailed('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'));
    expect(s).toMatch(/^máy bên kia từ chối kết nối.*\(chi tiết: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:9\)$/);
  });
});
