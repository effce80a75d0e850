"""A WHIP echo server made of GStreamer 1.22 webrtcbin: what it receives is depayloaded and
payloaded again (its own SSRC, sequence numbers and packetisation; no a=ssrc for the client to
route by unless GStreamer puts one in its answer). VP8 and Opus. Data channels are not offered.

Usage: gst_echo_server.py HOST; prints {"listening": URL}; answers POST /whip, DELETE /whip/<id>.
"""
import argparse
import asyncio
import threading
import uuid

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstWebRTC", "1.0")
gi.require_version("GstSdp", "1.0")
from gi.repository import GLib, GObject, Gst, GstSdp, GstWebRTC  # noqa: E402

import whip_http  # noqa: E402

Gst.init(None)
CODECS = {"VP8": ("video", "video/x-vp8", "rtpvp8depay", "rtpvp8pay", 90000), "OPUS": ("audio", "audio/x-opus,channel-mapping-family=0,channels=2,rate=48000", "rtpopusdepay", "rtpopuspay", 48000)}
sessions = {}


def on_main(fn):
    """Run fn on the GLib main loop and wait for its result."""
    done = threading.Event()
    box = {}

    def call():
        try:
            box["v"] = fn()
        except Exception as e:  # noqa: BLE001
            box["e"] = e
        done.set()
        return False

    GLib.idle_add(call)
    done.wait(20)
    if "e" in box:
        raise box["e"]
    return box.get("v")


class Session:
    def __init__(self, offer_text):
        self.id = uuid.uuid4().hex
        self.pipe = Gst.Pipeline.new("echo-" + self.id[:8])
        self.w = Gst.ElementFactory.make("webrtcbin")
        self.w.set_property("bundle-policy", GstWebRTC.WebRTCBundlePolicy.MAX_BUNDLE)
        self.pipe.add(self.w)
        self.srcs = {}  # encoding-name -> appsrc
        self.answer = None
        self.gathered = threading.Event()
        ok, self.offer = GstSdp.SDPMessage.new_from_text(offer_text)
        for i in range(self.offer.medias_len()):
            m = self.offer.get_media(i)
            for j in range(m.formats_len()):
                if not m.get_format(j).isdigit():
                    continue
                pt = int(m.get_format(j))
                name = self._codec_of(m, pt)
                if name in CODECS and name not in self.srcs:
                    self._add_sender(name, pt)
                    break
        self.w.connect("pad-added", self._on_pad)
        self.w.connect("notify::ice-gathering-state", self._on_gathering)
        self.pipe.set_state(Gst.State.PLAYING)

    @staticmethod
    def _codec_of(media, pt):
        for k in range(media.attributes_len()):
            at = media.get_attribute(k)
            if at.key == "rtpmap" and at.value.split(" ")[0] == str(pt):
                return at.value.split(" ")[1].split("/")[0].upper()
        return None

    def _add_sender(self, name, pt):
        kind, caps, _depay, pay, clock = CODECS[name]
        src = Gst.ElementFactory.make("appsrc")
        src.set_property("caps", Gst.Caps.from_string(caps))
        src.set_property("is-live", True)
        src.set_property("format", Gst.Format.TIME)
        src.set_property("do-timestamp", True)
        payer = Gst.ElementFactory.make(pay)
        payer.set_property("pt", pt)
        cf = Gst.ElementFactory.make("capsfilter")
        cf.set_property("caps", Gst.Caps.from_string(f"application/x-rtp,media={kind},encoding-name={name},payload={pt},clock-rate={clock}"))
        for e in (src, payer, cf):
            self.pipe.add(e)
        src.link(payer)
        payer.link(cf)
        cf.link(self.w)
        self.srcs[name] = src

    def _on_pad(self, _w, pad):
        # Only GObject-level calls on the pad: PyGObject sometimes wraps webrtcbin's private pad class
        # without its Gst.Pad base ("Must be Gst.Pad, not GstWebRTCBinSrcPad"); linking goes by name.
        get = lambda prop: GObject.Object.get_property(pad, prop)  # noqa: E731
        if get("direction") != Gst.PadDirection.SRC:
            return
        name = get("caps").get_structure(0).get_string("encoding-name").upper()
        if name not in CODECS:
            return
        depay = Gst.ElementFactory.make(CODECS[name][2])
        sink = Gst.ElementFactory.make("appsink")
        sink.set_property("emit-signals", True)
        sink.set_property("sync", False)
        src = self.srcs.get(name)
        sink.connect("new-sample", lambda s: self._forward(s, src))
        for e in (depay, sink):
            self.pipe.add(e)
            e.sync_state_with_parent()
        self.w.link_pads(get("name"), depay, "sink")
        depay.link(sink)

    @staticmethod
    def _forward(sink, src):
        sample = sink.emit("pull-sample")
        if src is not None and sample is not None:
            buf = sample.get_buffer().copy()
            buf.pts = Gst.CLOCK_TIME_NONE
            buf.dts = Gst.CLOCK_TIME_NONE
            src.emit("push-buffer", buf)
        return Gst.FlowReturn.OK

    def _on_gathering(self, _w, _p):
        if self.w.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE:
            self.answer = self.w.get_property("local-description").sdp.as_text()
            self.gathered.set()

    def start(self):
        offer = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.OFFER, self.offer)

        def on_answer(promise, _u, _d):
            reply = promise.get_reply()
            ans = reply.get_value("answer") if reply and reply.has_field("answer") else None
            if ans is None:
                import sys
                sys.stderr.write(f"create-answer failed: {reply.to_string() if reply else None}\n")
                return
            self.w.emit("set-local-description", ans, None)

        def after_remote(_p, _u, _d):
            GLib.idle_add(lambda: self.w.emit("create-answer", None, Gst.Promise.new_with_change_func(on_answer, None, None)) and False)

        self.w.emit("set-remote-description", offer, Gst.Promise.new_with_change_func(after_remote, None, None))

    def stop(self):
        self.pipe.set_state(Gst.State.NULL)


async def answer(sdp):
    loop = asyncio.get_running_loop()
    s = await loop.run_in_executor(None, lambda: on_main(lambda: Session(sdp)))
    on_main(s.start)
    if not await loop.run_in_executor(None, s.gathered.wait, 10):
        raise RuntimeError("webrtcbin did not gather")
    sessions[s.id] = s
    return s.id, s.answer


async def close(sid):
    s = sessions.pop(sid, None)
    if not s:
        return False
    on_main(s.stop)
    whip_http.emit({"ended": sid})
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    a = ap.parse_args()
    loop = GLib.MainLoop()
    threading.Thread(target=loop.run, daemon=True).start()
    asyncio.run(whip_http.serve(a.host, answer, close))


main()
