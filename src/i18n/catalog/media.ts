// Messages of the media area: camera, microphone, devices, doctor, ffmpeg, URIs, then speaker,
// display and the loopback probe. See docs/glossary.md for Vietnamese terms.
export const en: Record<string, string> = {
  'check.title.camera': 'Camera',
  'check.title.microphone': 'Microphone',
  'camera.summary':
    'Camera delivered {resolution} at {fps:fps} fps measured ({frames} frames over {seconds:s} s), mean luma {luma}',
  'camera.lowResolution': 'The camera delivers {got}, below the required {min}',
  'camera.lowResolution.remedy':
    'Use a camera that supports {min}, connect it to a USB 3 port, or set the resolution in the profile the camera actually supports',
  'camera.otherResolution': 'The camera delivers {got} instead of the preferred {want}',
  'camera.lowFrameRate': 'The camera delivers only {fps} frames per second (required: {min})',
  'camera.lowFrameRate.remedy':
    'Add light to the room (cameras slow down in the dark), turn off auto-exposure priority, or use a USB 3 port; close other programs using the camera',
  'camera.black': 'Black picture: {percent:%} % of the capture is black',
  'camera.black.remedy':
    'Remove the lens cover or privacy shutter, check that the camera faces the room and that the room lights are on',
  'camera.frozen': 'Frozen picture: {percent:%} % of the capture does not change',
  'camera.frozen.remedy':
    'Unplug and replug the camera, restart the conference software, and check the USB cable; a still picture can also be a virtual camera showing an image',
  'camera.tooDark': 'The picture is too dark (mean luma {luma}, minimum {min})',
  'camera.tooDark.remedy':
    'Turn on the room lights or add a light facing the citizen; check the camera exposure settings',
  'camera.overexposed': 'The picture is overexposed (mean luma {luma}, maximum {max})',
  'camera.overexposed.remedy': 'Turn the camera away from windows or bright lights, or lower its exposure',
  'camera.noDevice': 'No camera is bound to role {role}.',
  'camera.noDevice.remedy':
    'Bind the camera with `wardkit apply`, or pass --device camera=URI (see `wardkit devices`).',
  'microphone.noDevice': 'No microphone is bound to role {role}.',
  'microphone.noDevice.remedy':
    'Bind the microphone with `wardkit apply`, or pass --device microphone=URI (see `wardkit devices`).',
  'camera.noFrames': 'The camera {uri} opened but delivered no picture in {seconds:s} s',
  'camera.noFrames.remedy': 'Unplug and replug the camera; close other programs that may be using it',
  'camera.notFound': 'Camera {uri} not found {detail:detail}',
  'camera.notFound.remedy':
    'Check that the camera is plugged in, then run `wardkit devices` and bind the device it lists (wardkit apply)',
  'camera.busy': 'Camera {uri} is in use by another program {detail:detail}',
  'camera.busy.remedy': 'Close the conference software or other programs using the camera and run the check again',
  'camera.permission': 'No permission to open camera {uri} {detail:detail}',
  'camera.permission.remedy':
    'Add the user to the "video" group (Linux) or allow camera access in the privacy settings (Windows, macOS)',
  'camera.timeout': 'Camera {uri} did not finish within {seconds:s} s',
  'camera.timeout.remedy': 'The camera or its driver hangs: unplug and replug it, or restart the computer',
  'camera.simUnsupported': '{uri} is not a camera: use lavfi:, file: or a real device URI',
  'camera.simUnsupported.remedy': 'Bind the camera role to a device listed by `wardkit devices`',
  'microphone.summary':
    'Microphone level {rms:dBFS} dBFS (peak {peak:dBFS} dBFS, noise floor {floor:dBFS} dBFS) at {rate:Hz} Hz',
  'microphone.dead': 'No sound from the microphone (level {rms:dBFS} dBFS, below {min:dBFS} dBFS)',
  'microphone.dead.remedy':
    'Unmute the microphone (button on the device and in the sound settings), check its cable and power, and make sure the right microphone is bound',
  'microphone.quiet': 'The microphone is too quiet (level {rms:dBFS} dBFS, below {min:dBFS} dBFS)',
  'microphone.quiet.remedy':
    'Raise the microphone gain in the sound settings, or place the microphone closer to where the citizen sits',
  'microphone.clipping':
    'The microphone clips (distorted): {run} consecutive full-scale samples (limit {limit}), {runs} times',
  'microphone.clipping.remedy': 'Lower the microphone gain in the sound settings or on the device',
  'microphone.dcOffset': 'The microphone signal has a DC offset of {percent:%} % of full scale',
  'microphone.dcOffset.remedy': 'Check the cable and the ground of the sound system; a faulty preamplifier causes this',
  'microphone.dropouts': 'The sound drops out: {count} gaps of digital silence (longest {longest:ms} ms)',
  'microphone.dropouts.remedy': 'Use another USB port, avoid USB hubs, and close programs that load the computer',
  'microphone.noSamples': 'The microphone {uri} delivered only {seconds:s} s of sound',
  'microphone.noSamples.remedy': 'Unplug and replug the microphone; check that no other program holds it exclusively',
  'microphone.notFound': 'Microphone {uri} not found {detail:detail}',
  'microphone.notFound.remedy':
    'Check that the microphone is plugged in, then run `wardkit devices` and bind the device it lists (wardkit apply)',
  'microphone.busy': 'Microphone {uri} is in use by another program {detail:detail}',
  'microphone.busy.remedy':
    'Close the conference software or other programs using the microphone and run the check again',
  'microphone.permission': 'No permission to open microphone {uri} {detail:detail}',
  'microphone.permission.remedy':
    'Add the user to the "audio" group (Linux) or allow microphone access in the privacy settings (Windows, macOS)',
  'microphone.timeout': 'Microphone {uri} did not finish within {seconds:s} s',
  'microphone.timeout.remedy':
    'The microphone or the sound server hangs: unplug and replug it, or restart the sound server (pulseaudio/pipewire)',
  'microphone.simUnsupported': '{uri} is not a microphone: only sim:room simulates one',
  'microphone.simUnsupported.remedy': 'Bind the microphone role to a device listed by `wardkit devices`',
  'ffmpeg.notFound': 'ffmpeg was not found',
  'ffmpeg.notFound.remedy':
    'Install ffmpeg (Debian/Ubuntu: apt install ffmpeg), or pass its path with --ffmpeg or WARDKIT_FFMPEG; `wardkit doctor` shows which one is used',
  'ffmpeg.cannotStart': 'ffmpeg {path} could not be started {detail:detail}',
  'ffmpeg.aborted': 'Stopped before the capture finished',
  'ffmpeg.noBackend': 'This ffmpeg ({path}) cannot open {uri} {detail:detail}',
  'ffmpeg.noBackend.remedy':
    "Install Debian's ffmpeg (apt install ffmpeg) — the bundled one has no pulse input — and check with `wardkit doctor`",
  'ffmpeg.failed': 'ffmpeg failed on {uri} (exit code {code}) {detail:detail}',
  'ffmpeg.failed.remedy':
    'Run the check again with --debug to see the ffmpeg command, and `wardkit doctor` to check ffmpeg',
  'uri.invalid': 'Bad device URI "{uri}" {reason:detail}',
  'uri.invalid.remedy':
    'Use BACKEND:TARGET, e.g. v4l2:/dev/video0, pulse:<source>, dshow:video=<name>, lavfi:<graph>; `wardkit devices` lists the URIs of this computer',
  'cmd.devices.description': 'List every camera, microphone, speaker and display of this computer with its device URI',
  'cmd.devices.opt.json': 'print the inventory as JSON',
  'cmd.devices.opt.ffmpeg': 'ffmpeg binary to ask (default: WARDKIT_FFMPEG, then ffmpeg on PATH, then the bundled one)',
  'devices.kind.camera': 'Cameras',
  'devices.kind.microphone': 'Microphones',
  'devices.kind.speaker': 'Speakers',
  'devices.kind.display': 'Displays',
  'devices.none': '(none found)',
  'devices.default': 'default',
  'devices.monitor': 'monitor of a speaker',
  'devices.unavailable': 'Could not query:',
  'cmd.doctor.description':
    'Show versions, which ffmpeg wardkit uses, and what it can capture and analyse. Exit 0; 1 if there is no usable ffmpeg.',
  'cmd.doctor.opt.json': 'print the findings as JSON',
  'cmd.doctor.opt.ffmpeg': 'ffmpeg binary to examine first (as `check --ffmpeg`)',
  'doctor.versions': 'wardkit {wardkit}, Node.js {node}, {platform}',
  'doctor.ffmpegUsed': 'ffmpeg in use: {path} ({source}), version {version}',
  'doctor.ffmpegOther': '  also found: {path} ({source}), version {version}',
  'doctor.source.explicit': 'given with --ffmpeg or WARDKIT_FFMPEG',
  'doctor.source.system': 'system, on PATH',
  'doctor.source.bundled': 'bundled with wardkit',
  'doctor.noAnswer': 'no answer',
  'doctor.inputs': 'device inputs',
  'doctor.pulseOutput': 'pulse output',
  'doctor.filters': 'analysis filters',
  'doctor.noFfmpeg': 'No ffmpeg found: the camera, microphone and speaker checks cannot run.',
  'doctor.advice.noFfmpeg': 'Install ffmpeg (Debian/Ubuntu: apt install ffmpeg) or pass its path with --ffmpeg',
  'doctor.advice.unusable': '{path} does not run as ffmpeg: fix the path given with --ffmpeg or WARDKIT_FFMPEG',
  'doctor.advice.noPulse':
    "no pulse input in {path}: PulseAudio/PipeWire microphones cannot be opened — install Debian's ffmpeg (apt install ffmpeg)",
  'doctor.advice.missingFilters': 'missing analysis filters: {filters} — install a full ffmpeg build',
  'doctor.advice.bundled':
    "using the bundled ffmpeg 4.1 (2018): install the system's ffmpeg for PulseAudio and newer device support",
  'check.title.speaker': 'Speaker',
  'check.title.display': 'Display (TV)',
  'speaker.ok': 'The microphone heard every test tone ({tones:list:Hz}) at {level:dBFS} dBFS.',
  'speaker.noDevice': 'No speaker is bound to role {role}.',
  'speaker.noDevice.remedy':
    'Bind the speaker with `wardkit apply`, or pass --device speaker=URI (see `wardkit devices`).',
  'speaker.noMicrophone': 'No microphone is bound to listen to the speaker, so it could not be tested.',
  'speaker.noMicrophone.remedy':
    'Bind the room microphone (role of kind microphone) with `wardkit apply` or --device microphone=URI.',
  'speaker.badUri': 'Device address "{uri}" is not usable {reason:detail}',
  'speaker.badUri.remedy':
    'Use a speaker address such as pulse:SINK or alsa:hw:1,0, and a microphone address such as pulse:SOURCE (see `wardkit devices`).',
  'speaker.simMismatch':
    'A simulated room (sim:room) can only be heard by a simulated microphone, and a simulated microphone only hears a simulated speaker.',
  'speaker.simMismatch.remedy': 'Give both the speaker and the microphone a sim:room address, or both real devices.',
  'speaker.cannotPlay': 'wardkit cannot play the test tone on this speaker {detail:detail}',
  'speaker.cannotPlay.remedy':
    'On Windows ffmpeg cannot play to a DirectShow device: test the speaker by ear with the Windows sound settings, or run the check on Linux (pulse:/alsa:).',
  'speaker.microphoneFailed': 'The microphone ({microphone:device}) could not record {detail:detail}',
  'speaker.microphoneFailed.remedy':
    'Check that the microphone is plugged in and not in use by another program, then run the check again.',
  'speaker.playbackFailed': 'The test tone could not be played on the speaker {detail:detail}',
  'speaker.playbackFailed.remedy':
    'Check that the speaker is plugged in, switched on and not in use by another program; `wardkit devices` lists the outputs.',
  'speaker.nothingHeard':
    'Nothing was heard: the microphone ({microphone:device}) did not pick up any test tone from the speaker.',
  'speaker.nothingHeard.remedy':
    'Unmute the speaker and turn its volume up, check that the sound goes to the right output (the TV over HDMI or the room speaker, not the laptop), and that the cable is plugged in and the speaker switched on. A speakerphone (speaker and microphone in one device) cancels its own sound: test it by ear.',
  'speaker.notLocated':
    "Sound at the test frequencies ({tones:list:Hz}) was heard, but not the test signal's timing markers: it may be another sound (a voice, music), not the speaker.",
  'speaker.notLocated.remedy':
    'Run the check again in a quiet room; turn off any sound enhancement or echo cancellation between the speaker and the microphone.',
  'speaker.tonesMissing': 'Test tones not heard: {tones:list:Hz} ({count} of {total}).',
  'speaker.tonesMissing.remedy':
    'Part of the sound range is not reproduced: the speaker (often its tweeter, for high tones) may be damaged, or an equaliser / TV sound mode cuts that range. Try another speaker or reset the sound settings.',
  'speaker.tooQuiet': 'The test tone reached the microphone at only {level:dBFS} dBFS (quiet below {quiet:dBFS} dBFS).',
  'speaker.tooQuiet.remedy': 'Turn the speaker (or TV) volume up, and point it towards the room microphone.',
  'speaker.distorted': 'The speaker distorts: {thd:%} % harmonic distortion at {hz:Hz} Hz.',
  'speaker.distorted.remedy':
    'Lower the volume of the speaker or amplifier until the sound is clean; a speaker that still buzzes at moderate volume is damaged.',
  'speaker.highLatency': 'Sound reaches the room {ms:ms} ms after it is played (limit {limit:ms} ms).',
  'speaker.highLatency.remedy':
    "Turn on the TV's low-latency mode (Game mode / PC mode), or connect the speaker directly to the computer instead of through the TV.",
  'speaker.latencyEstimate':
    'Latency at most ≈ {ms:ms} ms (playback and recording are not sample-aligned on real devices; not judged).',
  'speaker.latencyUnknown': 'The latency could not be measured (the timing marker was not found).',
  'speaker.glitch': 'The sound path dropped or inserted {ms:ms} ms of audio during the test (an underrun).',
  'speaker.glitch.remedy':
    'Close programs that load the computer, and check the audio cable or Bluetooth link; run the check again.',
  'display.badUri': 'Display address "{uri}" is not usable {reason:detail}',
  'display.badUri.remedy':
    'Use x11:DISPLAY (e.g. x11::0), display:NAME (e.g. display:*Samsung*), or leave the role unbound to use the displays the system reports.',
  'display.unavailable': 'The displays could not be listed: {why:key} {reason:detail}',
  'display.unavailable.remedy':
    'Run the check from the desktop session of the room computer (or set DISPLAY), with the TV switched on and connected.',
  'display.none': 'No display is connected (looking for {wanted}).',
  'display.notMatched': 'The required display ({wanted}) is not connected. Found: {found}.',
  'display.none.remedy':
    "Switch the TV on, check the HDMI cable and the TV's input source, and that the computer shows its picture on the TV (extend or duplicate the screen).",
  'display.found': 'Display: {display}, {mode}.',
  'display.lowResolution': 'The display runs at {actual}, below the required {required}.',
  'display.lowResolution.remedy':
    "Set the display resolution to {required} or higher in the system display settings (use the TV's native resolution).",
  'display.lowRefresh': 'The display refreshes at {actual:Hz} Hz, below the required {required:Hz} Hz.',
  'display.lowRefresh.remedy': 'Choose a refresh rate of at least {required:Hz} Hz in the system display settings.',
  'display.refreshUnknown': 'The system does not report the refresh rate (required ≥ {required:Hz} Hz): not judged.',
  'camera.metric.width': 'width',
  'camera.metric.height': 'height',
  'camera.metric.frameRate': 'frame rate',
  'camera.metric.blackFraction': 'black picture',
  'camera.metric.frozenFraction': 'frozen picture',
  'camera.metric.lumaMean': 'brightness',
  'camera.metric.frames': 'frames',
  'camera.metric.maxFrameGap': 'longest frame gap',
  'microphone.metric.rmsLevel': 'level (RMS)',
  'microphone.metric.peakLevel': 'peak',
  'microphone.metric.noiseFloor': 'noise floor',
  'microphone.metric.longestFullScaleRun': 'longest clipped run',
  'microphone.metric.dcOffset': 'DC offset',
  'microphone.metric.dropouts': 'dropouts',
  'microphone.metric.sampleRate': 'sample rate',
  'microphone.metric.seconds': 'recorded',
  'speaker.metric.level': 'tone level',
  'speaker.metric.thd': 'distortion (THD)',
  'speaker.metric.latency': 'latency',
  'speaker.metric.snr250Hz': 'SNR 250 Hz',
  'speaker.metric.snr1000Hz': 'SNR 1,000 Hz',
  'speaker.metric.snr4000Hz': 'SNR 4,000 Hz',
  'display.metric.width': 'width',
  'display.metric.height': 'height',
  'display.metric.refreshRate': 'refresh rate',
  'check.title.recording': 'Recording readiness',
  'recording.missing': 'The recording folder {folder} does not exist ({code}).',
  'recording.metric.freeGiB': 'free space',
  'recording.metric.writeMbps': 'write speed',
  'recording.missing.remedy':
    'Create the folder, or correct recording.folder in the profile to the folder the recording software uses.',
  'recording.notFolder': '{folder} is a file, not a folder.',
  'recording.notFolder.remedy': 'Set recording.folder in the profile to a folder.',
  'recording.notWritable':
    'Nothing can be written to the recording folder {folder} ({code}): recordings would be lost.',
  'recording.notWritable.remedy':
    'Give the recording account write permission on the folder, or remount the disk read-write (a disk mounted read-only after errors needs checking first).',
  'recording.full': 'The recording folder {folder} is full ({code}).',
  'recording.full.remedy':
    'Free space on that disk (move old recordings to the archive), or point recording.folder to a larger disk.',
  'recording.noSpace': 'Only {free} GiB free in {folder}; {hours} h of recording at {kbps} kbit/s need {need} GiB.',
  'recording.noSpace.remedy':
    'Free at least the missing space (move old recordings to the archive), or point recording.folder to a larger disk.',
  'recording.writeError': 'Writing to {folder} failed ({code}).',
  'recording.slowDisk': 'The disk writes only {mbps} Mbit/s sustained; recording needs {need} Mbit/s with margin.',
  'recording.slowDisk.remedy':
    'Record to a local disk (not a network share or a slow USB stick), or check the disk’s health.',
  'recording.noDevices': 'No camera and microphone are bound to the room, so no test recording was made.',
  'recording.noDevices.remedy': 'Bind the room’s camera and microphone (wardkit apply) and run the check again.',
  'recording.recordFailed': 'The test recording into {folder} failed: {detail}',
  'recording.recordFailed.remedy':
    'Run the camera and microphone checks; if they pass, check that the disk is healthy and not full.',
  'recording.unplayable':
    'The test recording does not play back correctly: {duration} s of {seconds} s, video {video}, audio {audio}.',
  'recording.ok':
    'Recording ready: {free} GiB free in {folder} (enough for {hours} h); a {seconds} s test recording played back with video and sound and was deleted.',
  'speaker.metric.snr': 'SNR {hz:Hz} Hz',
  'display.notRecognised':
    "A display is connected but not recognised as this room's TV: {name} {mode}. Its name matches none of the profile's names.",
  'display.notRecognised.remedy':
    "If it is the room's TV, bind it: wardkit check … --device {role}={uri}, or write `{role}: {uri}` under `devices` in the room file.",
};

export const vi: Record<string, string> = {
  'check.title.camera': 'Camera',
  'check.title.microphone': 'Micro',
  'camera.summary':
    'Camera cho hình {resolution}, đo được {fps} khung hình/giây ({frames} khung hình trong {seconds:s} giây), độ sáng trung bình {luma}',
  'camera.lowResolution': 'Camera chỉ cho hình {got}, thấp hơn mức yêu cầu {min}',
  'camera.lowResolution.remedy':
    'Dùng camera hỗ trợ {min}, cắm vào cổng USB 3, hoặc đặt trong hồ sơ cấu hình thiết bị độ phân giải mà camera thực sự hỗ trợ',
  'camera.otherResolution': 'Camera cho hình {got} thay vì {want} như mong muốn',
  'camera.lowFrameRate': 'Tốc độ khung hình của camera chỉ đạt {fps} khung hình/giây (yêu cầu: {min})',
  'camera.lowFrameRate.remedy':
    'Tăng ánh sáng trong phòng (camera chậm lại khi thiếu sáng), tắt chế độ ưu tiên phơi sáng tự động, hoặc dùng cổng USB 3; đóng các chương trình khác đang dùng camera',
  'camera.black': 'Hình đen: {percent:%} % thời gian ghi hình bị đen',
  'camera.black.remedy':
    'Mở nắp che ống kính hoặc màn che riêng tư, kiểm tra camera có hướng vào phòng và đèn phòng đã bật',
  'camera.frozen': 'Hình bị đứng: {percent:%} % thời gian ghi hình không thay đổi',
  'camera.frozen.remedy':
    'Rút ra cắm lại camera, khởi động lại phần mềm hội nghị truyền hình và kiểm tra cáp USB; hình đứng yên cũng có thể do camera ảo đang phát một ảnh tĩnh',
  'camera.tooDark': 'Hình quá tối (độ sáng trung bình {luma}, tối thiểu {min})',
  'camera.tooDark.remedy': 'Bật đèn phòng hoặc thêm đèn chiếu về phía công dân; kiểm tra cài đặt phơi sáng của camera',
  'camera.overexposed': 'Hình quá sáng (độ sáng trung bình {luma}, tối đa {max})',
  'camera.overexposed.remedy': 'Xoay camera tránh cửa sổ hoặc đèn chói, hoặc giảm độ phơi sáng',
  'camera.noDevice': 'Chưa gán camera cho vai trò {role}.',
  'camera.noDevice.remedy': 'Gán camera bằng `wardkit apply`, hoặc dùng --device camera=URI (xem `wardkit devices`).',
  'microphone.noDevice': 'Chưa gán micro cho vai trò {role}.',
  'microphone.noDevice.remedy':
    'Gán micro bằng `wardkit apply`, hoặc dùng --device microphone=URI (xem `wardkit devices`).',
  'camera.noFrames': 'Camera {uri} đã mở nhưng không cho hình nào trong {seconds:s} giây',
  'camera.noFrames.remedy': 'Rút ra cắm lại camera; đóng các chương trình khác có thể đang dùng camera',
  'camera.notFound': 'Không tìm thấy camera {uri} {detail:detail}',
  'camera.notFound.remedy':
    'Kiểm tra camera đã được cắm, rồi chạy `wardkit devices` và gán thiết bị được liệt kê (wardkit apply)',
  'camera.busy': 'Camera {uri} đang được chương trình khác sử dụng {detail:detail}',
  'camera.busy.remedy': 'Đóng phần mềm hội nghị truyền hình hoặc chương trình khác đang dùng camera rồi kiểm tra lại',
  'camera.permission': 'Không có quyền mở camera {uri} {detail:detail}',
  'camera.permission.remedy':
    'Thêm người dùng vào nhóm "video" (Linux) hoặc cho phép truy cập camera trong cài đặt quyền riêng tư (Windows, macOS)',
  'camera.timeout': 'Camera {uri} không hoàn tất trong {seconds:s} giây',
  'camera.timeout.remedy': 'Camera hoặc trình điều khiển bị treo: rút ra cắm lại, hoặc khởi động lại máy tính',
  'camera.simUnsupported': '{uri} không phải là camera: dùng lavfi:, file: hoặc URI của thiết bị thật',
  'camera.simUnsupported.remedy': 'Gán vai trò camera cho một thiết bị do `wardkit devices` liệt kê',
  'microphone.summary': 'Mức micro {rms:dBFS} dBFS (đỉnh {peak:dBFS} dBFS, nền nhiễu {floor:dBFS} dBFS) ở {rate:Hz} Hz',
  'microphone.dead': 'Micro không có tiếng (mức {rms:dBFS} dBFS, dưới {min:dBFS} dBFS)',
  'microphone.dead.remedy':
    'Bật tiếng micro (nút trên thiết bị và trong cài đặt âm thanh), kiểm tra cáp và nguồn, và chắc chắn đã gán đúng micro',
  'microphone.quiet': 'Âm lượng micro quá nhỏ (mức {rms:dBFS} dBFS, dưới {min:dBFS} dBFS)',
  'microphone.quiet.remedy':
    'Tăng độ khuếch đại micro trong cài đặt âm thanh, hoặc đặt micro gần chỗ công dân ngồi hơn',
  'microphone.clipping': 'Micro bị vỡ tiếng (quá tải): {run} mẫu liên tiếp ở mức tối đa (giới hạn {limit}), {runs} lần',
  'microphone.clipping.remedy': 'Giảm độ khuếch đại micro trong cài đặt âm thanh hoặc trên thiết bị',
  'microphone.dcOffset': 'Tín hiệu micro bị lệch DC {percent:%} % so với mức tối đa',
  'microphone.dcOffset.remedy': 'Kiểm tra cáp và nối đất của hệ thống âm thanh; bộ tiền khuếch đại hỏng gây ra lỗi này',
  'microphone.dropouts': 'Tiếng bị ngắt quãng: {count} khoảng im lặng hoàn toàn (dài nhất {longest:ms} ms)',
  'microphone.dropouts.remedy': 'Dùng cổng USB khác, tránh bộ chia USB, và đóng các chương trình làm máy tính quá tải',
  'microphone.noSamples': 'Micro {uri} chỉ cho {seconds:s} giây âm thanh',
  'microphone.noSamples.remedy': 'Rút ra cắm lại micro; kiểm tra không có chương trình nào khác chiếm micro độc quyền',
  'microphone.notFound': 'Không tìm thấy micro {uri} {detail:detail}',
  'microphone.notFound.remedy':
    'Kiểm tra micro đã được cắm, rồi chạy `wardkit devices` và gán thiết bị được liệt kê (wardkit apply)',
  'microphone.busy': 'Micro {uri} đang được chương trình khác sử dụng {detail:detail}',
  'microphone.busy.remedy':
    'Đóng phần mềm hội nghị truyền hình hoặc chương trình khác đang dùng micro rồi kiểm tra lại',
  'microphone.permission': 'Không có quyền mở micro {uri} {detail:detail}',
  'microphone.permission.remedy':
    'Thêm người dùng vào nhóm "audio" (Linux) hoặc cho phép truy cập micro trong cài đặt quyền riêng tư (Windows, macOS)',
  'microphone.timeout': 'Micro {uri} không hoàn tất trong {seconds:s} giây',
  'microphone.timeout.remedy':
    'Micro hoặc máy chủ âm thanh bị treo: rút ra cắm lại, hoặc khởi động lại máy chủ âm thanh (pulseaudio/pipewire)',
  'microphone.simUnsupported': '{uri} không phải là micro: chỉ sim:room mô phỏng micro',
  'microphone.simUnsupported.remedy': 'Gán vai trò micro cho một thiết bị do `wardkit devices` liệt kê',
  'ffmpeg.notFound': 'Không tìm thấy ffmpeg',
  'ffmpeg.notFound.remedy':
    'Cài ffmpeg (Debian/Ubuntu: apt install ffmpeg), hoặc chỉ đường dẫn bằng --ffmpeg hay WARDKIT_FFMPEG; `wardkit doctor` cho biết bản nào đang được dùng',
  'ffmpeg.cannotStart': 'Không chạy được ffmpeg {path} {detail:detail}',
  'ffmpeg.aborted': 'Đã dừng trước khi ghi xong',
  'ffmpeg.noBackend': 'Bản ffmpeg này ({path}) không mở được {uri} {detail:detail}',
  'ffmpeg.noBackend.remedy':
    'Cài ffmpeg của Debian (apt install ffmpeg) — bản đi kèm không có đầu vào pulse — và kiểm tra bằng `wardkit doctor`',
  'ffmpeg.failed': 'ffmpeg bị lỗi với {uri} (mã thoát {code}) {detail:detail}',
  'ffmpeg.failed.remedy':
    'Chạy lại bước kiểm tra với --debug để xem lệnh ffmpeg, và chạy `wardkit doctor` để kiểm tra ffmpeg',
  'uri.invalid': 'URI thiết bị "{uri}" không hợp lệ {reason:detail}',
  'uri.invalid.remedy':
    'Dùng dạng loại:thiết-bị, ví dụ v4l2:/dev/video0, pulse:<nguồn>, dshow:video=<tên>, lavfi:<graph>; `wardkit devices` liệt kê các URI của máy này',
  'cmd.devices.description': 'Liệt kê mọi camera, micro, loa và màn hình của máy tính này cùng URI thiết bị',
  'cmd.devices.opt.json': 'in danh sách thiết bị dạng JSON',
  'cmd.devices.opt.ffmpeg': 'bản ffmpeg dùng để hỏi (mặc định: WARDKIT_FFMPEG, rồi ffmpeg trong PATH, rồi bản đi kèm)',
  'devices.kind.camera': 'Camera',
  'devices.kind.microphone': 'Micro',
  'devices.kind.speaker': 'Loa',
  'devices.kind.display': 'Màn hình (tivi)',
  'devices.none': '(không tìm thấy)',
  'devices.default': 'mặc định',
  'devices.monitor': 'bản giám sát của loa',
  'devices.unavailable': 'Không truy vấn được:',
  'cmd.doctor.description':
    'Hiển thị phiên bản, bản ffmpeg wardkit dùng, và những gì nó ghi và phân tích được. Mã thoát 0; 1 nếu không có ffmpeg dùng được.',
  'cmd.doctor.opt.json': 'in kết quả dạng JSON',
  'cmd.doctor.opt.ffmpeg': 'bản ffmpeg cần xem trước tiên (như `check --ffmpeg`)',
  'doctor.versions': 'wardkit {wardkit}, Node.js {node}, {platform}',
  'doctor.ffmpegUsed': 'ffmpeg đang dùng: {path} ({source}), phiên bản {version}',
  'doctor.ffmpegOther': '  cũng tìm thấy: {path} ({source}), phiên bản {version}',
  'doctor.source.explicit': 'chỉ định bằng --ffmpeg hoặc WARDKIT_FFMPEG',
  'doctor.source.system': 'của hệ thống, trong PATH',
  'doctor.source.bundled': 'đi kèm wardkit',
  'doctor.noAnswer': 'không phản hồi',
  'doctor.inputs': 'đầu vào thiết bị',
  'doctor.pulseOutput': 'đầu ra pulse',
  'doctor.filters': 'bộ lọc phân tích',
  'doctor.noFfmpeg': 'Không tìm thấy ffmpeg: không thể kiểm tra camera, micro và loa.',
  'doctor.advice.noFfmpeg': 'Cài ffmpeg (Debian/Ubuntu: apt install ffmpeg) hoặc chỉ đường dẫn bằng --ffmpeg',
  'doctor.advice.unusable': '{path} không chạy được như ffmpeg: sửa đường dẫn trong --ffmpeg hoặc WARDKIT_FFMPEG',
  'doctor.advice.noPulse':
    '{path} không có đầu vào pulse: không mở được micro qua PulseAudio/PipeWire — hãy cài ffmpeg của Debian (apt install ffmpeg)',
  'doctor.advice.missingFilters': 'thiếu bộ lọc phân tích: {filters} — hãy cài bản ffmpeg đầy đủ',
  'doctor.advice.bundled':
    'đang dùng bản ffmpeg 4.1 đi kèm (2018): hãy cài ffmpeg của hệ thống để dùng PulseAudio và hỗ trợ thiết bị mới hơn',
  'check.title.speaker': 'Loa',
  'check.title.display': 'Màn hình (tivi)',
  'speaker.ok': 'Micro nghe được đủ các âm thử ({tones:list:Hz}) ở mức {level:dBFS} dBFS.',
  'speaker.noDevice': 'Chưa gán loa cho vai trò {role}.',
  'speaker.noDevice.remedy': 'Gán loa bằng `wardkit apply`, hoặc dùng --device speaker=URI (xem `wardkit devices`).',
  'speaker.noMicrophone': 'Chưa gán micro để nghe loa, nên không kiểm tra được loa.',
  'speaker.noMicrophone.remedy':
    'Gán micro của phòng (vai trò loại microphone) bằng `wardkit apply` hoặc --device microphone=URI.',
  'speaker.badUri': 'Địa chỉ thiết bị "{uri}" không dùng được {reason:detail}',
  'speaker.badUri.remedy':
    'Dùng địa chỉ loa như pulse:SINK hoặc alsa:hw:1,0, và địa chỉ micro như pulse:SOURCE (xem `wardkit devices`).',
  'speaker.simMismatch':
    'Phòng mô phỏng (sim:room) chỉ nghe được bằng micro mô phỏng, và micro mô phỏng chỉ nghe được loa mô phỏng.',
  'speaker.simMismatch.remedy': 'Đặt địa chỉ sim:room cho cả loa và micro, hoặc dùng thiết bị thật cho cả hai.',
  'speaker.cannotPlay': 'wardkit không phát được âm thử trên loa này {detail:detail}',
  'speaker.cannotPlay.remedy':
    'Trên Windows, ffmpeg không phát ra được thiết bị DirectShow: hãy nghe thử loa bằng cài đặt âm thanh của Windows, hoặc chạy bước kiểm tra trên Linux (pulse:/alsa:).',
  'speaker.microphoneFailed': 'Micro ({microphone:device}) không ghi âm được {detail:detail}',
  'speaker.microphoneFailed.remedy':
    'Kiểm tra micro đã cắm và không bị chương trình khác chiếm dụng, rồi kiểm tra lại.',
  'speaker.playbackFailed': 'Không phát được âm thử trên loa {detail:detail}',
  'speaker.playbackFailed.remedy':
    'Kiểm tra loa đã cắm, đã bật và không bị chương trình khác chiếm dụng; `wardkit devices` liệt kê các đầu ra âm thanh.',
  'speaker.nothingHeard': 'Không có tiếng: micro ({microphone:device}) không thu được âm thử nào từ loa.',
  'speaker.nothingHeard.remedy':
    'Bỏ tắt tiếng và tăng âm lượng loa, kiểm tra âm thanh được đưa ra đúng đầu ra (tivi qua HDMI hoặc loa của phòng, không phải loa máy tính xách tay), cáp đã cắm chắc và loa đã bật. Loa hội nghị liền micro (một thiết bị) tự khử tiếng của chính nó: hãy nghe thử bằng tai.',
  'speaker.notLocated':
    'Micro thu được âm ở các tần số thử ({tones:list:Hz}) nhưng không thấy tín hiệu đánh dấu của âm thử: đó có thể là âm khác (giọng nói, nhạc), không phải từ loa.',
  'speaker.notLocated.remedy':
    'Kiểm tra lại khi phòng yên tĩnh; tắt các chức năng tăng cường âm thanh hoặc khử tiếng vọng giữa loa và micro.',
  'speaker.tonesMissing': 'Micro không nghe thấy {count}/{total} âm thử: {tones:list:Hz}.',
  'speaker.tonesMissing.remedy':
    'Loa không phát được một dải âm: loa (thường là loa tép, với âm cao) có thể bị hỏng, hoặc bộ chỉnh âm / chế độ âm thanh của tivi cắt dải đó. Thử loa khác hoặc đặt lại cài đặt âm thanh.',
  'speaker.tooQuiet':
    'Âm lượng quá nhỏ: âm thử đến micro chỉ ở mức {level:dBFS} dBFS (nhỏ khi dưới {quiet:dBFS} dBFS).',
  'speaker.tooQuiet.remedy': 'Tăng âm lượng loa (hoặc tivi) và hướng loa về phía micro của phòng.',
  'speaker.distorted': 'Loa bị vỡ tiếng: méo hài {thd:%} % ở {hz:Hz} Hz.',
  'speaker.distorted.remedy':
    'Giảm âm lượng loa hoặc ampli cho đến khi tiếng trong; nếu loa vẫn rè ở âm lượng vừa phải thì loa đã hỏng.',
  'speaker.highLatency': 'Âm thanh đến phòng chậm {ms:ms} ms sau khi phát (giới hạn {limit:ms} ms).',
  'speaker.highLatency.remedy':
    'Bật chế độ độ trễ thấp của tivi (Game mode / PC mode), hoặc nối loa thẳng vào máy tính thay vì qua tivi.',
  'speaker.latencyEstimate':
    'Độ trễ tối đa khoảng {ms:ms} ms (trên thiết bị thật, phát và ghi âm không đồng bộ theo từng mẫu; không dùng để đánh giá).',
  'speaker.latencyUnknown': 'Không đo được độ trễ (không tìm thấy tín hiệu đánh dấu).',
  'speaker.glitch': 'Đường âm thanh bị mất hoặc chèn {ms:ms} ms âm thanh trong lúc kiểm tra (thiếu dữ liệu đệm).',
  'speaker.glitch.remedy':
    'Đóng các chương trình làm máy tính bận, kiểm tra cáp âm thanh hoặc kết nối Bluetooth; kiểm tra lại.',
  'display.badUri': 'Địa chỉ màn hình "{uri}" không dùng được {reason:detail}',
  'display.badUri.remedy':
    'Dùng x11:DISPLAY (ví dụ x11::0), display:TÊN (ví dụ display:*Samsung*), hoặc để trống để dùng các màn hình hệ thống báo.',
  'display.unavailable': 'Không liệt kê được các màn hình: {why:key} {reason:detail}',
  'display.unavailable.remedy':
    'Chạy kiểm tra từ phiên làm việc trên màn hình của máy tính trong phòng (hoặc đặt DISPLAY), với tivi đã bật và đã nối.',
  'display.none': 'Không có màn hình nào được nối (đang tìm {wanted}).',
  'display.notMatched': 'Màn hình yêu cầu ({wanted}) chưa được nối. Tìm thấy: {found}.',
  'display.none.remedy':
    'Bật tivi, kiểm tra cáp HDMI và nguồn vào của tivi, và máy tính đã xuất hình ra tivi (mở rộng hoặc nhân đôi màn hình).',
  'display.found': 'Màn hình: {display}, {mode}.',
  'display.lowResolution': 'Màn hình đang chạy {actual}, thấp hơn mức yêu cầu {required}.',
  'display.lowResolution.remedy':
    'Đặt độ phân giải màn hình từ {required} trở lên trong cài đặt hiển thị (dùng độ phân giải gốc của tivi).',
  'display.lowRefresh': 'Màn hình có tần số quét {actual:Hz} Hz, thấp hơn mức yêu cầu {required:Hz} Hz.',
  'display.lowRefresh.remedy': 'Chọn tần số quét từ {required:Hz} Hz trở lên trong cài đặt hiển thị.',
  'display.refreshUnknown': 'Hệ thống không báo tần số quét (yêu cầu ≥ {required:Hz} Hz): không đánh giá.',
  'camera.metric.width': 'chiều rộng',
  'camera.metric.height': 'chiều cao',
  'camera.metric.frameRate': 'tốc độ khung hình',
  'camera.metric.blackFraction': 'tỉ lệ hình đen',
  'camera.metric.frozenFraction': 'tỉ lệ hình bị đứng',
  'camera.metric.lumaMean': 'độ sáng',
  'camera.metric.frames': 'số khung hình',
  'camera.metric.maxFrameGap': 'khoảng cách khung hình dài nhất',
  'microphone.metric.rmsLevel': 'mức âm (RMS)',
  'microphone.metric.peakLevel': 'mức đỉnh',
  'microphone.metric.noiseFloor': 'nền nhiễu',
  'microphone.metric.longestFullScaleRun': 'đoạn vỡ tiếng dài nhất',
  'microphone.metric.dcOffset': 'lệch DC',
  'microphone.metric.dropouts': 'số lần mất tiếng',
  'microphone.metric.sampleRate': 'tần số lấy mẫu',
  'microphone.metric.seconds': 'thời lượng thu',
  'speaker.metric.level': 'mức âm thử',
  'speaker.metric.thd': 'méo hài (THD)',
  'speaker.metric.latency': 'độ trễ',
  'speaker.metric.snr250Hz': 'SNR 250 Hz',
  'speaker.metric.snr1000Hz': 'SNR 1.000 Hz',
  'speaker.metric.snr4000Hz': 'SNR 4.000 Hz',
  'display.metric.width': 'chiều rộng',
  'display.metric.height': 'chiều cao',
  'display.metric.refreshRate': 'tần số quét',
  'check.title.recording': 'Sẵn sàng ghi hình',
  'recording.missing': 'Thư mục ghi hình {folder} không tồn tại ({code}).',
  'recording.metric.freeGiB': 'dung lượng còn trống',
  'recording.metric.writeMbps': 'tốc độ ghi',
  'recording.missing.remedy':
    'Tạo thư mục này, hoặc sửa recording.folder trong hồ sơ cho đúng thư mục mà phần mềm ghi hình đang dùng.',
  'recording.notFolder': '{folder} là một tệp, không phải thư mục.',
  'recording.notFolder.remedy': 'Đặt recording.folder trong hồ sơ là một thư mục.',
  'recording.notWritable':
    'Không ghi được vào thư mục ghi hình {folder} ({code}): bản ghi phiên tiếp công dân sẽ bị mất.',
  'recording.notWritable.remedy':
    'Cấp quyền ghi thư mục cho tài khoản ghi hình, hoặc gắn lại ổ đĩa ở chế độ đọc-ghi (ổ tự chuyển sang chỉ-đọc do lỗi thì phải kiểm tra ổ trước).',
  'recording.full': 'Thư mục ghi hình {folder} đã đầy ({code}).',
  'recording.full.remedy':
    'Giải phóng dung lượng ổ đĩa (chuyển bản ghi cũ sang lưu trữ), hoặc trỏ recording.folder sang ổ đĩa lớn hơn.',
  'recording.noSpace': '{folder} chỉ còn trống {free} GiB; ghi {hours} giờ ở {kbps} kbit/s cần {need} GiB.',
  'recording.noSpace.remedy':
    'Giải phóng ít nhất phần dung lượng còn thiếu (chuyển bản ghi cũ sang lưu trữ), hoặc trỏ recording.folder sang ổ đĩa lớn hơn.',
  'recording.writeError': 'Ghi vào {folder} bị lỗi ({code}).',
  'recording.slowDisk': 'Ổ đĩa chỉ ghi liên tục được {mbps} Mbit/s; ghi hình cần {need} Mbit/s (đã tính dự phòng).',
  'recording.slowDisk.remedy':
    'Ghi vào ổ đĩa trong máy (không ghi vào thư mục mạng hay USB chậm), hoặc kiểm tra tình trạng ổ đĩa.',
  'recording.noDevices': 'Phòng chưa gán camera và micro nên chưa ghi thử được.',
  'recording.noDevices.remedy': 'Gán camera và micro của phòng (wardkit apply) rồi kiểm tra lại.',
  'recording.recordFailed': 'Ghi thử vào {folder} không thành công: {detail}',
  'recording.recordFailed.remedy': 'Chạy kiểm tra camera và micro; nếu đạt thì kiểm tra ổ đĩa còn tốt và chưa đầy.',
  'recording.unplayable':
    'Bản ghi thử phát lại không đúng: {duration} giây trên {seconds} giây, hình {video}, tiếng {audio}.',
  'recording.ok':
    'Sẵn sàng ghi hình: {folder} còn trống {free} GiB (đủ {hours} giờ); bản ghi thử {seconds} giây phát lại có đủ hình và tiếng, đã được xoá.',
  'speaker.metric.snr': 'SNR {hz:Hz} Hz',
  'display.notRecognised':
    'Có màn hình đã kết nối nhưng chưa được nhận ra là tivi của phòng: {name} {mode}. Tên này không khớp mẫu tên nào trong hồ sơ.',
  'display.notRecognised.remedy':
    'Nếu đây đúng là tivi của phòng, hãy gán nó: wardkit check … --device {role}={uri}, hoặc ghi dòng `{role}: {uri}` vào mục `devices` của tệp cấu hình phòng.',
};
