// TCP keep-alive asked for before a socket is connected is applied once it is connected.
// fetch (undici) calls setKeepAlive right after net.connect, before the connect itself; Wine's
// Winsock then fails that connect with an error libuv cannot name ("connect UNKNOWN"), so every
// fetch — the test call's WHIP request, report submission — failed under Wine while node:http and
// a plain net.connect worked (docs/windows.md has the evidence). Real Windows and Linux accept
// either order; applying it after connect changes nothing there. Installed on Windows only.
import net from 'node:net';

const PATCHED = Symbol.for('wardkit.keepAliveAfterConnect');

export function keepAliveAfterConnect(): void {
  const proto = net.Socket.prototype as net.Socket & { [PATCHED]?: boolean };
  if (proto[PATCHED]) return;
  const original = proto.setKeepAlive;
  proto.setKeepAlive = function (this: net.Socket, enable?: boolean, initialDelay?: number) {
    if (this.connecting) {
      this.once('connect', () => original.call(this, enable, initialDelay));
      return this;
    }
    return original.call(this, enable, initialDelay);
  };
  proto[PATCHED] = true;
}
