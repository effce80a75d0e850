// Messages of the outputs other tools consume: monitoring-plugin mode, --timeout.
export const en: Record<string, string> = {
  'cli.opt.timeout':
    'stop after this many seconds, killing every process wardkit started; `check` then reports UNKNOWN (exit 3), other commands exit 124',
  'cli.timedOut': 'timed out after {seconds} s',
  'cmd.check.opt.plugin':
    'monitoring-plugin output for Nagios, Icinga and NRPE: the same as --format nagios (also WARDKIT_PLUGIN=1)',
  'cmd.check.pluginFormat': '--plugin prints the nagios format: it cannot be combined with --format {format}',
  'cmd.check.opt.json': 'print the report as JSON (the same as --format json)',
  'cmd.check.jsonFormat': '--json prints JSON: it cannot be combined with --format {format}',
  'check.timedOut': 'timed out after {seconds} s with {done} of {total} checks finished',
  'render.nagios.more': '(+{count} more)',
  'render.chart.direction.download': 'download',
  'render.chart.direction.upload': 'upload',
  'check.evidenceDir':
    'cannot create the evidence folder {dir} ({reason}): choose a folder you can write to with --evidence',
};

export const vi: Record<string, string> = {
  'cli.opt.timeout':
    'dừng sau chừng này giây và tắt mọi tiến trình wardkit đã chạy; lệnh `check` khi đó báo UNKNOWN (mã thoát 3), các lệnh khác thoát với mã 124',
  'cli.timedOut': 'hết thời gian sau {seconds} giây',
  'cmd.check.opt.plugin':
    'in kết quả theo chuẩn của hệ thống giám sát Nagios, Icinga và NRPE: giống --format nagios (hoặc đặt WARDKIT_PLUGIN=1)',
  'cmd.check.pluginFormat': '--plugin luôn in định dạng nagios, không dùng cùng --format {format}',
  'cmd.check.opt.json': 'in báo cáo dạng JSON (giống --format json)',
  'cmd.check.jsonFormat': '--json luôn in JSON, không dùng cùng --format {format}',
  'check.timedOut': 'hết thời gian sau {seconds} giây, mới xong {done}/{total} bước kiểm tra',
  'render.nagios.more': '(và {count} vấn đề khác)',
  'render.chart.direction.download': 'tải xuống',
  'render.chart.direction.upload': 'tải lên',
  'check.evidenceDir':
    'không tạo được thư mục lưu bằng chứng {dir} ({reason}): hãy chọn bằng --evidence một thư mục có quyền ghi',
};
