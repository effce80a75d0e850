// Root-cause messages (src/checks/diagnose.ts), unit words and the words every renderer shares
// for device kinds and values. Numbers arrive as numbers: `{x:unit}` rounds them for that unit.
export const en: Record<string, string> = {
  'diagnose.blockedBy': 'Could not be checked because of the problem with: {cause:check}.',
  'diagnose.blockedList': 'Because of this, not checked yet: {checks}.',
  'diagnose.notSetUp':
    'This room is not set up yet: there is no room file, so wardkit does not know which camera, microphone, speakers, TV or Department server to use.',
  'diagnose.notSetUp.remedy':
    'First step: run `wardkit apply --profile {profile} --ward <WARD-ID>` on this computer with the devices plugged in, then `wardkit check --room rooms/<WARD-ID>.yaml`.',
  'diagnose.call.lowBitrateCamera':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s) because the camera gives no usable picture (see the camera item): a black or still picture compresses to almost nothing. The network is not the cause.',
  'diagnose.call.lowBitrateCameraUplinkOk':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s) because the camera gives no usable picture (see the camera item): a black or still picture compresses to almost nothing. The upload measured {upload:Mbit/s} Mbit/s, enough for this call: the network and the Internet provider are not the cause.',
  'diagnose.call.lowBitrateCamera.remedy': 'Fix the camera first (see the camera item above), then check again.',
  'diagnose.call.lowBitrateBusy':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s) because the computer is too busy to encode video in real time (load {load:ratio} per CPU core).',
  'diagnose.call.lowBitrateBusy.remedy':
    'Close programs you do not need (updates, antivirus scans, other video apps), wait a minute and check again. The network is not the cause.',
  'diagnose.call.lowBitrateBusyUplinkOk':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s) because the computer is too busy to encode video in real time (load {load:ratio} per CPU core). The upload measured {upload:Mbit/s} Mbit/s, enough for this call: the Internet provider is not the cause.',
  'diagnose.call.lowBitrateUplink':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s): the upload measured only {upload:Mbit/s} Mbit/s.',
  'diagnose.call.lowBitrateNotUplink':
    'The test call sent only {kbps:kbit/s} kbit/s of video (need at least {min:kbit/s} kbit/s), although the upload measured {upload:Mbit/s} Mbit/s — enough: the Internet provider is not the cause.',
  'diagnose.call.lowBitrateNotUplink.remedy':
    'Check whether a firewall, proxy or VPN limits or blocks UDP (video calls use UDP); try the call without the VPN.',
  'diagnose.call.lossUplink.remedy':
    'The call sent {kbps:kbit/s} kbit/s but the upload measured only {upload:Mbit/s} Mbit/s: the line drops what does not fit, so this loss comes from the slow uplink, not from the cable or Wi-Fi. Ask the provider for more upload bandwidth, stop other uploads during the session, or lower the video bitrate in the profile (call.video.bitrateKbps).',
  'unit.frames': 'frames',
  'unit.packets': 'packets',
  'unit.samples': 'samples',
  'unit.luma': '/255',
  'unit.GiB': 'GiB',
  'unit.bool.yes': 'yes',
  'unit.bool.no': 'no',
  'kind.camera': 'Camera',
  'kind.microphone': 'Microphone',
  'kind.speaker': 'Speakers',
  'kind.display': 'Display (TV)',
  'device.simulated': 'simulated',
  'device.testPattern': 'test pattern',
  'device.unbound': 'no device',
  'suggest.didYouMean': 'did you mean “{hint}”?',
};

export const vi: Record<string, string> = {
  'diagnose.blockedBy': 'Chưa kiểm tra được vì lỗi ở mục: {cause:check}.',
  'diagnose.blockedList': 'Vì lỗi này nên chưa kiểm tra được: {checks}.',
  'diagnose.notSetUp':
    'Phòng này chưa được thiết lập: chưa có tệp cấu hình phòng, nên wardkit chưa biết dùng camera, micro, loa, tivi và máy chủ của Sở nào.',
  'diagnose.notSetUp.remedy':
    'Bước đầu tiên: cắm đủ thiết bị rồi chạy `wardkit apply --profile {profile} --ward <MÃ-PHƯỜNG>` trên máy này, sau đó chạy `wardkit check --room rooms/<MÃ-PHƯỜNG>.yaml`.',
  'diagnose.call.lowBitrateCamera':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s) vì camera không cho hình dùng được (xem mục camera): hình đen hoặc đứng yên nén lại gần như không còn gì để gửi. Nguyên nhân không nằm ở đường mạng.',
  'diagnose.call.lowBitrateCameraUplinkOk':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s) vì camera không cho hình dùng được (xem mục camera): hình đen hoặc đứng yên nén lại gần như không còn gì để gửi. Tốc độ tải lên đo được {upload:Mbit/s} Mbit/s, đủ cho cuộc gọi này: nguyên nhân không nằm ở đường mạng hay nhà mạng.',
  'diagnose.call.lowBitrateCamera.remedy': 'Khắc phục camera trước (xem mục camera ở trên), rồi kiểm tra lại.',
  'diagnose.call.lowBitrateBusy':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s) vì máy tính quá bận, không kịp nén hình (tải {load:ratio} trên mỗi nhân CPU).',
  'diagnose.call.lowBitrateBusy.remedy':
    'Đóng các chương trình không cần thiết (cập nhật, quét virus, phần mềm gọi video khác), đợi một phút rồi kiểm tra lại. Nguyên nhân không nằm ở đường mạng.',
  'diagnose.call.lowBitrateBusyUplinkOk':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s) vì máy tính quá bận, không kịp nén hình (mức tải CPU {load:ratio} trên mỗi nhân). Tốc độ tải lên đo được {upload:Mbit/s} Mbit/s, đủ cho cuộc gọi này: nguyên nhân không phải ở nhà mạng.',
  'diagnose.call.lowBitrateUplink':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s): đường tải lên chỉ đo được {upload:Mbit/s} Mbit/s.',
  'diagnose.call.lowBitrateNotUplink':
    'Cuộc gọi thử chỉ gửi được {kbps:kbit/s} kbit/s hình ảnh (cần ít nhất {min:kbit/s} kbit/s), dù băng thông tải lên đo được {upload:Mbit/s} Mbit/s là đủ: nguyên nhân không phải ở nhà mạng.',
  'diagnose.call.lowBitrateNotUplink.remedy':
    'Kiểm tra tường lửa, proxy hoặc VPN có giới hạn hay chặn UDP không (cuộc gọi video dùng UDP); thử gọi lại khi tắt VPN.',
  'diagnose.call.lossUplink.remedy':
    'Cuộc gọi gửi {kbps:kbit/s} kbit/s nhưng đường tải lên chỉ đo được {upload:Mbit/s} Mbit/s: đường truyền bỏ bớt phần không chuyển kịp, nên mất gói là do đường tải lên chậm, không phải do cáp hay Wi-Fi. Đề nghị nhà mạng tăng băng thông tải lên, dừng các việc tải lên khác trong buổi tiếp công dân, hoặc giảm tốc độ bit của hình trong hồ sơ cấu hình thiết bị (call.video.bitrateKbps).',
  'unit.frames': 'khung hình',
  'unit.packets': 'gói',
  'unit.samples': 'mẫu',
  'unit.luma': '/255',
  'unit.GiB': 'GiB',
  'unit.bool.yes': 'có',
  'unit.bool.no': 'không',
  'kind.camera': 'Camera',
  'kind.microphone': 'Micro',
  'kind.speaker': 'Loa',
  'kind.display': 'Màn hình (tivi)',
  'device.simulated': 'mô phỏng',
  'device.testPattern': 'hình mẫu thử',
  'device.unbound': 'chưa gán thiết bị',
  'suggest.didYouMean': 'có phải ý bạn là “{hint}”?',
};
