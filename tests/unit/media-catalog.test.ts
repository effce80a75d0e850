// The media-capture part of the media catalog: both languages, same keys and placeholders.
import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/i18n/catalog/media.js';
import { placeholders } from '../../src/i18n/format.js';

describe('media catalog', () => {
  it('has every key in en and vi with the same placeholders', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect([k, placeholders(vi[k])]).toEqual([k, placeholders(en[k])]);
  });
  it('every remedy key used by a finding exists', () => {
    for (const k of Object.keys(en).filter((x) => x.endsWith('.remedy')))
      expect(en[k.replace(/\.remedy$/, '')]).toBeDefined();
  });
});
