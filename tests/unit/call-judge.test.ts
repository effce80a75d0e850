import { describe, expect, it } from 'vitest';
import { judgeCall } from '../../src/checks/call.js';
import { callSettingsFrom } from '../../src/commands/call.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../../src/profiles/defaults.js';
import { callResult } from '../helpers/call-result.js';

const base = callResult;

describe('judgeCall (docs/thresholds.md verdicts)', () => {
  it('passes a clean call', () => {
    expect(judgeCall(base(), DEFAULT_CALL, DEFAULT_NETWORK).status).toBe('pass');
  });
  it('warns below 1.1 Mbit/s and fails below 0.7', () => {
    const w = judgeCall(base({ videoReceiveKbps: 1000 }), DEFAULT_CALL, DEFAULT_NETWORK);
    expect(w.status).toBe('warn');
    expect(w.findings!.map((f) => f.key)).toContain('call.lowBitrate');
    expect(judgeCall(base({ videoReceiveKbps: 600 }), DEFAULT_CALL, DEFAULT_NETWORK).status).toBe('fail');
  });
  it('fails on MOS below 3.1 and on 10 % loss', () => {
    expect(judgeCall(base({ mos: 3.0 }), DEFAULT_CALL, DEFAULT_NETWORK).status).toBe('fail');
    expect(judgeCall(base({ lossPercent: 10 }), DEFAULT_CALL, DEFAULT_NETWORK).status).toBe('fail');
  });
  it('fails a call that never connected, with the reason', () => {
    const r = judgeCall(
      base({ connected: false, error: { reason: 'http', message: 'x', status: 503, retryAfter: '10' } }),
      DEFAULT_CALL,
      DEFAULT_NETWORK,
    );
    expect(r.status).toBe('fail');
    expect(r.findings![0].key).toBe('call.busy');
    const t = judgeCall(
      base({ connected: false, error: { reason: 'timeout', message: 'no answer' } }),
      DEFAULT_CALL,
      DEFAULT_NETWORK,
    );
    expect(t.findings![0].key).toBe('call.timeout');
  });
  it('says when the server does not echo, and judges the sent bitrate less the uplink loss', () => {
    const r = judgeCall(
      base({
        echo: false,
        videoReceiveKbps: undefined,
        receiveKbps: undefined,
        videoSendKbps: 1500,
        lossUpPercent: 50,
      }),
      DEFAULT_CALL,
      DEFAULT_NETWORK,
    );
    expect(r.findings!.map((f) => f.key)).toContain('call.noEcho');
    expect(r.metrics!.find((m) => m.id === 'videoBitrate')!.value).toBe(750);
  });
});

describe('wardkit call options', () => {
  it('applies --video, --bitrate, --duration and --ice-transport', () => {
    const c = callSettingsFrom(DEFAULT_CALL, {
      video: '640x360@15',
      bitrate: '800',
      duration: '3',
      iceTransport: 'relay',
    });
    expect(c.video).toEqual({ width: 640, height: 360, frameRate: 15, bitrateKbps: 800 });
    expect(c.durationSeconds).toBe(3);
    expect(c.iceTransport).toBe('relay');
    expect(DEFAULT_CALL.video.width).toBe(1280);
  });
  it('rejects bad values as usage errors', () => {
    expect(() => callSettingsFrom(DEFAULT_CALL, { video: '720p' })).toThrow();
    expect(() => callSettingsFrom(DEFAULT_CALL, { duration: '0' })).toThrow();
    expect(() => callSettingsFrom(DEFAULT_CALL, { iceTransport: 'tcp' })).toThrow();
  });
});

describe('judgeCall with a slow encoder', () => {
  it('judges bits per second of video, not per wall second, and warns about the computer', () => {
    // 120 frames at 30 fps = 4 s of video, but sending took 8.8 s; 750 kB came back
    const r = base({
      framesSent: 120,
      framesEchoed: 120,
      durationS: 8.8,
      videoReceiveKbps: 680,
      video: { packetsSent: 700, bytesSent: 750_000, packetsEchoed: 700, bytesEchoed: 750_000, echoExpected: 700 },
    });
    const out = judgeCall(r, { ...DEFAULT_CALL, durationSeconds: 4 }, DEFAULT_NETWORK);
    expect(out.metrics!.find((m) => m.id === 'videoBitrate')!.value).toBe(1500);
    expect(out.findings!.map((f) => f.key)).toContain('call.encoderSlow');
    expect(out.status).toBe('warn');
  });
  it('still fails when the network lost the bits', () => {
    const r = base({
      framesSent: 120,
      framesEchoed: 60,
      durationS: 8.8,
      videoReceiveKbps: 340,
      video: { packetsSent: 700, bytesSent: 750_000, packetsEchoed: 350, bytesEchoed: 300_000, echoExpected: 700 },
    });
    expect(judgeCall(r, { ...DEFAULT_CALL, durationSeconds: 4 }, DEFAULT_NETWORK).status).toBe('fail');
  });
});

describe('wardkit serve WHIP options', async () => {
  const { whipOptionsFrom } = await import('../../src/server/whip/module.js');
  it('reads --whip-* options and WARDKIT_WHIP_TOKEN, with defaults 20 calls / 120 s', () => {
    expect(whipOptionsFrom({}, {})).toEqual({
      token: undefined,
      maxCalls: 20,
      maxCallsPerSource: 2,
      maxSeconds: 120,
      iceServers: [],
      corsOrigins: [],
    });
    const o = whipOptionsFrom(
      {
        whipMaxCalls: '5',
        whipMaxSeconds: '30',
        whipIce: ['stun:s:3478', 'turn:t:3478,u,p'],
        whipCorsOrigin: ['https://a.example'],
      },
      { WARDKIT_WHIP_TOKEN: 'tok' },
    );
    expect(o).toEqual({
      token: 'tok',
      maxCalls: 5,
      maxCallsPerSource: 2,
      maxSeconds: 30,
      iceServers: [{ urls: ['stun:s:3478'] }, { urls: ['turn:t:3478'], username: 'u', credential: 'p' }],
      corsOrigins: ['https://a.example'],
    });
    expect(whipOptionsFrom({ whipToken: 'cli' }, { WARDKIT_WHIP_TOKEN: 'env' })).toMatchObject({
      token: 'cli',
      maxCalls: 20,
    });
    // A bad value is a usage error, not a silent fall-back to the default.
    expect(() => whipOptionsFrom({ whipMaxCalls: 'x' })).toThrow(/--whip-max-calls/);
  });
});
