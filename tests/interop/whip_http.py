"""Minimal WHIP over HTTP for the interop scripts (standard library only: Debian's aiortc has no aiohttp).

Client side: post_offer() / delete(). Server side: serve() runs a tiny HTTP/1.1 server on asyncio that
hands POST /whip (application/sdp) to an async answer function and DELETE /whip/<id> to a close function.
"""
import asyncio
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def post_offer(url, sdp, token=None, timeout=15):
    req = urllib.request.Request(url, data=sdp.encode(), method="POST", headers={"Content-Type": "application/sdp"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            loc = res.headers.get("Location")
            return res.status, res.read().decode(), urllib.parse.urljoin(url, loc) if loc else None, dict(res.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace"), None, dict(e.headers)


def delete(url, token=None, timeout=5):
    req = urllib.request.Request(url, method="DELETE")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:
        return None


def emit(obj):
    """One JSON line on stdout: what the test reads."""
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def serve(host, answer, close, ready_extra=None):
    """answer(sdp) -> (session_id, answer_sdp); close(session_id) -> bool. Prints {"listening": url}."""

    async def handle(reader, writer):
        try:
            line = (await reader.readline()).decode()
            method, path, _ = line.split(" ", 2)
            headers = {}
            while True:
                h = (await reader.readline()).decode()
                if h in ("\r\n", "\n", ""):
                    break
                k, v = h.split(":", 1)
                headers[k.strip().lower()] = v.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            status, out, extra = 404, b"", {}
            if method == "POST" and path == "/whip":
                sid, sdp = await answer(body.decode())
                status, out = 201, sdp.encode()
                extra = {"Content-Type": "application/sdp", "Location": "/whip/" + sid}
            elif method == "DELETE" and path.startswith("/whip/"):
                status = 200 if await close(path[len("/whip/"):]) else 404
            elif method == "OPTIONS":
                status = 204
            reason = {200: "OK", 201: "Created", 204: "No Content", 404: "Not Found"}.get(status, "Error")
            head = f"HTTP/1.1 {status} {reason}\r\nContent-Length: {len(out)}\r\nConnection: close\r\n"
            head += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
            writer.write(head.encode() + b"\r\n" + out)
            await writer.drain()
        except Exception as e:  # noqa: BLE001 - report and keep serving
            sys.stderr.write(f"http error: {e!r}\n")
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, 0)
    port = server.sockets[0].getsockname()[1]
    emit({"listening": f"http://{host}:{port}/whip", **(ready_extra or {})})
    async with server:
        await server.serve_forever()
