// ICE servers in HTTP Link headers, RFC 9725 §4.6:
//   Link: <stun:stun.example.net>; rel="ice-server"
//   Link: <turn:turn.example.net?transport=udp>; rel="ice-server"; username="user"; credential="pass"; credential-type="password"
import type { IceServerConfig } from './webrtc-peer.js';

const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;

export function formatIceLink(server: IceServerConfig): string[] {
  return server.urls.map((url) => {
    const parts = [`<${url}>`, 'rel="ice-server"'];
    if (server.username !== undefined) parts.push(`username=${quote(server.username)}`);
    if (server.credential !== undefined)
      parts.push(`credential=${quote(server.credential)}`, 'credential-type="password"');
    return parts.join('; ');
  });
}

/** Split a Link header value on commas that are outside <…> and quoted strings. */
function splitLinks(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  let inA = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && inQ) {
      cur += c + (value[++i] ?? '');
      continue;
    }
    if (c === '"' && !inA) inQ = !inQ;
    else if (c === '<' && !inQ) inA = true;
    else if (c === '>' && !inQ) inA = false;
    if (c === ',' && !inQ && !inA) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** ICE servers from one or more Link header values; links with another rel are ignored. */
export function parseIceLinks(values: string[]): IceServerConfig[] {
  const out: IceServerConfig[] = [];
  for (const link of values.flatMap(splitLinks)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(link);
    if (!m) continue;
    const params: Record<string, string> = {};
    const re = /;\s*([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
    let p: RegExpExecArray | null;
    while ((p = re.exec(m[2]))) params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
    if (!(params.rel ?? '').split(/\s+/).includes('ice-server')) continue;
    if (!/^(stun|stuns|turn|turns):/.test(m[1])) continue;
    out.push({
      urls: [m[1]],
      ...(params.username !== undefined ? { username: params.username } : {}),
      ...(params.credential !== undefined ? { credential: params.credential } : {}),
    });
  }
  return out;
}
