import { describe, expect, it } from 'vitest';
import { areas, catalogs } from '../../src/i18n/catalog/index.js';
import { createFormatter, detectLang, formatMessage, placeholders } from '../../src/i18n/format.js';

type Cat = Record<string, string>;

describe('message catalogs', () => {
  for (const [area, mod] of Object.entries(areas)) {
    const en = mod.en as Cat;
    const vi = mod.vi as Cat;
    it(`${area}: every key exists in both languages`, () => {
      expect(
        Object.keys(vi).filter((k) => !(k in en)),
        'keys only in vi',
      ).toEqual([]);
      expect(
        Object.keys(en).filter((k) => !(k in vi)),
        'keys only in en',
      ).toEqual([]);
    });
    it(`${area}: same placeholders in both languages`, () => {
      const differ = Object.keys(en)
        .filter((k) => k in vi)
        .filter((k) => placeholders(en[k]).join() !== placeholders(vi[k]).join())
        .map((k) => `${k}: en {${placeholders(en[k])}} vi {${placeholders(vi[k])}}`);
      expect(differ).toEqual([]);
    });
    it(`${area}: no empty messages`, () => {
      expect(
        Object.entries({ ...en })
          .filter(([, v]) => !v.trim())
          .map(([k]) => k),
      ).toEqual([]);
      expect(
        Object.entries({ ...vi })
          .filter(([, v]) => !v.trim())
          .map(([k]) => k),
      ).toEqual([]);
    });
  }

  it('keys are unique across areas (the merge throws otherwise)', () => {
    const total = Object.values(areas).reduce((n, m) => n + Object.keys(m.en).length, 0);
    expect(Object.keys(catalogs.en)).toHaveLength(total);
  });

  it('the placeholder comparison really catches a mismatch', () => {
    expect(placeholders('a {x} b {y} {x}')).toEqual(['x', 'y']);
    expect(placeholders('{y} {x}').join()).toBe(placeholders('{x} {y}').join());
    expect(placeholders('{x}').join()).not.toBe(placeholders('{z}').join());
  });

  it('the profiles and core areas are really in Vietnamese (diacritics present)', () => {
    for (const area of ['core', 'profiles'] as const) {
      const vi = Object.values(areas[area].vi as Cat);
      const withDiacritics = vi.filter((v) =>
        /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i.test(v),
      );
      expect(withDiacritics.length / vi.length).toBeGreaterThan(0.8);
    }
  });
});

describe('formatter', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('writes numbers the Vietnamese way, rounded for their unit: decimal comma, dot groups from 1 000', () => {
    // "khuyến nghị ≥ 1.875" reads as one thousand eight hundred and seventy-five in Vietnamese,
    // and "13006,533 Mbit/s" carries three digits nobody needs (issue 12).
    const vi = createFormatter('vi');
    const en = createFormatter('en');
    const params = { mbps: 13006.533, recommended: 1.875, seconds: 0.8 };
    expect(vi('bandwidth.downloadOk', params)).toBe(
      'Tải xuống 13.007 Mbit/s (khuyến nghị ≥ 1,88 Mbit/s, đo trong 0,8 giây).',
    );
    expect(en('bandwidth.downloadOk', params)).toBe('Download 13,007 Mbit/s (recommended ≥ 1.88 Mbit/s, over 0.8 s).');
    // Numbers group from 1 000; ids that are numbers (ports) are passed as strings and stay as given.
    expect(formatMessage('{n} {port} {x}', { n: 8470, port: '8470', x: -0.5 }, 'vi')).toBe('8.470 8470 -0,5');
    expect(formatMessage('{v:kbit/s} {r:ms} {d:dBFS}', { v: 1099.6, r: 0.7649, d: -27.24 }, 'vi')).toBe(
      '1.100 0,76 -27,2',
    );
  });
  it('falls back to English, then to the key', () => {
    const t = createFormatter('vi');
    expect(t('status.pass')).toBe('Đạt');
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t.has('status.pass')).toBe(true);
  });
  it('detects the language from --lang, then LC_ALL / LC_MESSAGES / LANG', () => {
    expect(detectLang('en', { LANG: 'vi_VN.UTF-8' })).toBe('en');
    expect(detectLang(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(detectLang(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN' })).toBe('en');
    expect(detectLang(undefined, {})).toBe('en');
  });
});
