"""aiortc (Debian python3-aiortc 1.4) as a WHIP client of an echo peer.

Usage: aiortc_client.py URL SECONDS [--token T] [--no-video] [--no-audio] [--datachannel]
Sends aiortc's synthetic video (VP8) and audio (Opus) on separate m-sections (aiortc gives every
section its own ICE credentials before BUNDLE is negotiated), counts what comes back, DELETEs.
Prints one JSON line: {"status", "connected", "framesReceived", "audioFramesReceived", "dcEchoed", ...}.
"""
import argparse
import asyncio
import time

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, MediaStreamError, VideoStreamTrack

import whip_http


async def count_frames(track, counter, key):
    try:
        while True:
            await track.recv()
            counter[key] += 1
    except MediaStreamError:
        pass


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("seconds", type=float)
    ap.add_argument("--token")
    ap.add_argument("--no-video", action="store_true")
    ap.add_argument("--no-audio", action="store_true")
    ap.add_argument("--datachannel", action="store_true")
    a = ap.parse_args()
    loop = asyncio.get_running_loop()
    pc = RTCPeerConnection()
    out = {"connected": False, "framesReceived": 0, "audioFramesReceived": 0, "dcEchoed": 0}
    tasks = []
    if not a.no_video:
        pc.addTransceiver(VideoStreamTrack(), direction="sendrecv")
    if not a.no_audio:
        pc.addTransceiver(AudioStreamTrack(), direction="sendrecv")
    dc = pc.createDataChannel("probe") if a.datachannel else None
    if dc:
        @dc.on("message")
        def on_message(_m):
            out["dcEchoed"] += 1

    @pc.on("track")
    def on_track(track):
        key = "framesReceived" if track.kind == "video" else "audioFramesReceived"
        tasks.append(asyncio.ensure_future(count_frames(track, out, key)))

    connected = asyncio.Event()

    @pc.on("connectionstatechange")
    def on_state():
        if pc.connectionState == "connected":
            connected.set()

    await pc.setLocalDescription(await pc.createOffer())  # aiortc gathers before returning
    offer = pc.localDescription.sdp
    out["offerSections"] = offer.count("\nm=")
    out["offerUfrags"] = len({l for l in offer.splitlines() if l.startswith("a=ice-ufrag:")})
    status, body, location, _h = await loop.run_in_executor(None, whip_http.post_offer, a.url, offer, a.token)
    out["status"] = status
    if status != 201:
        out["error"] = body[:300]
        whip_http.emit(out)
        await pc.close()
        return
    t0 = time.monotonic()
    await pc.setRemoteDescription(RTCSessionDescription(sdp=body, type="answer"))
    try:
        await asyncio.wait_for(connected.wait(), 10)
        out["connected"] = True
        out["connectMs"] = round((time.monotonic() - t0) * 1000)
    except asyncio.TimeoutError:
        out["state"] = pc.connectionState
    if out["connected"]:
        end = time.monotonic() + a.seconds
        while time.monotonic() < end:
            if dc and dc.readyState == "open":
                dc.send("probe")
            await asyncio.sleep(0.2)
    out["delete"] = await loop.run_in_executor(None, whip_http.delete, location, a.token)
    for t in tasks:
        t.cancel()
    await pc.close()
    whip_http.emit(out)


asyncio.run(main())
