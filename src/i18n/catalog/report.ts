// Messages of the report area. Keys are prefixed by area or check id; see docs/glossary.md for Vietnamese terms.
// Submission / spool / schedule keys first; the report-render keys (render.*, cmd.report.show.*) follow.
export const en: Record<string, string> = {
  'submit.delivered': 'Report {id} sent to {server}.',
  'submit.duplicate': 'Report {id} was already on {server} (nothing sent twice).',
  'submit.spooled':
    'Could not send report {id}: {why:key} {reason:detail}; queued to send later in {file}. `wardkit report flush` sends it.',
  'submit.rejected':
    'The server refused report {id}: {why:key} {reason:detail}; it will not be retried. Kept in {file}.',
  'submit.insecure':
    'Warning: {server} is plain HTTP: the access token and the report cross the network unencrypted. Ask the Department for its https:// address.',
  'submit.noToken': 'no ward access token: set WARDKIT_TOKEN, or put `token: …` in {file} (mode 0600)',
  'submit.noWard': 'which ward is this? --submit needs --room FILE (the room file names the ward) or --ward ID',
  'submit.badToken':
    'the access token in {source} is malformed (spaces, line breaks or other characters a token never has); copy it again from the Department',
  'submit.noServer': 'no server to send the report to: use --server, or put `server: …` in {file}',
  'submit.configNotPrivate':
    'config file {file} can be read by other users (mode {mode}) and holds the access token; refusing to use it. Run: chmod 600 {file}',
  'submit.configMissing': 'config file not found: {file}',
  'submit.configInvalid': 'config file {file} is invalid: {detail}',
  'submit.badWard':
    'ward id "{ward}" is invalid: use 1–64 letters, digits, ".", "_" or "-" (no spaces), starting with a letter or digit',
  'submit.readFailed': 'cannot read {file}',
  'submit.notReport': '{file} is not a wardkit report: {detail}',
  'spool.empty': 'No report is waiting in the spool.',
  'spool.flushed': 'Queued reports: {delivered} sent, {remaining} still waiting, {rejected} refused by the server.',
  'spool.stillWaiting': '{remaining} report(s) still queued to send later: {why:key} {reason:detail}.',
  'schedule.installed': 'Nightly check written for {backend}: at {at}, plus a random delay of up to {delay} min.',
  'schedule.enableHint': 'Turn it on with:',
  'schedule.notInstalled': 'No nightly check for {backend} in {dir}.',
  'schedule.status': 'Nightly check ({backend}): at {at}, plus a random delay of up to {delay} min.',
  'schedule.removed': 'Removed {file}',
  'schedule.nothingToRemove': 'Nothing to remove for {backend} in {dir}.',
  'schedule.disableHint': 'If the schedule was turned on, turn it off with:',
  'schedule.badTime': 'bad --at "{value}": use HH:MM, 24-hour clock (e.g. 02:30)',
  'schedule.badDuration': 'bad duration "{value}": use e.g. 30m, 1h, 90s (at most 24h)',
  'schedule.badBackend': 'unknown scheduler "{value}" (use {allowed})',
  'schedule.needRoom': 'give --room FILE (the room file written by `wardkit apply`) or --ward ID',
  'schedule.roomMissing': 'room file not found: {file}',
  'schedule.badPath': 'a path or value contains a line break, which a scheduler entry cannot hold',
  'cmd.report.submit.group': 'Reports: send them to the Department.',
  'cmd.report.submit.description':
    'Send a saved report (from `check --format json --out FILE`) to the Department; queued to send later if that fails.',
  'cmd.report.submit.arg.file': 'report file (JSON)',
  'cmd.report.submit.opt.server': 'Department server URL (default: WARDKIT_SERVER or `server:` in the config file)',
  'cmd.report.submit.opt.config':
    'config file with `token:` and `server:` (default ~/.config/wardkit/config.yaml; must be mode 0600)',
  'cmd.report.submit.opt.spool':
    'folder for reports queued to send later (default: WARDKIT_SPOOL or ~/.local/state/wardkit/spool)',
  'cmd.report.submit.opt.timeout': 'give up sending after this many seconds and queue the report (default 60)',
  'cmd.report.submit.opt.checkSubmit':
    'send the report to the Department (token: WARDKIT_TOKEN or the config file); queued to send later if that fails',
  'cmd.report.submit.help.after':
    '\nExit: 0 sent (or already on the server), 1 not sent (queued to send later, or refused).\nExample:\n  WARDKIT_TOKEN=… wardkit report submit report.json --server https://wardkit.danang.gov.vn\n',
  'cmd.report.flush.description':
    'Send every report queued in the spool. Exit 0 when none is left waiting, 1 otherwise.',
  'cmd.report.flush.opt.server': 'send to this server instead of the one each report was queued for',
  'cmd.schedule.description':
    'Nightly check: run `check --submit` every night (systemd timer, cron or Windows Task Scheduler).',
  'cmd.schedule.install.description':
    "Write the nightly check for this machine's scheduler and print the command that turns it on.",
  'cmd.schedule.status.description': 'Show the nightly check that is written, and what the scheduler says about it.',
  'cmd.schedule.remove.description': 'Remove the nightly check.',
  'cmd.schedule.opt.at': 'time of day, HH:MM (local time)',
  'cmd.schedule.opt.randomDelay': 'start up to this much later, at random, so wards do not all send at once',
  'cmd.schedule.opt.room': 'room file to check (from `wardkit apply`)',
  'cmd.schedule.opt.ward': 'ward id, when there is no room file',
  'cmd.schedule.opt.backend': 'scheduler: systemd, cron or windows (default: the one this machine has)',
  'cmd.schedule.opt.unitDir':
    "write the files into this folder instead of the scheduler's (also WARDKIT_SCHEDULE_ROOT)",
  'cmd.schedule.opt.checkRandomDelay':
    'wait a random time up to this long before checking (e.g. 30m; used by the cron schedule)',
  'cmd.schedule.help.after':
    '\nExample:\n  wardkit schedule install --at 02:30 --random-delay 30m --room rooms/hai-chau-1.yaml\nThe job runs `wardkit check --room FILE --submit`; the token comes from the config file (mode 0600).\n',
  // render.* — report renderers (text, junit, html)
  'render.counts': '{pass} passed, {warn} warnings, {fail} failed, {error} errors, {skip} skipped',
  'render.optional': 'optional',
  'render.required': 'required',
  'render.remedy': 'What to do',
  'render.threshold.need.higher': 'need ≥ {value}',
  'render.threshold.need.lower': 'need < {value}',
  'render.threshold.recommended.higher': 'recommended ≥ {value}',
  'render.threshold.recommended.lower': 'recommended < {value}',
  'render.text.toFix': 'What to fix:',
  'render.text.nothingToFix': 'Nothing to fix.',
  'render.text.nothingMeasured':
    'Nothing was measured: every check was skipped, so the room cannot be called ready. Run the checks that apply to this room (see --only/--skip and the profile).',
  'render.text.allChecks': 'All checks:',
  'render.text.evidence': 'Evidence: {label} — {path}',
  'render.html.title': 'Room readiness report — {ward}',
  'render.html.ward': 'Ward',
  'render.html.room': 'Room',
  'render.html.profile': 'Equipment profile',
  'render.html.time': 'Checked at',
  'render.html.took': 'took {seconds:s} s',
  'render.html.check': 'Check',
  'render.html.status': 'Result',
  'render.html.duration': 'Time',
  'render.html.metric': 'Measurement',
  'render.html.value': 'Value',
  'render.html.threshold': 'Requirement',
  'render.html.verdict': 'Verdict',
  'render.html.evidenceFile': '{label}: file {path} (not embedded)',
  'render.html.footer': 'Report {id} · computer {host} · wardkit {version} · profile hash {hash}',
  'render.chart.spectrum': 'Microphone spectrum',
  'render.chart.spectrum.caption':
    'Sound level by frequency as the microphone heard it; dashed lines mark the test tones (green heard, red missing).',
  'render.chart.frequency': 'Frequency',
  'render.chart.tones': 'Test tones: signal-to-noise ratio',
  'render.chart.tones.caption':
    'Each test tone played on the speaker and how clearly the microphone heard it; the dashed line is the level needed.',
  'render.chart.snr': 'SNR (dB)',
  'render.tone.detected': 'heard',
  'render.tone.missing': 'missing',
  'render.chart.throughput': 'Throughput over time',
  'render.chart.throughput.caption':
    'Measured speed in each interval; the dashed line is the speed the profile requires.',
  'render.chart.seconds': 'Time (s)',
  'render.chart.required': 'required {value:Mbit/s} Mbit/s',
  'render.chart.series': 'series {n}',
  // cmd.report.show.* — `wardkit report` group and `report show`
  'cmd.report.show.group': 'Work with saved readiness reports.',
  'cmd.report.show.description': 'Show a saved JSON report again, as text, json, junit or html.',
  'cmd.report.show.opt.format': 'output format: text, json, junit, html or nagios (default text)',
  'cmd.report.show.opt.out': 'write to this file instead of standard output',
  'cmd.report.show.help.after':
    '\nExamples:\n  wardkit report show report.json\n  wardkit report show report.json --format html --out report.html\n  wardkit report show report.json --format junit --out junit.xml\n',
  'cmd.report.show.notFound': 'report file not found: {file}',
  'cmd.report.show.cannotRead': 'cannot read report file {file}: {reason}',
  'cmd.report.show.badJson': 'report file {file} is not valid JSON: {reason}',
  'cmd.report.show.notReport': 'file {file} is not a wardkit report: {detail}',
  'cmd.report.show.newerSchema':
    'report file {file} has schema version {version}; this wardkit reads version {supported}. Update wardkit.',
  'cmd.report.show.cannotWrite': 'cannot write {file}: {reason}',
  'cmd.report.show.wrote': 'Wrote {file}',
  'schedule.dryRun':
    'Dry run — nothing written. The nightly check for {backend} (at {at}, plus a random delay of up to {delay} min) would be:',
  'cmd.schedule.opt.dryRun':
    'print the files that would be written (Task Scheduler XML, systemd units or cron line) and change nothing',
  'submit.why.401': 'the server does not accept this access token (wrong or revoked)',
  'submit.why.403': 'this access token belongs to another ward, or the report is for another ward',
  'submit.why.404': 'there is no report intake at this address: check the server address',
  'submit.why.409': 'the server already has a different report with this id',
  'submit.why.413': 'the report is larger than the server accepts',
  'submit.why.422': 'the server found the report invalid',
  'submit.why.429': 'the server is busy: it will be sent again later',
  'submit.why.5xx': 'the server had an internal error',
  'submit.why.http': 'the server gave an unexpected answer',
};

export const vi: Record<string, string> = {
  'submit.delivered': 'Đã gửi báo cáo {id} tới {server}.',
  'submit.duplicate': 'Báo cáo {id} đã có trên {server} (không gửi trùng).',
  'submit.spooled':
    'Không gửi được báo cáo {id}: {why:key} {reason:detail}; đã lưu, sẽ gửi lại sau: {file}. Lệnh `wardkit report flush` sẽ gửi.',
  'submit.rejected': 'Máy chủ từ chối báo cáo {id}: {why:key} {reason:detail}; sẽ không gửi lại. Đã giữ trong {file}.',
  'submit.insecure':
    'Cảnh báo: {server} dùng HTTP không mã hóa: mã truy cập và báo cáo đi qua mạng ở dạng đọc được. Hãy hỏi Sở địa chỉ https://.',
  'submit.noToken': 'chưa có mã truy cập của phường: đặt WARDKIT_TOKEN, hoặc ghi `token: …` vào {file} (quyền 0600)',
  'submit.noWard':
    'chưa rõ phường nào: --submit cần --room TỆP (tệp cấu hình phòng có mã phường) hoặc --ward MÃ_PHƯỜNG',
  'submit.badToken':
    'mã truy cập trong {source} không đúng dạng (có dấu cách, xuống dòng hoặc ký tự lạ); hãy sao chép lại mã do Sở cấp',
  'submit.noServer': 'chưa có máy chủ để gửi báo cáo: dùng --server, hoặc ghi `server: …` vào {file}',
  'submit.configNotPrivate':
    'tệp cấu hình {file} chứa mã truy cập nhưng người dùng khác đọc được (quyền {mode}); không dùng tệp này. Hãy chạy: chmod 600 {file}',
  'submit.configMissing': 'không tìm thấy tệp cấu hình: {file}',
  'submit.configInvalid': 'tệp cấu hình {file} không hợp lệ: {detail}',
  'submit.badWard':
    'mã phường "{ward}" không hợp lệ: dùng 1–64 chữ cái, chữ số, ".", "_" hoặc "-" (không có dấu cách), bắt đầu bằng chữ cái hoặc chữ số',
  'submit.readFailed': 'không đọc được tệp {file}',
  'submit.notReport': '{file} không phải báo cáo của wardkit: {detail}',
  'spool.empty': 'Không có báo cáo nào đang chờ gửi.',
  'spool.flushed': 'Báo cáo chờ gửi: đã gửi {delivered}, còn chờ {remaining}, máy chủ từ chối {rejected}.',
  'spool.stillWaiting': 'Còn {remaining} báo cáo đã lưu, sẽ gửi lại sau: {why:key} {reason:detail}.',
  'schedule.installed':
    'Đã ghi lịch kiểm tra hằng đêm cho {backend}: lúc {at}, cộng thêm ngẫu nhiên tối đa {delay} phút.',
  'schedule.enableHint': 'Bật lịch bằng lệnh:',
  'schedule.notInstalled': 'Chưa có lịch kiểm tra hằng đêm cho {backend} trong {dir}.',
  'schedule.status': 'Kiểm tra hằng đêm ({backend}): lúc {at}, cộng thêm ngẫu nhiên tối đa {delay} phút.',
  'schedule.removed': 'Đã xóa {file}',
  'schedule.nothingToRemove': 'Không có gì để xóa cho {backend} trong {dir}.',
  'schedule.disableHint': 'Nếu lịch đã được bật, tắt bằng lệnh:',
  'schedule.badTime': '--at "{value}" không hợp lệ: dùng GIỜ:PHÚT theo 24 giờ (ví dụ 02:30)',
  'schedule.badDuration': 'khoảng thời gian "{value}" không hợp lệ: ví dụ 30m, 1h, 90s (tối đa 24h)',
  'schedule.badBackend': 'không có trình lên lịch "{value}" (dùng {allowed})',
  'schedule.needRoom': 'cần --room TỆP (tệp cấu hình phòng do `wardkit apply` tạo) hoặc --ward MÃ_PHƯỜNG',
  'schedule.roomMissing': 'không tìm thấy tệp cấu hình phòng: {file}',
  'schedule.badPath': 'một đường dẫn hoặc giá trị có ký tự xuống dòng, không ghi được vào lịch',
  'cmd.report.submit.group': 'Báo cáo: gửi báo cáo về Sở.',
  'cmd.report.submit.description':
    'Gửi một báo cáo đã lưu (từ `check --format json --out TỆP`) về Sở; nếu không gửi được thì lưu lại, sẽ gửi lại sau.',
  'cmd.report.submit.arg.file': 'tệp báo cáo (JSON)',
  'cmd.report.submit.opt.server': 'địa chỉ máy chủ của Sở (mặc định: WARDKIT_SERVER hoặc `server:` trong tệp cấu hình)',
  'cmd.report.submit.opt.config':
    'tệp cấu hình chứa `token:` và `server:` (mặc định ~/.config/wardkit/config.yaml; phải có quyền 0600)',
  'cmd.report.submit.opt.spool':
    'thư mục lưu báo cáo chờ gửi lại (mặc định: WARDKIT_SPOOL hoặc ~/.local/state/wardkit/spool)',
  'cmd.report.submit.opt.timeout': 'sau số giây này thì thôi gửi và lưu báo cáo để gửi lại sau (mặc định 60)',
  'cmd.report.submit.opt.checkSubmit':
    'gửi báo cáo về Sở (mã truy cập: WARDKIT_TOKEN hoặc tệp cấu hình); nếu không gửi được thì lưu lại, sẽ gửi lại sau',
  'cmd.report.submit.help.after':
    '\nMã thoát: 0 đã gửi (hoặc máy chủ đã có), 1 chưa gửi được (đã lưu để gửi lại sau, hoặc bị từ chối).\nVí dụ:\n  WARDKIT_TOKEN=… wardkit report submit report.json --server https://wardkit.danang.gov.vn\n',
  'cmd.report.flush.description': 'Gửi mọi báo cáo đang chờ gửi lại. Mã thoát 0 khi không còn báo cáo chờ, 1 nếu còn.',
  'cmd.report.flush.opt.server': 'gửi tới máy chủ này thay cho máy chủ ghi kèm mỗi báo cáo',
  'cmd.schedule.description':
    'Kiểm tra hằng đêm: chạy `check --submit` mỗi đêm (systemd, cron hoặc Task Scheduler của Windows).',
  'cmd.schedule.install.description': 'Ghi lịch kiểm tra hằng đêm cho trình lên lịch của máy này và in lệnh để bật.',
  'cmd.schedule.status.description': 'Xem lịch kiểm tra hằng đêm đã cài và tình trạng của lịch trong trình lên lịch.',
  'cmd.schedule.remove.description': 'Xóa lịch kiểm tra hằng đêm.',
  'cmd.schedule.opt.at': 'giờ chạy, GIỜ:PHÚT (giờ địa phương)',
  'cmd.schedule.opt.randomDelay': 'bắt đầu muộn hơn ngẫu nhiên tối đa chừng này, để các phường không gửi cùng lúc',
  'cmd.schedule.opt.room': 'tệp cấu hình phòng cần kiểm tra (do `wardkit apply` tạo)',
  'cmd.schedule.opt.ward': 'mã phường, khi không có tệp cấu hình phòng',
  'cmd.schedule.opt.backend': 'trình lên lịch: systemd, cron hoặc windows (mặc định: loại máy này có)',
  'cmd.schedule.opt.unitDir':
    'ghi các tệp vào thư mục này thay vì thư mục của trình lên lịch (hoặc WARDKIT_SCHEDULE_ROOT)',
  'cmd.schedule.opt.checkRandomDelay':
    'chờ ngẫu nhiên tối đa chừng này trước khi kiểm tra (ví dụ 30m; lịch cron dùng tùy chọn này)',
  'cmd.schedule.help.after':
    '\nVí dụ:\n  wardkit schedule install --at 02:30 --random-delay 30m --room rooms/hai-chau-1.yaml\nLịch chạy `wardkit check --room TỆP --submit`; mã truy cập lấy từ tệp cấu hình (quyền 0600).\n',
  // render.* — report renderers (text, junit, html)
  'render.counts': '{pass} đạt, {warn} cảnh báo, {fail} không đạt, {error} lỗi, {skip} bỏ qua',
  'render.optional': 'không bắt buộc',
  'render.required': 'bắt buộc',
  'render.remedy': 'Cách khắc phục',
  'render.threshold.need.higher': 'cần ≥ {value}',
  'render.threshold.need.lower': 'cần < {value}',
  'render.threshold.recommended.higher': 'nên ≥ {value}',
  'render.threshold.recommended.lower': 'nên < {value}',
  'render.text.toFix': 'Cần khắc phục:',
  'render.text.nothingToFix': 'Không có gì cần khắc phục.',
  'render.text.nothingMeasured':
    'Chưa đo được gì: mọi bước kiểm tra đều bị bỏ qua nên không thể kết luận phòng đã sẵn sàng. Hãy chạy các bước kiểm tra áp dụng cho phòng này (xem --only/--skip và hồ sơ cấu hình thiết bị).',
  'render.text.allChecks': 'Tất cả các bước kiểm tra:',
  'render.text.evidence': 'Bằng chứng: {label} — {path}',
  'render.html.title': 'Báo cáo mức sẵn sàng của phòng — {ward}',
  'render.html.ward': 'Phường/xã',
  'render.html.room': 'Phòng',
  'render.html.profile': 'Hồ sơ cấu hình thiết bị',
  'render.html.time': 'Thời điểm kiểm tra',
  'render.html.took': 'mất {seconds:s} giây',
  'render.html.check': 'Bước kiểm tra',
  'render.html.status': 'Kết quả',
  'render.html.duration': 'Thời gian',
  'render.html.metric': 'Chỉ số đo',
  'render.html.value': 'Giá trị',
  'render.html.threshold': 'Yêu cầu',
  'render.html.verdict': 'Đánh giá',
  'render.html.evidenceFile': '{label}: tệp {path} (không nhúng vào báo cáo)',
  'render.html.footer': 'Báo cáo {id} · máy tính {host} · wardkit {version} · mã băm hồ sơ {hash}',
  'render.chart.spectrum': 'Phổ âm thanh của micro',
  'render.chart.spectrum.caption':
    'Mức âm thanh theo tần số mà micro thu được; các đường nét đứt đánh dấu âm thử (xanh: nghe thấy, đỏ: không có).',
  'render.chart.frequency': 'Tần số',
  'render.chart.tones': 'Âm thử: tỉ số tín hiệu trên nhiễu',
  'render.chart.tones.caption': 'Từng âm thử phát ra loa và độ rõ khi micro thu lại; đường nét đứt là mức cần đạt.',
  'render.chart.snr': 'SNR (dB)',
  'render.tone.detected': 'nghe thấy',
  'render.tone.missing': 'không có',
  'render.chart.throughput': 'Băng thông theo thời gian',
  'render.chart.throughput.caption':
    'Tốc độ đo được trong từng khoảng thời gian; đường nét đứt là tốc độ hồ sơ yêu cầu.',
  'render.chart.seconds': 'Thời gian (giây)',
  'render.chart.required': 'yêu cầu {value:Mbit/s} Mbit/s',
  'render.chart.series': 'chuỗi {n}',
  // cmd.report.show.* — `wardkit report` group and `report show`
  'cmd.report.show.group': 'Làm việc với các báo cáo mức sẵn sàng đã lưu.',
  'cmd.report.show.description': 'Hiển thị lại một báo cáo JSON đã lưu, dạng text, json, junit hoặc html.',
  'cmd.report.show.opt.format': 'định dạng kết quả: text, json, junit, html hoặc nagios (mặc định text)',
  'cmd.report.show.opt.out': 'ghi vào tệp này thay vì in ra màn hình',
  'cmd.report.show.help.after':
    '\nVí dụ:\n  wardkit report show report.json\n  wardkit report show report.json --format html --out report.html\n  wardkit report show report.json --format junit --out junit.xml\n',
  'cmd.report.show.notFound': 'không tìm thấy tệp báo cáo: {file}',
  'cmd.report.show.cannotRead': 'không đọc được tệp báo cáo {file}: {reason}',
  'cmd.report.show.badJson': 'tệp báo cáo {file} không phải JSON hợp lệ: {reason}',
  'cmd.report.show.notReport': 'tệp {file} không phải báo cáo của wardkit: {detail}',
  'cmd.report.show.newerSchema':
    'tệp báo cáo {file} có phiên bản lược đồ {version}; wardkit này chỉ đọc phiên bản {supported}. Hãy cập nhật wardkit.',
  'cmd.report.show.cannotWrite': 'không ghi được tệp {file}: {reason}',
  'cmd.report.show.wrote': 'Đã ghi {file}',
  'schedule.dryRun':
    'Chạy thử — chưa ghi gì. Lịch kiểm tra hằng đêm cho {backend} (lúc {at}, cộng thêm ngẫu nhiên tối đa {delay} phút) sẽ là:',
  'cmd.schedule.opt.dryRun':
    'in ra các tệp sẽ được ghi (tệp XML của Task Scheduler, tệp cấu hình systemd hoặc dòng cron) mà không thay đổi gì',
  'submit.why.401': 'máy chủ không chấp nhận mã truy cập này (sai hoặc đã bị thu hồi)',
  'submit.why.403': 'mã truy cập này của phường khác, hoặc báo cáo là của phường khác',
  'submit.why.404': 'địa chỉ này không có điểm nhận báo cáo: kiểm tra lại địa chỉ máy chủ',
  'submit.why.409': 'máy chủ đã có một báo cáo khác cùng mã số này',
  'submit.why.413': 'báo cáo lớn hơn mức máy chủ nhận',
  'submit.why.422': 'máy chủ thấy báo cáo không hợp lệ',
  'submit.why.429': 'máy chủ đang bận: báo cáo sẽ được gửi lại sau',
  'submit.why.5xx': 'máy chủ gặp lỗi nội bộ',
  'submit.why.http': 'máy chủ trả lời không như mong đợi',
};
