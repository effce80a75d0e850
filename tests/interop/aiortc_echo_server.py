"""A WHIP server made of aiortc that decodes and re-encodes what it receives (like an SFU/MCU that
transcodes): every received video/audio track is sent back through aiortc's own encoder, so the
echoed stream has its own SSRC, sequence numbers and packetisation. Data-channel messages are NOT
echoed unless --dc-echo (a client must then measure RTT from RTCP).

Usage: aiortc_echo_server.py HOST [--dc-echo]; prints {"listening": URL}; one JSON line per ended session.
"""
import argparse
import asyncio
import uuid

from aiortc import RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay

import whip_http

sessions = {}
relay = MediaRelay()


async def answer(sdp, dc_echo):
    pc = RTCPeerConnection()
    sid = uuid.uuid4().hex

    @pc.on("track")
    def on_track(track):
        pc.addTrack(relay.subscribe(track))

    @pc.on("datachannel")
    def on_dc(ch):
        @ch.on("message")
        def on_message(m):
            if dc_echo:
                ch.send(m)

    await pc.setRemoteDescription(RTCSessionDescription(sdp=sdp, type="offer"))
    await pc.setLocalDescription(await pc.createAnswer())
    sessions[sid] = pc
    return sid, pc.localDescription.sdp


async def close(sid):
    pc = sessions.pop(sid, None)
    if not pc:
        return False
    await pc.close()
    whip_http.emit({"ended": sid})
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("--dc-echo", action="store_true")
    a = ap.parse_args()
    asyncio.run(whip_http.serve(a.host, lambda sdp: answer(sdp, a.dc_echo), close))


main()
