// Defaults under every profile. Each figure carries its source (docs/thresholds.md lists
// them all);
// a profile overrides any of them. Change a value here only with a source.
import type { CallSettings, NetworkRequirements, RecordingSettings, Thresholds } from './types.js';

export const DEFAULT_THRESHOLDS: Thresholds = {
  camera: {
    captureSeconds: 5, // testrtc captures 8 s; wardkit aims for 5 s with the same verdicts
    minFrameRate: 5, // testrtc: fail below 5 fps; room profiles raise it (e.g. 25 for a 30 fps camera)
    maxBlackFraction: 1 / 3, // testrtc: fail if more than 1/3 of frames are black
    maxFrozenFraction: 1 / 3, // testrtc: fail if more than 1/3 of frames are frozen
    minLuma: 38, // derived: blackdetect pix_th 0.10 over limited range 16–235 → 16 + 0.10·219 ≈ 38
    maxLuma: 225, // derived: symmetric to minLuma below the limited-range white level 235
  },
  microphone: {
    captureSeconds: 3, // Twilio AudioInputTest judges 3 s
    deadDbfs: -60, // testrtc; ffmpeg silencedetect n=-60dB
    quietDbfs: -40, // Twilio: level ≤ 1 % of full scale (−40 dBFS)
    clippingRun: 6, // testrtc: more than 6 consecutive full-scale samples
    maxDcOffset: 0.05, // 5 % of full scale: a faulty preamp or ground loop; our choice
  },
  speaker: {
    tonesHz: [250, 1000, 4000], // low, mid, high: a failing tweeter shows as a missing 4 kHz
    levelDbfs: -12, // 12 dB below full scale: headroom for a speaker and room that add gain; our choice
    minSnrDb: 26, // alsabat noise limit 26 dB SNR ≈ 5 % noise
    latencyMs: { warn: 50, fail: 300 }, // Cisco RoomOS recommends low-latency TV mode above 50 ms
    probeSeconds: 2.5, // issue 3: several tones in ≤ 2.5 s (alsabat: 2.5 s for one)
  },
  display: {
    minWidth: 1920, // ward-standard: a TV ≥ 1080p
    minHeight: 1080,
    minRefreshHz: 50,
  },
  host: {
    minFreeMemoryMiB: 1024, // an ffmpeg encoder plus a browser-based client
    minFreeDiskMiB: 1024, // spool + evidence
    loadPerCpu: { warn: 1.5, fail: 4 },
    clockOffsetMs: { warn: 1000, fail: 30000 }, // TLS and token validity tolerate seconds, not minutes
  },
};

export const DEFAULT_NETWORK: NetworkRequirements = {
  uploadMbps: { min: 1.2, recommended: 1.875 }, // 720p30: Teams/Zoom 1:1 720p 1.2; OpenTok 0.75 × 2.5
  downloadMbps: { min: 1.2, recommended: 1.875 }, // symmetric call: the official's video comes back
  rttMs: { warn: 300, fail: 600 }, // Daily call-quality test; Teams target < 100 ms
  loadedRttIncreaseMs: { warn: 60, fail: 200 }, // DSLReports bufferbloat grades: ≥ 60 ms is C or worse, ≥ 200 ms D or worse
  jitterMs: { warn: 30, fail: 60 }, // Teams < 30 ms any 15 s; Twilio warns > 30 ms
  lossPercent: { warn: 5, fail: 10 }, // Daily and Jitsi: 5 % tearing, 10 % freezing (Teams < 1 %)
  bandwidthSeconds: 5, // ndt7 ≤ 10 s per direction; wardkit targets ≤ 5 s
  probeSeconds: 5, // 250 packets at 50/s: loss resolution 0.4 pp; a 15 s window (Teams) is a profile choice
  probeRatePps: 50, // one Opus/RTP audio stream: 20 ms packets
  bandwidthStreams: 2, // ndt7 uses 1, speedtest 4–8. Measured here: 4 flows on a 2 Mbit/s tbf link with a
  // shallow queue stall together (read 1.4–1.76 vs iperf3's 1.96); 2 flows read within 6 % from 2 to 50 Mbit/s
  endpoints: [],
};

export const DEFAULT_CALL: CallSettings = {
  durationSeconds: 10,
  video: { width: 1280, height: 720, frameRate: 30, bitrateKbps: 1500 },
  audio: { bitrateKbps: 32 },
  headroom: 1.2,
  mos: { warn: 3.7, fail: 3.1 }, // Twilio call-quality bands
  videoBitrateKbps: { warn: 1100, fail: 700 }, // Daily call-quality test
  iceTransport: 'all',
  engine: 'werift', // libwebrtc is an option until it meets the same truth tables (docs/call.md)
};

export const DEFAULT_RECORDING: RecordingSettings = {
  hours: 40, // our choice: a working week of reception sessions kept before they are archived
  writeMargin: 4, // our choice: a disk busy with other work must still keep up with the recording
  testSeconds: 2, // long enough for both streams' first packets and a duration check (± 0.5 s)
};

/** Checks that are optional unless a profile says otherwise (issue 16: recording). */
export const DEFAULT_CHECK_POLICIES: Record<string, { required: boolean }> = { recording: { required: false } };
