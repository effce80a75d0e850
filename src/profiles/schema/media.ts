// Thresholds of the camera, microphone, speaker, display and host checks (docs/thresholds.md).
import { int, level, num, obj } from './common.js';

export const cameraThresholds = obj({
  captureSeconds: num(1, 60),
  minFrameRate: num(1, 240),
  maxBlackFraction: num(0, 1),
  maxFrozenFraction: num(0, 1),
  minLuma: num(0, 255),
  maxLuma: num(0, 255),
});

export const microphoneThresholds = obj({
  captureSeconds: num(0.5, 60),
  deadDbfs: num(-120, 0),
  quietDbfs: num(-120, 0),
  clippingRun: int(1, 10000),
  maxDcOffset: num(0, 1),
});

export const speakerThresholds = obj({
  tonesHz: { type: 'array', minItems: 1, maxItems: 8, uniqueItems: true, items: num(20, 20000) },
  levelDbfs: num(-60, 0),
  minSnrDb: num(0, 120),
  latencyMs: level(0, 5000),
  probeSeconds: num(0.5, 30),
});

export const displayThresholds = obj({
  minWidth: int(320, 16384),
  minHeight: int(200, 16384),
  minRefreshHz: num(1, 480),
});

export const hostThresholds = obj({
  minFreeMemoryMiB: int(0, 1048576),
  minFreeDiskMiB: int(0, 104857600),
  loadPerCpu: level(0, 1000),
  clockOffsetMs: level(0, 3600000),
});
