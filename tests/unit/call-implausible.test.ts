// Figures a broken call server reports that cannot be true: the engines describe each as a catalog
// key and params, so every report prints them in its reader's language; the JSON keeps the English
// text in `implausible` (public format) next to the structured `implausibleFigures`.
import { describe, expect, it } from 'vitest';
import { judgeCall } from '../../src/checks/call.js';
import { createFormatter, formatMessage } from '../../src/i18n/format.js';
import { CLOCK, DownlinkView, Implausible, lossFigures } from '../../src/net/call-meter.js';
import type { CallResult } from '../../src/net/call-result.js';
import { callResult } from '../helpers/call-result.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../../src/profiles/defaults.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { buildReport } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/render/html.js';
import { renderJunit } from '../../src/report/render/junit.js';
import { renderText } from '../../src/report/render/text.js';
import { result } from '../helpers/reports.js';
import { englishWords } from '../helpers/vi-words.js';

const en = createFormatter('en');
const vi = createFormatter('vi');

/** What the werift engine's meter makes of a receiver report of 12 lost of 10 expected, plus a bad jitter. */
function brokenCall(): CallResult {
  const figures = lossFigures(
    {
      audio: { sent: 0, reports: 0 },
      video: { sent: 10, reports: 1, lost: 12, expected: 10, jitterMs: -3 },
    },
    { audio: new DownlinkView(CLOCK.audio), video: new DownlinkView(CLOCK.video) },
    false,
  );
  const found = new Implausible();
  found.addAll(figures.implausible);
  found.nonNegative({ sendKbps: 1500, receiveKbps: Number.NaN, rttMs: 20 });
  // the server sent back nothing (a receive bitrate of NaN stands for a broken figure of ours)
  return callResult({
    echo: false,
    video: { packetsSent: 10, bytesSent: 1, packetsEchoed: 0, bytesEchoed: 0, echoExpected: 0 },
    framesEchoed: 0,
    rttMs: undefined,
    jitterMs: undefined,
    lossPercent: undefined,
    lossUpPercent: figures.lossUpPercent,
    lossRoundTripPercent: undefined,
    receiveKbps: undefined,
    videoReceiveKbps: undefined,
    mos: undefined,
    ...found.fields(),
  });
}

const implausibleFinding = (r: CallResult) => {
  const f = judgeCall(r, DEFAULT_CALL, DEFAULT_NETWORK).findings?.find((x) => x.key === 'call.implausible');
  expect(f).toBeDefined();
  return f!;
};

describe('implausible call figures', () => {
  it('are structured: a catalog key and params (numbers and ids), each once', () => {
    const r = brokenCall();
    expect(r.implausibleFigures).toEqual([
      { key: 'call.implausible.rtcpLostExpected', params: { media: 'video', lost: 12, expected: 10 } },
      { key: 'call.implausible.rtcpJitter', params: { media: 'video', ms: -3 } },
      { key: 'call.implausible.percent', params: { figure: 'lossUp', value: 120 } },
      // NaN as text: JSON has no such number (it would read null)
      { key: 'call.implausible.kbps', params: { figure: 'receiveBitrate', value: 'NaN' } },
    ]);
    const again = new Implausible();
    again.addAll(r.implausibleFigures!);
    again.addAll(r.implausibleFigures!);
    expect(again.length).toBe(4);
  });

  it('keep `implausible` in the JSON: the same figures as English text, one string each', () => {
    const r = brokenCall();
    expect(r.implausible).toEqual([
      'RTCP video: 12 packets lost of 10 expected',
      'RTCP video: jitter -3 ms',
      'packet loss on the uplink 120 %',
      'bitrate received NaN kbit/s',
    ]);
    // …and the finding keeps `what` (that text) for readers of reports written before
    const f = implausibleFinding(r);
    expect(f.params?.what).toBe(r.implausible!.join('; '));
    expect(JSON.parse(JSON.stringify(r)).implausibleFigures).toEqual(r.implausibleFigures);
  });

  it('print in English', () => {
    const f = implausibleFinding(brokenCall());
    expect(en(f.key, f.params)).toBe(
      'The call server reported figures that cannot be true (RTCP video: 12 packets lost of 10 expected; ' +
        'RTCP video: jitter -3 ms; packet loss on the uplink 120 %; bitrate received NaN kbit/s); ' +
        'no verdict is given on them.',
    );
  });

  it('print in Vietnamese, numbers the Vietnamese way, no English words', () => {
    const f = implausibleFinding(brokenCall());
    const text = vi(f.key, f.params);
    expect(text).toBe(
      'Máy chủ cuộc gọi báo về số liệu không thể đúng (RTCP luồng hình: mất 12 gói trên 10 gói lẽ ra phải nhận; ' +
        'RTCP luồng hình: jitter -3 ms; mất gói chiều lên 120 %; tốc độ nhận về NaN kbit/s); ' +
        'không đánh giá dựa trên các số liệu này.',
    );
    expect(englishWords(text, ['NaN']).map((o) => o.word)).toEqual([]);
    // a decimal comma and dot groups, rounded for the unit
    const big = new Implausible();
    big.add('rtcpLost', { media: 'audio', lost: 5000, sent: 1234 });
    big.add('echoMismatch', { count: 3.25, gap: 0.5 });
    big.nonNegative({ rttMs: -12.345 });
    const figures = big.fields().implausibleFigures;
    const one = (i: number, t = vi) => t(figures[i].key, figures[i].params);
    expect(one(0)).toBe('RTCP luồng tiếng: mất 5.000 gói trên 1.234 gói đã gửi');
    expect(one(1)).toBe('mất gói tính theo số gói nhận lại là 3,3 % nhưng tính theo số thứ tự gói là 0,5 %');
    expect(one(2)).toBe('độ trễ khứ hồi -12 ms');
    expect(one(0, en)).toBe('RTCP audio: 5,000 packets lost of 1,234 sent');
  });

  it('a report written before the figures were structured prints its text as it is', () => {
    expect(vi('call.implausible', { what: 'RTCP video: jitter -3' })).toBe(
      'Máy chủ cuộc gọi báo về số liệu không thể đúng (RTCP video: jitter -3); không đánh giá dựa trên các số liệu này.',
    );
  });

  it('`{name:key:<prefix>}` prints the word of an id; an unknown id as it is', () => {
    expect(formatMessage('{m:key:call.media}', { m: 'video' }, 'vi')).toBe('luồng hình');
    expect(formatMessage('{m:key:call.media}', { m: 'data' }, 'vi')).toBe('data');
  });

  it('reach the text, HTML and JUnit reports in the reader language', async () => {
    const outcome = judgeCall(brokenCall(), DEFAULT_CALL, DEFAULT_NETWORK);
    const profile = await loadProfile('demo-simulated');
    const now = new Date();
    for (const [t, want, not] of [
      [vi, 'RTCP luồng hình: mất 12 gói trên 10 gói lẽ ra phải nhận', 'packets lost'],
      [en, 'RTCP video: 12 packets lost of 10 expected', 'mất 12 gói'],
    ] as const) {
      const call = result('call', 'default', 'call', outcome.status, {
        metrics: outcome.metrics,
        findings: outcome.findings,
      });
      const report = buildReport([call], { ward: 'hai-chau-1', profile, startedAt: now, finishedAt: now, t });
      for (const out of [renderText(report, t), renderHtml(report, t), renderJunit(report, t)]) {
        expect(out).toContain(want);
        expect(out).not.toContain(not);
      }
    }
  });
});
