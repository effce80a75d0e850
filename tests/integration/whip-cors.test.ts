// CORS on the WHIP endpoint per the Fetch standard (a web page on another origin calls it), and the
// counting of refused offers — against the real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createWhipModule } from '../../src/server/whip/module.js';

const TOKEN = 'cors-test-token';
const PAGE = 'https://hop.example.vn';

describe('WHIP endpoint: CORS and refused offers', () => {
  let open: RunningServer;
  let limited: RunningServer;
  let whipOpen: ReturnType<typeof createWhipModule>;
  beforeAll(async () => {
    whipOpen = createWhipModule({ token: TOKEN, maxCalls: 2, maxSeconds: 30, iceServers: [] });
    open = await startServer({ listen: '127.0.0.1:0', modules: [whipOpen] });
    limited = await startServer({
      listen: '127.0.0.1:0',
      modules: [createWhipModule({ maxCalls: 2, maxSeconds: 30, iceServers: [], corsOrigins: [PAGE] })],
    });
  });
  afterAll(async () => {
    await open?.close();
    await limited?.close();
  });

  it('answers a preflight without the token, with the methods and the requested headers', async () => {
    for (const path of ['/api/v1/whip', '/api/v1/whip/some-session']) {
      const res = await fetch(`${open.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: PAGE,
          'access-control-request-method': path.endsWith('whip') ? 'POST' : 'DELETE',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toMatch(path.endsWith('whip') ? /POST/ : /DELETE/);
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    }
  });

  it('puts CORS headers on errors too, so a page can read its 401 and 415', async () => {
    const r401 = await fetch(`${open.url}/api/v1/whip`, {
      method: 'POST',
      headers: { origin: PAGE, 'content-type': 'application/sdp', authorization: 'Bearer wrong' },
      body: 'v=0\r\n',
    });
    expect(r401.status).toBe(401);
    expect(r401.headers.get('access-control-allow-origin')).toBe('*');
    expect(r401.headers.get('access-control-expose-headers')).toMatch(/Location, Link, ETag/);
    // A plain OPTIONS (ICE server discovery, not a preflight) still needs the token.
    const opt = await fetch(`${open.url}/api/v1/whip`, { method: 'OPTIONS', headers: { origin: PAGE } });
    expect(opt.status).toBe(401);
  });

  it('with --whip-cors-origin, only the listed origin is allowed', async () => {
    const ok = await fetch(`${limited.url}/api/v1/whip`, {
      method: 'OPTIONS',
      headers: { origin: PAGE, 'access-control-request-method': 'POST' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const other = await fetch(`${limited.url}/api/v1/whip`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a refused offer is counted as rejectedOffer, not as an ended call', async () => {
    const sdp = [
      'v=0',
      'o=- 1 1 IN IP4 0.0.0.0',
      's=-',
      't=0 0',
      'm=video 9 UDP/TLS/RTP/SAVPF 97',
      'c=IN IP4 0.0.0.0',
      'a=mid:0',
      'a=rtpmap:97 MPV/90000',
      '',
    ].join('\r\n');
    const res = await fetch(`${open.url}/api/v1/whip`, {
      method: 'POST',
      headers: { 'content-type': 'application/sdp', authorization: `Bearer ${TOKEN}` },
      body: sdp,
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/no common video codec/);
    expect(whipOpen.stats).toMatchObject({ rejectedOffer: 1, ended: 0, created: 0 });
  });
});
