// Debian's Chromium (libwebrtc) as a WHIP client of an echo peer, driven by playwright-core.
// Runs inside the test's loopback-only namespace; ONE browser serves every case (Chromium starts are
// slow on 2 cores). Reads one JSON case per stdin line, writes one JSON result per stdout line:
//   case: { id, url, crossOrigin?, token?, codec?: 'VP8'|'H264'|..., video?, audio?, datachannel?, bundlePolicy?, seconds }
//   result: { id, status, connected, framesDecoded, audioPacketsReceived, dcEchoed, closedAfterDeleteMs, ... }
// The page comes from the WHIP server's own origin (page.route()) or, for the CORS cases, from a
// small HTTP server of this driver on another loopback port.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  timeout: 60_000,
  args: [
    '--no-sandbox',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
// Pages on another origin come from a real HTTP server on loopback: a page fulfilled by page.route()
// has no IP address space, and Chromium's Local Network Access check then refuses its requests to 127.0.0.1.
const PAGE = '<!doctype html><title>interop</title>';
const pages = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((r) => pages.listen(0, '127.0.0.1', r));
const crossOrigin = `http://127.0.0.1:${pages.address().port}`;
process.stdout.write(JSON.stringify({ ready: true, version: browser.version() }) + '\n');

async function runCase(c) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 300)));
  const origin = c.crossOrigin ? crossOrigin : new URL(c.url).origin;
  const pageUrl = `${origin}/wardkit-interop.html`;
  // Same origin as the WHIP endpoint: the page is fulfilled here, the endpoint is still the real server.
  if (!c.crossOrigin)
    await page.route(pageUrl, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: PAGE }));
  try {
    await page.goto(pageUrl);
    const r = await page.evaluate(inPage, c);
    if (consoleErrors.length) r.consoleErrors = consoleErrors;
    return r;
  } finally {
    await context.close();
  }
}

/** Runs in the page. */
async function inPage(c) {
  const out = { id: c.id, connected: false, framesDecoded: 0, audioPacketsReceived: 0, dcEchoed: 0 };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const pc = new RTCPeerConnection({ bundlePolicy: c.bundlePolicy ?? 'balanced' });
  const wantVideo = c.video !== false;
  const wantAudio = c.audio !== false;
  const stream = await navigator.mediaDevices.getUserMedia({
    video: wantVideo ? { width: 640, height: 480 } : false,
    audio: wantAudio,
  });
  for (const track of stream.getTracks()) {
    const tr = pc.addTransceiver(track, { direction: 'sendrecv' });
    if (track.kind === 'video' && c.codec) {
      const codecs = RTCRtpReceiver.getCapabilities('video').codecs.filter(
        (x) => x.mimeType.toLowerCase() === `video/${c.codec.toLowerCase()}`,
      );
      out.codecOffered = codecs.length;
      if (codecs.length) tr.setCodecPreferences(codecs);
    }
  }
  let dc;
  if (c.datachannel) {
    dc = pc.createDataChannel('probe');
    dc.onmessage = () => out.dcEchoed++;
  }
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
    setTimeout(resolve, 3000);
  });
  const headers = { 'content-type': 'application/sdp' };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  let res;
  try {
    res = await fetch(c.url, { method: 'POST', headers, body: pc.localDescription.sdp });
  } catch (err) {
    out.status = 0;
    out.error = `fetch failed: ${err.message}`;
    pc.close();
    return out;
  }
  out.status = res.status;
  const body = await res.text();
  // Readable only when the server exposes it (Access-Control-Expose-Headers) on a cross-origin call.
  out.location = res.headers.get('location');
  out.etag = res.headers.get('etag');
  if (res.status !== 201) {
    out.error = body.slice(0, 300);
    pc.close();
    return out;
  }
  out.answerFeedback = body.split('\n').filter((l) => l.startsWith('a=rtcp-fb')).length;
  const t0 = performance.now();
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  for (let i = 0; i < 200 && pc.connectionState !== 'connected'; i++) await sleep(50);
  out.connected = pc.connectionState === 'connected';
  out.state = pc.connectionState;
  if (!out.connected) {
    pc.close();
    return out;
  }
  out.connectMs = Math.round(performance.now() - t0);
  const until = performance.now() + c.seconds * 1000;
  while (performance.now() < until) {
    if (dc?.readyState === 'open') dc.send('probe');
    await sleep(200);
  }
  const stats = await pc.getStats();
  stats.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.framesDecoded += s.framesDecoded ?? 0;
      out.videoCodec = stats.get(s.codecId)?.mimeType;
    }
    if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioPacketsReceived += s.packetsReceived ?? 0;
    if (s.type === 'outbound-rtp' && s.kind === 'video') out.sentCodec = stats.get(s.codecId)?.mimeType;
  });
  // DELETE, then how long until this browser notices that the session is gone.
  const transport = pc.getSenders()[0]?.transport ?? pc.sctp?.transport;
  let closedAt;
  const t1 = performance.now();
  const mark = () => (closedAt ??= performance.now() - t1);
  if (transport) transport.onstatechange = () => ['closed', 'failed'].includes(transport.state) && mark();
  pc.onconnectionstatechange = () => ['closed', 'failed', 'disconnected'].includes(pc.connectionState) && mark();
  const del = await fetch(new URL(out.location ?? '', c.url), {
    method: 'DELETE',
    headers: c.token ? { authorization: `Bearer ${c.token}` } : {},
  }).catch((e) => ({ status: 0, e }));
  out.deleteStatus = del.status;
  for (let i = 0; i < 100 && closedAt === undefined; i++) await sleep(50);
  out.closedAfterDeleteMs = closedAt === undefined ? null : Math.round(closedAt);
  out.afterDelete = { connection: pc.connectionState, dtls: transport?.state };
  pc.close();
  for (const t of stream.getTracks()) t.stop();
  return out;
}

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let c;
  try {
    c = JSON.parse(line);
    const r = await runCase(c);
    process.stdout.write(JSON.stringify(r) + '\n');
  } catch (err) {
    process.stdout.write(JSON.stringify({ id: c?.id, error: String(err?.message ?? err) }) + '\n');
  }
}
await browser.close();
pages.close();
