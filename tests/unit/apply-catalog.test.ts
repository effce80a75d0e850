import { describe, expect, it } from 'vitest';
import { en, vi } from '../../src/i18n/catalog/apply.js';
import { placeholders } from '../../src/i18n/format.js';
import { SETTING_KEYS } from '../../src/platform/index.js';
import { DEVICE_KINDS } from '../../src/profiles/types.js';

describe('apply catalog', () => {
  it('en and vi have the same keys and placeholders', () => {
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) expect(placeholders(vi[k]), k).toEqual(placeholders(en[k]));
  });
  it('every generated key exists', () => {
    const keys = [
      ...SETTING_KEYS.flatMap((s) => [`apply.manual.${s}`, `apply.setting.${s}`]),
      ...['linux', 'windows', 'macos', 'other'].flatMap((os) =>
        ['audio', 'camera', 'display'].map((g) => `apply.hint.${os}.${g}`),
      ),
      ...['noTool', 'failed', 'unsupported'].map((r) => `apply.reason.${r}`),
      ...DEVICE_KINDS.map((k) => `apply.kind.${k}`),
      ...['fixed', 'matched', 'kept', 'answer', 'chosen', 'missing'].map((h) => `apply.how.${h}`),
      ...['restored', 'removed', 'unchanged'].map((r) => `apply.undo.room.${r}`),
    ];
    for (const k of keys) expect(en[k], k).toBeTruthy();
  });
  it('Vietnamese uses the glossary terms', () => {
    expect(vi['apply.roomWritten']).toContain('tệp cấu hình phòng');
    expect(vi['apply.kind.microphone']).toBe('micro');
    expect(vi['apply.hint.windows.audio']).toContain('Cài đặt âm thanh');
  });
});
