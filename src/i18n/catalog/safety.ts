// Messages of issue 15's area: bounded inputs, the spool under faults, output errors and the
// server's fair-share limits. Vietnamese as a ward technician says it (GLOSSARY: "báo cáo chờ gửi"
// for the spool, "mã truy cập" for a token, "Sở" for the Department).
export const en: Record<string, string> = {
  'input.notRegular.fifo': '{file} is a named pipe (FIFO), not an ordinary file: give the path of the file itself',
  'input.notRegular.directory': '{file} is a folder, not an ordinary file: give the path of the file itself',
  'input.notRegular.character-device':
    '{file} is a device (character device), not an ordinary file: give the path of the file itself',
  'input.notRegular.block-device': '{file} is a disk device, not an ordinary file: give the path of the file itself',
  'input.notRegular.socket': '{file} is a socket, not an ordinary file: give the path of the file itself',
  'input.notRegular.other': '{file} is a special file, not an ordinary file: give the path of the file itself',
  'input.tooLarge.room': '{file} is too large to be a room file ({size} bytes; at most {limit})',
  'input.tooLarge.profile': '{file} is too large to be a profile ({size} bytes; at most {limit})',
  'input.tooLarge.report': '{file} is too large to be a report ({size} bytes; at most {limit})',
  'input.tooLarge.answers': '{file} is too large to be an answers file ({size} bytes; at most {limit})',
  'input.unreadable': 'cannot read {file} ({code})',
  'profile.extendsOutside':
    'extends "{ref}" points outside the profile’s folder {root}; it was not read. Use a bundled profile id, a file in that folder (or below), or add its folder to WARDKIT_PROFILE_PATH',
  'io.full': 'the disk is full',
  'io.readOnly': 'the disk is read-only',
  'io.denied': 'permission denied',
  'io.closed': 'the output was closed',
  'cli.stdoutFailed': 'cannot write to standard output ({reason}); the output is incomplete.',
  'serve.token.notShown':
    'could not print the new token ({reason}); token {id} was revoked so that no token nobody has seen stays active. Run the command again with its output going somewhere writable.',
  'spool.tokenRefused':
    'The server refused the ward access token (HTTP 401: wrong, expired or revoked). Ask the Department for a new token; {n} report(s) stay queued and are sent once the new token is set.',
  'spool.redirect':
    'The server answered with a redirect to {location}: the Department’s address may have changed. Check it, then set the new address (--server, WARDKIT_SERVER or `server:` in the config file). The report stays queued.',
  'spool.diskFull':
    'Report {id} could not be queued to send later: the disk holding the spool folder {dir} is full. Free some space, or choose another folder with --spool.',
  'spool.readOnlyWrite':
    'Report {id} could not be queued to send later: the spool folder {dir} is read-only (a disk switched to read-only after errors?). Have the disk checked, or choose another folder with --spool.',
  'spool.cannotWrite': 'Report {id} could not be queued to send later in {dir} ({reason}).',
  'spool.reportKept': 'The report is still in {file}; send it again later with `wardkit report submit {file}`.',
  'spool.reportOnStdout':
    'So that it is not lost, the report follows on standard output as JSON: save it to a file and send it later with `wardkit report submit FILE`.',
  'spool.notRemoved':
    '{n} report(s) were delivered but could not be removed from {dir} ({reason}); the next flush finds them already on the server (nothing is stored twice).',
  'spool.waitingForLock': 'Another wardkit (pid {pid}) is sending the queued reports; waiting for it to finish…',
  'spool.locked': 'another wardkit (pid {pid}) is still sending the queued reports; try again later',
  'spool.damaged': 'Queued file {file} is damaged (not a complete report): moved to {dir}, not sent.',
  'spool.rejectedKept':
    '{n} report(s) set aside (refused by the server, or damaged files) are kept in {dir}: `wardkit report show --spool` lists them, `wardkit report requeue --all` queues them again once the problem is fixed.',
  'spool.show.queued': 'Queued to send ({n}) — {dir}',
  'spool.show.rejected': 'Refused, not retried ({n}) — {dir}',
  'spool.show.none': '  (none)',
  'spool.show.entry': '  {id}  ward {ward}  queued {queuedAt}',
  'spool.show.lastError': '      last attempt: {reason}',
  'spool.show.reason': '      refused: {reason}',
  'spool.show.damaged': '  {file}  (damaged file)',
  'spool.requeued': '{n} report(s) queued again; `wardkit report flush` sends them.',
  'spool.requeueNone': 'no refused report matches "{id}" in {dir}',
  'spool.requeueWhich': 'give a report id (or the start of one) or --all',
  'cmd.report.requeue.description':
    'Queue refused reports (spool/rejected) again, after the cause is fixed (token, server limit…).',
  'cmd.report.requeue.arg.id': 'report id, or its first characters',
  'cmd.report.requeue.opt.all': 'every refused report',
  'cmd.report.requeue.help.after':
    '\nExit: 0 queued again, 1 nothing matched, 74 the spool folder cannot be written.\n',
  'cmd.report.show.opt.spool': 'list the reports waiting in the spool and those refused (FILE not needed)',
  'serve.badNumber': '--{name} "{value}": give a number from {min} to {max}',
  'serve.badSize': '--{name} "{value}": give a size in bytes from {min} to {max} (suffixes k, M allowed: 2M)',
  'serve.adminTokenShort':
    'the admin token is too short ({length} characters): use at least {min} random characters (e.g. `openssl rand -hex 24`), or admin tokens from `wardkit serve token create --admin`',
  'cmd.serve.opt.maxProbesPerSource': 'concurrent probe streams one address may hold (default 8)',
  'cmd.serve.opt.whipMaxCallsPerSource': 'concurrent WHIP calls one address may hold (default 2)',
};

export const vi: Record<string, string> = {
  'input.notRegular.fifo':
    '{file} là một đường ống (FIFO), không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.notRegular.directory': '{file} là một thư mục, không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.notRegular.character-device':
    '{file} là một thiết bị (character device), không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.notRegular.block-device':
    '{file} là một thiết bị ổ đĩa, không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.notRegular.socket': '{file} là một socket, không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.notRegular.other': '{file} là một tệp đặc biệt, không phải tệp thông thường: hãy chỉ đúng đường dẫn tới tệp',
  'input.tooLarge.room': '{file} quá lớn, không thể là tệp cấu hình phòng ({size} byte; tối đa {limit})',
  'input.tooLarge.profile': '{file} quá lớn, không thể là hồ sơ cấu hình thiết bị ({size} byte; tối đa {limit})',
  'input.tooLarge.report': '{file} quá lớn, không thể là báo cáo ({size} byte; tối đa {limit})',
  'input.tooLarge.answers': '{file} quá lớn, không thể là tệp trả lời ({size} byte; tối đa {limit})',
  'input.unreadable': 'không đọc được {file} ({code})',
  'profile.extendsOutside':
    'extends "{ref}" trỏ ra ngoài thư mục của hồ sơ ({root}); không đọc tệp đó. Hãy dùng mã hồ sơ có sẵn, một tệp trong thư mục đó (hoặc thư mục con), hoặc thêm thư mục của tệp vào WARDKIT_PROFILE_PATH',
  'io.full': 'ổ đĩa đã đầy',
  'io.readOnly': 'ổ đĩa đang ở chế độ chỉ đọc',
  'io.denied': 'không có quyền ghi',
  'io.closed': 'đầu ra đã bị đóng',
  'cli.stdoutFailed': 'không ghi được ra đầu ra chuẩn ({reason}); kết quả in ra bị thiếu.',
  'serve.token.notShown':
    'không in được mã truy cập mới ({reason}); đã thu hồi mã {id} để không còn mã nào có hiệu lực mà chưa ai thấy. Hãy chạy lại lệnh, cho kết quả ra chỗ ghi được.',
  'spool.tokenRefused':
    'Máy chủ không chấp nhận mã truy cập của phường (HTTP 401: sai, hết hạn hoặc đã bị thu hồi). Hãy xin Sở mã truy cập mới; {n} báo cáo vẫn được giữ lại và sẽ gửi khi đã đặt mã mới.',
  'spool.redirect':
    'Máy chủ chuyển hướng sang {location}: có thể địa chỉ của Sở đã đổi. Hãy kiểm tra rồi đặt địa chỉ mới (--server, WARDKIT_SERVER hoặc `server:` trong tệp cấu hình). Báo cáo vẫn được giữ lại để gửi sau.',
  'spool.diskFull':
    'Không lưu được báo cáo {id} để gửi lại sau: ổ đĩa chứa thư mục báo cáo chờ gửi {dir} đã đầy. Hãy dọn bớt ổ đĩa, hoặc chọn thư mục khác bằng --spool.',
  'spool.readOnlyWrite':
    'Không lưu được báo cáo {id} để gửi lại sau: thư mục báo cáo chờ gửi {dir} đang ở chế độ chỉ đọc (ổ đĩa bị lỗi nên chuyển sang chỉ đọc?). Hãy cho kiểm tra ổ đĩa, hoặc chọn thư mục khác bằng --spool.',
  'spool.cannotWrite': 'Không lưu được báo cáo {id} vào {dir} để gửi lại sau ({reason}).',
  'spool.reportKept': 'Báo cáo vẫn còn trong {file}; sau này gửi lại bằng `wardkit report submit {file}`.',
  'spool.reportOnStdout':
    'Để không mất báo cáo, nội dung báo cáo (JSON) được in tiếp trên đầu ra chuẩn: hãy lưu vào một tệp rồi gửi sau bằng `wardkit report submit TỆP`.',
  'spool.notRemoved':
    'Đã gửi {n} báo cáo nhưng không xóa được khỏi {dir} ({reason}); lần gửi sau sẽ thấy máy chủ đã có (không lưu trùng).',
  'spool.waitingForLock': 'Một wardkit khác (pid {pid}) đang gửi các báo cáo chờ gửi; đang đợi nó xong…',
  'spool.locked': 'một wardkit khác (pid {pid}) vẫn đang gửi các báo cáo chờ gửi; hãy thử lại sau',
  'spool.damaged': 'Tệp chờ gửi {file} bị hỏng (không phải báo cáo đầy đủ): đã chuyển sang {dir}, không gửi.',
  'spool.rejectedKept':
    'Có {n} báo cáo bị để riêng (máy chủ từ chối, hoặc tệp bị hỏng) đang được giữ trong {dir}: `wardkit report show --spool` để xem, `wardkit report requeue --all` để đưa lại vào hàng chờ gửi khi đã khắc phục.',
  'spool.show.queued': 'Đang chờ gửi ({n}) — {dir}',
  'spool.show.rejected': 'Bị từ chối, không gửi lại ({n}) — {dir}',
  'spool.show.none': '  (không có)',
  'spool.show.entry': '  {id}  phường {ward}  lưu lúc {queuedAt}',
  'spool.show.lastError': '      lần gửi gần nhất: {reason}',
  'spool.show.reason': '      lý do bị từ chối: {reason}',
  'spool.show.damaged': '  {file}  (tệp bị hỏng)',
  'spool.requeued': 'Đã đưa lại {n} báo cáo vào hàng chờ gửi; lệnh `wardkit report flush` sẽ gửi.',
  'spool.requeueNone': 'không có báo cáo bị từ chối nào khớp với "{id}" trong {dir}',
  'spool.requeueWhich': 'cần số hiệu báo cáo (hoặc vài ký tự đầu) hoặc --all',
  'cmd.report.requeue.description':
    'Đưa các báo cáo bị từ chối (spool/rejected) lại vào hàng chờ gửi, sau khi đã khắc phục nguyên nhân (mã truy cập, giới hạn của máy chủ…).',
  'cmd.report.requeue.arg.id': 'số hiệu báo cáo, hoặc vài ký tự đầu',
  'cmd.report.requeue.opt.all': 'mọi báo cáo bị từ chối',
  'cmd.report.requeue.help.after':
    '\nMã thoát: 0 đã đưa lại vào hàng chờ, 1 không có báo cáo nào khớp, 74 không ghi được thư mục chờ gửi.\n',
  'cmd.report.show.opt.spool': 'liệt kê các báo cáo đang chờ gửi và các báo cáo bị từ chối (không cần TỆP)',
  'serve.badNumber': '--{name} "{value}": hãy ghi một số từ {min} đến {max}',
  'serve.badSize': '--{name} "{value}": hãy ghi kích thước theo byte, từ {min} đến {max} (được dùng hậu tố k, M: 2M)',
  'serve.adminTokenShort':
    'mã truy cập quản trị quá ngắn ({length} ký tự): dùng ít nhất {min} ký tự ngẫu nhiên (ví dụ `openssl rand -hex 24`), hoặc mã quản trị tạo bằng `wardkit serve token create --admin`',
  'cmd.serve.opt.maxProbesPerSource': 'số luồng đo đồng thời tối đa cho một địa chỉ (mặc định 8)',
  'cmd.serve.opt.whipMaxCallsPerSource': 'số cuộc gọi WHIP đồng thời tối đa cho một địa chỉ (mặc định 2)',
};
