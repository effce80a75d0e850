// The English-word detector of the Vietnamese acceptance test must catch what issue 12 found and
// must not flag Vietnamese written without diacritics, allowed names, URIs, paths or commands.
import { describe, expect, it } from 'vitest';
import { englishWords, isVietnameseSyllable } from '../helpers/vi-words.js';

const words = (s: string, extra: string[] = []) => englishWords(s, extra).map((o) => o.word);

describe('englishWords', () => {
  it('finds the English strings issue 12 reported', () => {
    expect(words('Thiết bị đã kết nối (USB room or conference camera facing the citizen…)')).toEqual(
      expect.arrayContaining(['room', 'or', 'conference', 'facing', 'the', 'citizen']),
    );
    expect(words('connectTime 208 ms · framesSent 120 frames · rttDataChannel 0,76 ms')).toEqual([
      'connectTime',
      'framesSent',
      'frames',
      'rttDataChannel',
    ]);
    expect(words('đoạn vỡ tiếng dài nhất 0 samples · gói sai thứ tự 0 packets')).toEqual(['samples', 'packets']);
    expect(words('lỗi cú pháp YAML: Missing closing "quote')).toEqual(['Missing', 'closing', 'quote']);
    expect(words('sai kiểu dữ liệu: cần number, nhận được string')).toEqual(['number', 'string']);
    expect(words('Không lấy được danh sách thiết bị từ pactl: Connection failure: Connection refused')).toEqual([
      'Connection',
      'failure',
      'Connection',
      'refused',
    ]);
    expect(words('connected: 0 bool')).toEqual(['connected', 'bool']);
    expect(words('ffmpeg did not finish 10 s of media within 25 s')).toEqual([
      'did',
      'not',
      'finish',
      'of',
      'media',
      'within',
    ]);
  });

  it('lets Vietnamese (also without diacritics), names, units, URIs, paths, commands and details through', () => {
    expect(words('Cần khắc phục: Máy tính đang bận: tải 6,49 trên mỗi nhân CPU.')).toEqual([]);
    expect(words('Camera phòng (Logitech BRIO): tốc độ khung hình 30 fps, tải lên 4,84 Mbit/s, 48.000 Hz')).toEqual([]);
    expect(words('tin cho mang trong theo khi nhanh in ra')).toEqual([]);
    expect(words('Tiếp theo: wardkit check --room rooms/HAI-CHAU-01.yaml')).toEqual([]);
    expect(
      words('Chạy `wardkit devices` rồi gán: --device tv=display:LED, xem http://127.0.0.1:8470/api/v1/whip'),
    ).toEqual([]);
    expect(words('máy bên kia từ chối kết nối (chi tiết: fetch failed: ECONNREFUSED 127.0.0.1:9)')).toEqual([]);
    expect(words('URI thiết bị v4l2:/dev/video0, sim:room?mute=1, tệp /tmp/x/report.json, biến WARDKIT_TOKEN')).toEqual(
      [],
    );
    expect(words('Màn hình (tivi) (Samsung TV)', ['Samsung TV'])).toEqual([]);
  });

  it('knows the shape of a Vietnamese syllable', () => {
    for (const w of ['nghieng', 'khuyen', 'truong', 'thuoc', 'quyet', 'gio', 'chuyen', 'nhanh', 'oanh'])
      expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ['the', 'not', 'frames', 'string', 'bool', 'refused', 'samples', 'connect', 'with', 'of'])
      expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
