// A clean test call's result (a packet echo, no loss, 20 ms, 1.5 Mbit/s of video both ways): the
// tests of judgeCall change what they are about.
import type { CallResult } from '../../src/net/call-result.js';

export const callResult = (over: Partial<CallResult> = {}): CallResult => ({
  endpoint: 'http://127.0.0.1:1/api/v1/whip',
  connected: true,
  connectMs: 200,
  candidateType: 'host',
  pair: { localType: 'host', remoteType: 'host', protocol: 'udp', localAddress: 'a', remoteAddress: 'b' },
  echo: true,
  durationS: 10,
  video: { packetsSent: 1000, bytesSent: 1, packetsEchoed: 1000, bytesEchoed: 1, echoExpected: 1000 },
  audio: { packetsSent: 500, bytesSent: 1, packetsEchoed: 500, bytesEchoed: 1, echoExpected: 500 },
  framesSent: 300,
  framesEchoed: 300,
  rttMs: 20,
  jitterMs: 3,
  lossPercent: 0,
  lossUpPercent: 0,
  lossRoundTripPercent: 0,
  sendKbps: 1530,
  videoSendKbps: 1500,
  receiveKbps: 1530,
  videoReceiveKbps: 1500,
  mos: 4.4,
  iceServersFromServer: 0,
  ...over,
});
