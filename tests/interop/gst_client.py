"""GStreamer 1.22 webrtcbin as a WHIP client of an echo peer.

Usage: gst_client.py URL SECONDS [--bundle max-bundle|none] [--token T]
Sends VP8 (videotestsrc) and Opus (audiotestsrc); decodes what comes back; DELETEs.
Prints one JSON line: {"status", "connected", "framesReceived", "audioBuffersReceived", "offerHasBundle", ...}.
"""
import argparse
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstWebRTC", "1.0")
gi.require_version("GstSdp", "1.0")
from gi.repository import GLib, Gst, GstSdp, GstWebRTC  # noqa: E402

import whip_http  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("url")
ap.add_argument("seconds", type=float)
ap.add_argument("--bundle", default="max-bundle", choices=["max-bundle", "none", "max-compat", "balanced"])
ap.add_argument("--token")
a = ap.parse_args()

Gst.init(None)
out = {"connected": False, "framesReceived": 0, "audioBuffersReceived": 0}
loop = GLib.MainLoop()
pipe = Gst.parse_launch(
    f"webrtcbin name=w bundle-policy={a.bundle} "
    "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1 ! "
    "vp8enc deadline=1 cpu-used=8 keyframe-max-dist=15 ! rtpvp8pay pt=96 ! "
    "application/x-rtp,media=video,encoding-name=VP8,payload=96,clock-rate=90000 ! w. "
    "audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! opusenc ! rtpopuspay pt=111 ! "
    "application/x-rtp,media=audio,encoding-name=OPUS,payload=111,clock-rate=48000 ! w. "
)
w = pipe.get_by_name("w")
state = {"location": None, "started": None}


def count(key):
    def probe(_pad, _info):
        out[key] += 1
        return Gst.PadProbeReturn.OK
    return probe


def on_decoded_pad(_db, pad):
    caps = pad.get_current_caps().to_string()
    key = "framesReceived" if caps.startswith("video") else "audioBuffersReceived"
    sink = Gst.ElementFactory.make("fakesink")
    sink.set_property("sync", False)
    pipe.add(sink)
    sink.sync_state_with_parent()
    pad.link(sink.get_static_pad("sink"))
    sink.get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, count(key))


def on_pad_added(_w, pad):
    if pad.direction != Gst.PadDirection.SRC:
        return
    db = Gst.ElementFactory.make("decodebin")
    db.connect("pad-added", on_decoded_pad)
    pipe.add(db)
    db.sync_state_with_parent()
    pad.link(db.get_static_pad("sink"))


def finish():
    if state["location"]:
        out["delete"] = whip_http.delete(state["location"], a.token)
    GLib.idle_add(loop.quit)


def post(offer_sdp):
    status, body, location, _h = whip_http.post_offer(a.url, offer_sdp, a.token)
    out["status"] = status
    if status != 201:
        out["error"] = body[:300]
        GLib.idle_add(loop.quit)
        return
    state["location"] = location
    out["answerHasBundle"] = "a=group:BUNDLE" in body
    ok, msg = GstSdp.SDPMessage.new_from_text(body)
    answer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.ANSWER, msg)
    state["started"] = time.monotonic()
    GLib.idle_add(lambda: w.emit("set-remote-description", answer, None) and False)

    def wait():
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and w.get_property("connection-state") != GstWebRTC.WebRTCPeerConnectionState.CONNECTED:
            time.sleep(0.05)
        if w.get_property("connection-state") == GstWebRTC.WebRTCPeerConnectionState.CONNECTED:
            out["connected"] = True
            out["connectMs"] = round((time.monotonic() - state["started"]) * 1000)
            time.sleep(a.seconds)
        else:
            out["state"] = w.get_property("connection-state").value_nick
            out["iceState"] = w.get_property("ice-connection-state").value_nick
        finish()

    threading.Thread(target=wait, daemon=True).start()


def on_gathering(_w, _p):
    if w.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE and "offer" not in state:
        sdp = w.get_property("local-description").sdp.as_text()
        state["offer"] = sdp
        out["offerHasBundle"] = "a=group:BUNDLE" in sdp
        out["offerUfrags"] = len({l for l in sdp.splitlines() if l.startswith("a=ice-ufrag:")})
        threading.Thread(target=post, args=(sdp,), daemon=True).start()


def on_offer(promise, _u, _d):
    reply = promise.get_reply()
    offer = reply.get_value("offer")
    w.emit("set-local-description", offer, None)


def on_negotiation(_w):
    w.emit("create-offer", None, Gst.Promise.new_with_change_func(on_offer, None, None))


w.connect("on-negotiation-needed", on_negotiation)
w.connect("notify::ice-gathering-state", on_gathering)
w.connect("pad-added", on_pad_added)
for t in range(2):
    tr = w.emit("get-transceiver", t)
    if tr:
        tr.set_property("direction", GstWebRTC.WebRTCRTPTransceiverDirection.SENDRECV)
pipe.set_state(Gst.State.PLAYING)
GLib.timeout_add_seconds(int(a.seconds) + 30, lambda: (out.setdefault("error", "timeout"), loop.quit()) and False)
loop.run()
pipe.set_state(Gst.State.NULL)
whip_http.emit(out)
