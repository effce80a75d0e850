// libwebrtc for Node (@roamhq/wrtc 0.10) as a WHIP client of an echo peer: a prototype of the
// `--engine libwebrtc` measurement (issue 11, part 3). Sends I420 frames (moving noise) and a tone
// through nonstandard.RTCVideoSource/RTCAudioSource, waits, reads the standard getStats().
// Usage: node wrtc-client.mjs WHIP_URL SECONDS [WIDTHxHEIGHT@FPS]
import wrtc from '@roamhq/wrtc';

const [url, secondsArg, fmt = '640x360@30'] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 5);
const [, w, h, fps] = /^(\d+)x(\d+)@(\d+)$/.exec(fmt).map(Number);
const { RTCPeerConnection, nonstandard } = wrtc;
const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
const video = new nonstandard.RTCVideoSource();
const audio = new nonstandard.RTCAudioSource();
pc.addTransceiver(video.createTrack(), { direction: 'sendrecv' });
pc.addTransceiver(audio.createTrack(), { direction: 'sendrecv' });
const dc = pc.createDataChannel('probe');
const rtts = [];
dc.onmessage = (e) => rtts.push(performance.now() - Number(String(e.data).split(':')[1]));
await pc.setLocalDescription(await pc.createOffer());
await new Promise((r) =>
  pc.iceGatheringState === 'complete'
    ? r()
    : (pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r()),
);
const res = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/sdp' },
  body: pc.localDescription.sdp,
});
const out = { status: res.status, connected: false };
const answer = await res.text();
if (res.status !== 201) {
  console.log(JSON.stringify({ ...out, error: answer.slice(0, 200) }));
  process.exit(0);
}
const location = new URL(res.headers.get('location'), url).toString();
const t0 = performance.now();
await pc.setRemoteDescription({ type: 'answer', sdp: answer });
for (let i = 0; i < 200 && pc.connectionState !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
out.connected = pc.connectionState === 'connected';
out.connectMs = Math.round(performance.now() - t0);
const frame = new Uint8ClampedArray((w * h * 3) / 2);
const samples = new Int16Array(480);
let n = 0;
const vt = setInterval(() => {
  for (let i = 0; i < frame.length; i += 7) frame[i] = (Math.random() * 255) | 0;
  video.onFrame({ width: w, height: h, data: frame });
}, 1000 / fps);
const at = setInterval(() => {
  for (let i = 0; i < 480; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (n * 480 + i)) / 48000));
  n++;
  audio.onData({ samples, sampleRate: 48000, bitsPerSample: 16, channelCount: 1, numberOfFrames: 480 });
}, 10);
const pt = setInterval(() => dc.readyState === 'open' && dc.send(`t:${performance.now()}`), 200);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(vt);
clearInterval(at);
clearInterval(pt);
const stats = await pc.getStats();
stats.forEach((s) => {
  if (s.type === 'outbound-rtp' && s.kind === 'video')
    Object.assign(out, {
      framesEncoded: s.framesEncoded,
      qualityLimitationReason: s.qualityLimitationReason,
      encoder: s.encoderImplementation,
      sentKbps: Math.round((s.bytesSent * 8) / seconds / 1000),
    });
  if (s.type === 'remote-inbound-rtp' && s.kind === 'video')
    Object.assign(out, {
      rttMs: s.roundTripTime * 1000,
      remoteLost: s.packetsLost,
      remoteFractionLost: s.fractionLost,
    });
  if (s.type === 'inbound-rtp' && s.kind === 'video')
    Object.assign(out, {
      framesDecoded: s.framesDecoded,
      packetsReceived: s.packetsReceived,
      packetsLost: s.packetsLost,
    });
  if (s.type === 'candidate-pair' && s.nominated) out.availableOutgoingBitrate = s.availableOutgoingBitrate;
});
out.dcRttMs = rtts.length ? rtts.sort((a, b) => a - b)[rtts.length >> 1] : null;
out.delete = (await fetch(location, { method: 'DELETE' })).status;
pc.close();
console.log(JSON.stringify(out));
process.exit(0);
