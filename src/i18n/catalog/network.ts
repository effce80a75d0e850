// Messages of the network area (checks network, bandwidth, latency, ice; the probe options of
// `wardkit serve`). Vietnamese terms follow docs/glossary.md.
export const en: Record<string, string> = {
  'check.title.network': 'Network path',
  'check.title.bandwidth': 'Bandwidth',
  'check.title.latency': 'Latency, jitter and packet loss',
  'check.title.ice': 'STUN / TURN',

  'network.serveOpt.maxProbes': 'most bandwidth-probe streams at once (a check opens 4); more get 429 (default 32)',
  'network.serveOpt.maxProbeMb': 'most MiB one probe stream may carry (default 1024)',
  'network.serveOpt.maxProbeSeconds': 'most seconds one probe stream may last (default 15)',
  'network.serveOpt.udpPort': 'UDP port of the latency reflector and STUN responder (default: the HTTP port number)',

  // Network failures, shared by all four checks.
  'network.err.dns': 'The name {target} does not resolve ({detail}).',
  'network.err.dns.remedy':
    'Check the spelling of the server address in the profile or room file, and the DNS server set on this computer or the router.',
  'network.err.refused': '{target} refused the connection: nothing listens on that port.',
  'network.err.refused.remedy':
    'Check the port in the server address, and that the Department server (wardkit serve) is running.',
  'network.err.timeout': 'No connection to {target} within the time limit ({detail}).',
  'network.err.timeout.remedy':
    'A firewall may be dropping the traffic, or the server is down. Check the cable/Wi-Fi and ask the network administrator whether this port is open.',
  'network.err.noAnswer': '{target} accepted the connection but did not answer ({detail}).',
  'network.err.noAnswer.remedy':
    'The server is overloaded or something between (proxy, firewall) holds the traffic. Retry later; if it persists, tell the Department.',
  'network.err.reset': 'The connection to {target} was cut ({detail}).',
  'network.err.reset.remedy':
    'The server or a device on the way closed the connection mid-transfer. Retry; if it persists, check the router and tell the Department.',
  'network.err.tlsUntrusted': 'The TLS certificate of {target} is not trusted ({detail}).',
  'network.err.tlsUntrusted.remedy':
    'Do not ignore this: check the date and time of this computer and the address used; a proxy may be intercepting the connection. Ask the Department for the correct address.',
  'network.err.tls': 'The TLS connection to {target} failed ({detail}).',
  'network.err.tls.remedy':
    'Check that the address starts with https:// only when the server uses TLS, and that no proxy interferes.',
  'network.err.unreachable': '{target} is unreachable from this computer ({detail}).',
  'network.err.unreachable.remedy': 'Check the network cable or Wi-Fi, the IP settings and the default gateway.',
  'network.err.busy': '{target} is busy with other measurements (retry after {retryAfter:s} s).',
  'network.err.busy.remedy': 'Run the check again in a minute.',
  'network.err.http': '{target} answered HTTP {status} for {path}.',
  'network.err.http.remedy':
    'The address may point at another web server, or the server version is too old. Check the server address.',
  'network.err.notWardkit': '{target} is not a wardkit server (no answer at {path}).',
  'network.err.notWardkit.remedy': 'Check the server address: it must be the Department server running wardkit serve.',
  'network.err.other': 'Network error towards {target}: {detail}.',
  'network.err.other.remedy': 'Run again with --debug and send the output to the Department.',

  'network.noServer': 'No Department server is configured: nothing to measure against.',
  'network.noServer.remedy':
    'Give the server address with --server URL, or set server.url in the profile or the room file.',
  'network.badUrl': 'The address of {name} is not a valid URL: {url}.',
  'network.unreachable': 'Cannot reach {name} ({url}).',
  'network.serverUnreachable': 'Cannot reach the Department server {url}.',
  'network.connected': '{name}: {host} → {address}; DNS {dns:ms} ms, TCP {tcp:ms} ms, TLS {tls:ms} ms.',
  'network.interface': 'Interface in use: {iface} ({type:key}, {speed:Mbit/s} Mbit/s), address {address}.',
  'network.interfaceUnknown': 'The network interface in use could not be determined.',
  'network.wireless': 'This computer is on Wi-Fi.',
  'network.wireless.remedy': 'For calls, a network cable is more stable than Wi-Fi.',
  'network.gateway': 'Default gateway: {gateway}.',
  'network.noGateway': 'No default gateway is set.',

  'bandwidth.downloadOk':
    'Download {mbps:Mbit/s} Mbit/s (recommended ≥ {recommended:Mbit/s} Mbit/s, over {seconds:s} s).',
  'bandwidth.uploadOk': 'Upload {mbps:Mbit/s} Mbit/s (recommended ≥ {recommended:Mbit/s} Mbit/s, over {seconds:s} s).',
  'bandwidth.downloadBelowMin': 'Download {mbps:Mbit/s} Mbit/s is below the minimum {min:Mbit/s} Mbit/s.',
  'bandwidth.uploadBelowMin': 'Upload {mbps:Mbit/s} Mbit/s is below the minimum {min:Mbit/s} Mbit/s.',
  'bandwidth.downloadBelowRecommended':
    'Download {mbps:Mbit/s} Mbit/s is below the recommended {recommended:Mbit/s} Mbit/s (minimum {min}).',
  'bandwidth.uploadBelowRecommended':
    'Upload {mbps:Mbit/s} Mbit/s is below the recommended {recommended:Mbit/s} Mbit/s (minimum {min}).',
  'bandwidth.low.remedy':
    'Stop other uses of the line during calls (downloads, cameras, updates), check the router, or ask the provider for a faster line.',
  'bandwidth.downloadFailed': 'The download could not be measured.',
  'bandwidth.uploadFailed': 'The upload could not be measured.',
  'bandwidth.failed.remedy': 'See the network error below; the network check shows whether the server is reachable.',
  'bandwidth.loadedDownload':
    'While downloading, the delay was {loaded:ms} ms (idle {idle:ms} ms, a change of {increase:ms} ms, p95 {p95:ms} ms); the router queue this test built: {queue:ms} ms.',
  'bandwidth.loadedUpload':
    'While uploading, the delay was {loaded:ms} ms (idle {idle:ms} ms, a change of {increase:ms} ms, p95 {p95:ms} ms); the router queue this test built: {queue:ms} ms.',
  'bandwidth.bufferbloatDownload':
    'When the line is busy downloading, the router’s queue adds {increase} ms of delay (limit {limit} ms): calls will lag and break up whenever someone downloads.',
  'bandwidth.bufferbloatUpload':
    'When the line is busy uploading, the router’s queue adds {increase} ms of delay (limit {limit} ms): calls will lag and break up whenever someone uploads files.',
  'bandwidth.bufferbloat.remedy':
    'Enable SQM / Smart Queue / QoS (fq_codel or CAKE) on the office router with its limits set a little below the line’s speed, or keep large uploads and downloads off this line during reception sessions.',
  'bandwidth.loadedLoopback':
    'The server is on this machine (loopback): there is no router queue to measure, so latency under load is shown but not judged.',
  'bandwidth.loadedUnmeasured':
    'Latency under load could not be measured: no UDP probe replies from the server during the test.',
  'bandwidth.loadedUnmeasured.remedy': 'Run the latency check: UDP to the server is probably blocked.',

  'latency.summary':
    '{sent} packets: RTT {rtt:ms} ms (95 % ≤ {p95:ms} ms), jitter {jitter:ms} ms, loss up {up:%} % / down {down:%} %, MOS {mos}.',
  'latency.udpBlocked':
    'UDP blocked: none of {sent} packets to {target} came back — the call will need TURN over TCP/TLS.',
  'latency.udpBlocked.remedy':
    'Ask the network administrator to allow outgoing UDP (the call media uses it), or make sure the profile lists a TURN server reachable over TCP or TLS.',
  'latency.noReflector': '{target} has no UDP reflector.',
  'latency.noReflector.remedy': 'Update the Department server (wardkit serve).',
  'latency.highRtt': 'Round-trip time {rtt:ms} ms is high.',
  'latency.highRtt.remedy':
    'Stop large transfers on the line during calls; a saturated uplink causes queueing delay. Prefer a wired connection.',
  'latency.highJitter': 'Jitter {jitter:ms} ms is high.',
  'latency.highJitter.remedy':
    'Jitter comes from queues on a busy line or Wi-Fi. Use a cable and keep the line free during calls.',
  'latency.lossUplink': 'Packet loss from this room to the server: {loss:%} %.',
  'latency.lossDownlink': 'Packet loss from the server to this room: {loss:%} %.',
  'latency.loss.remedy': 'Check cables and the router, avoid Wi-Fi, and report lasting loss to the provider.',
  'latency.lowMos': 'Expected call quality (MOS) {mos} is low.',
  'latency.statsEstimated':
    "The reflector's final counters did not arrive; loss per direction is estimated from the last replies.",

  'ice.noServers': 'The profile lists no STUN/TURN servers and no server offers STUN: nothing to check.',
  'ice.noServers.remedy': "Add the city's STUN/TURN servers to ice.servers in the profile.",
  'ice.usingServerStun': "No ICE servers in the profile: using the Department server's STUN responder {target}.",
  'ice.badUrl': 'Not a valid STUN/TURN URL: {url}.',
  'ice.publicAddress': 'Public address (as STUN sees it): {address}.',
  'ice.stunFailed': 'No STUN answer from {target} ({reason}).',
  'ice.noStun': 'No STUN server answered over UDP.',
  'ice.noStun.remedy':
    'Outgoing UDP may be blocked. Ask the network administrator to allow UDP to the STUN/TURN servers.',
  'ice.mappingVaries': 'The public address changes with the destination ({mappings}): a symmetric NAT.',
  'ice.mappingVaries.remedy':
    'Direct calls will not connect; calls will go through TURN. Make sure TURN works, or set the router to endpoint-independent mapping.',
  'ice.mappingStable': 'The public address stays the same towards every server (endpoint-independent mapping).',
  'ice.turnOk': 'TURN {url} over {transport}: relay {relayed} allocated in {ms:ms} ms.',
  'ice.turnTransportFailed': 'TURN {url} over {transport}: failed ({reason}).',
  'ice.turnAuth': "The TURN server {target} rejected the profile's username/password.",
  'ice.turnAuth.remedy': 'Check ice.servers username and credential in the profile against what the Department issued.',
  'ice.turnError': 'The TURN server {target} answered error {code} {reason}.',
  'ice.turnUnreachable': 'TURN {url} does not work over any transport.',
  'ice.turnUnreachable.remedy':
    'Calls behind a strict firewall need TURN. Ask the network administrator to allow the TURN ports (UDP/TCP 3478, TLS 5349 or 443).',
  'ice.turnUdpBlocked': 'TURN {url}: UDP is blocked, only {working} works — calls will relay over TCP (more delay).',
  'ice.turnUdpBlocked.remedy':
    'Ask the network administrator to allow UDP to the TURN server; calls work meanwhile, with more delay under loss.',
  'ice.relayRequired': 'The profile requires relayed calls, but no TURN server works.',
  'network.metric.tcpConnect': 'TCP connect',
  'network.metric.tlsConnect': 'TLS connect',
  'network.metric.dnsTime': 'DNS lookup',
  'network.metric.serverAnswer': 'server answer',
  'network.metric.linkSpeed': 'link speed',
  'bandwidth.metric.downloadMbps': 'download',
  'bandwidth.metric.uploadMbps': 'upload',
  'bandwidth.metric.loadedRttDownloadMedian': 'round-trip time while downloading (median)',
  'bandwidth.metric.loadedRttDownloadP95': 'round-trip time while downloading (95 %)',
  'bandwidth.metric.loadedRttUploadMedian': 'round-trip time while uploading (median)',
  'bandwidth.metric.loadedRttUploadP95': 'round-trip time while uploading (95 %)',
  'bandwidth.metric.rttIdle': 'round-trip time with the line idle',
  'bandwidth.metric.loadedRttIncrease': 'extra delay when the line is busy',
  'latency.metric.rttMedian': 'round-trip time (median)',
  'latency.metric.rttMin': 'round-trip time (min)',
  'latency.metric.rttP95': 'round-trip time (95 %)',
  'latency.metric.jitter': 'jitter',
  'latency.metric.jitterUplink': 'jitter up',
  'latency.metric.jitterDownlink': 'jitter down',
  'latency.metric.lossUplink': 'loss up',
  'latency.metric.lossDownlink': 'loss down',
  'latency.metric.reordered': 'out of order',
  'latency.metric.mos': 'call quality (MOS)',
  'ice.metric.stunRtt': 'STUN round trip',
  'ice.metric.turnUDP': 'TURN over UDP',
  'ice.metric.turnTCP': 'TURN over TCP',
  'ice.metric.turnTLS': 'TURN over TLS',
  'network.lookupIncomplete': 'Could not learn {what}: {why}. The measurements above are not affected.',
  'network.lookup.what.interface': 'the network interface in use',
  'network.lookup.what.gateway': 'the default gateway',
  'network.lookup.what.linkSpeed': 'the link speed and type',
  'network.lookup.why.psTimeout': 'PowerShell did not answer within {seconds} s (WMI slow or busy)',
  'network.lookup.why.psEmpty':
    'PowerShell returned nothing (blocked by policy, or a stand-in without the network cmdlets)',
  'network.lookup.why.psFailed': 'PowerShell failed: {detail}',
  'network.lookup.why.psMissing': 'PowerShell was not found',
  'network.lookup.why.routeFailed': '`route print` gave no default route ({detail})',
  'network.lookup.why.notInTable': 'the system does not list it',
  'network.lookup.why.noIface': 'no interface holds the address {address}',
  'network.lookup.why.timeout': 'the lookup did not finish within {seconds} s',
  'network.lookup.why.failed': 'the lookup failed ({detail})',
  'network.ifType.wired': 'wired',
  'network.ifType.wireless': 'Wi-Fi',
  'network.ifType.virtual': 'virtual',
  'network.ifType.unknown': 'unknown type',
};

export const vi: Record<string, string> = {
  'check.title.network': 'Đường mạng',
  'check.title.bandwidth': 'Băng thông',
  'check.title.latency': 'Độ trễ, độ dao động trễ (jitter) và mất gói',
  'check.title.ice': 'STUN / TURN',

  'network.serveOpt.maxProbes':
    'số luồng đo băng thông tối đa cùng lúc (mỗi lần kiểm tra mở 4); vượt quá nhận 429 (mặc định 32)',
  'network.serveOpt.maxProbeMb': 'số MiB tối đa một luồng đo được truyền (mặc định 1024)',
  'network.serveOpt.maxProbeSeconds': 'số giây tối đa của một luồng đo (mặc định 15)',
  'network.serveOpt.udpPort': 'cổng UDP của bộ phản hồi đo độ trễ và STUN (mặc định: cùng số cổng HTTP)',

  'network.err.dns': 'Không phân giải được tên {target} ({detail}).',
  'network.err.dns.remedy':
    'Kiểm tra lại địa chỉ máy chủ trong hồ sơ cấu hình thiết bị hoặc tệp cấu hình phòng, và máy chủ DNS của máy tính hoặc bộ định tuyến.',
  'network.err.refused': '{target} từ chối kết nối: không có dịch vụ nào trên cổng đó.',
  'network.err.refused.remedy':
    'Kiểm tra cổng trong địa chỉ máy chủ và máy chủ của Sở (wardkit serve) có đang chạy không.',
  'network.err.timeout': 'Không kết nối được tới {target} trong thời gian cho phép ({detail}).',
  'network.err.timeout.remedy':
    'Có thể tường lửa đang chặn hoặc máy chủ không hoạt động. Kiểm tra dây mạng/Wi-Fi và hỏi quản trị mạng xem cổng này có được mở không.',
  'network.err.noAnswer': '{target} nhận kết nối nhưng không trả lời ({detail}).',
  'network.err.noAnswer.remedy':
    'Máy chủ quá tải hoặc thiết bị trung gian (proxy, tường lửa) giữ lưu lượng. Thử lại sau; nếu vẫn lỗi, báo cho Sở.',
  'network.err.reset': 'Kết nối tới {target} bị ngắt ({detail}).',
  'network.err.reset.remedy':
    'Máy chủ hoặc thiết bị trên đường truyền đã đóng kết nối giữa chừng. Thử lại; nếu vẫn lỗi, kiểm tra bộ định tuyến và báo cho Sở.',
  'network.err.tlsUntrusted': 'Chứng chỉ TLS của {target} không đáng tin cậy ({detail}).',
  'network.err.tlsUntrusted.remedy':
    'Không bỏ qua lỗi này: kiểm tra ngày giờ của máy tính và địa chỉ đang dùng; có thể có proxy chặn kết nối. Hỏi Sở địa chỉ đúng.',
  'network.err.tls': 'Kết nối TLS tới {target} thất bại ({detail}).',
  'network.err.tls.remedy':
    'Chỉ dùng địa chỉ bắt đầu bằng https:// khi máy chủ dùng TLS, và kiểm tra không có proxy can thiệp.',
  'network.err.unreachable': 'Không tới được {target} từ máy tính này ({detail}).',
  'network.err.unreachable.remedy': 'Kiểm tra dây mạng hoặc Wi-Fi, cấu hình IP và cổng mặc định (gateway).',
  'network.err.busy': '{target} đang bận với các phép đo khác (thử lại sau {retryAfter:s} giây).',
  'network.err.busy.remedy': 'Chạy lại kiểm tra sau một phút.',
  'network.err.http': '{target} trả lời HTTP {status} cho {path}.',
  'network.err.http.remedy':
    'Địa chỉ có thể trỏ tới máy chủ web khác, hoặc phiên bản máy chủ quá cũ. Kiểm tra địa chỉ máy chủ.',
  'network.err.notWardkit': '{target} không phải máy chủ wardkit (không có phản hồi tại {path}).',
  'network.err.notWardkit.remedy': 'Kiểm tra địa chỉ máy chủ: phải là máy chủ của Sở đang chạy wardkit serve.',
  'network.err.other': 'Lỗi mạng tới {target}: {detail}.',
  'network.err.other.remedy': 'Chạy lại với --debug và gửi kết quả cho Sở.',

  'network.noServer': 'Chưa cấu hình máy chủ của Sở: không có gì để đo.',
  'network.noServer.remedy':
    'Nhập địa chỉ máy chủ bằng --server URL, hoặc đặt server.url trong hồ sơ cấu hình thiết bị hoặc tệp cấu hình phòng.',
  'network.badUrl': 'Địa chỉ của {name} không hợp lệ: {url}.',
  'network.unreachable': 'Không tới được {name} ({url}).',
  'network.serverUnreachable': 'Không tới được máy chủ của Sở {url}.',
  'network.connected': '{name}: {host} → {address}; DNS {dns:ms} ms, TCP {tcp:ms} ms, TLS {tls:ms} ms.',
  'network.interface': 'Card mạng đang dùng: {iface} ({type:key}, {speed:Mbit/s} Mbit/s), địa chỉ {address}.',
  'network.interfaceUnknown': 'Không xác định được card mạng đang dùng.',
  'network.wireless': 'Máy tính này đang dùng Wi-Fi.',
  'network.wireless.remedy': 'Khi gọi, dây mạng ổn định hơn Wi-Fi.',
  'network.gateway': 'Cổng mạng mặc định: {gateway}.',
  'network.noGateway': 'Chưa đặt cổng mặc định (gateway).',

  'bandwidth.downloadOk':
    'Tải xuống {mbps:Mbit/s} Mbit/s (khuyến nghị ≥ {recommended:Mbit/s} Mbit/s, đo trong {seconds:s} giây).',
  'bandwidth.uploadOk':
    'Tải lên {mbps:Mbit/s} Mbit/s (khuyến nghị ≥ {recommended:Mbit/s} Mbit/s, đo trong {seconds:s} giây).',
  'bandwidth.downloadBelowMin': 'Tải xuống {mbps:Mbit/s} Mbit/s thấp hơn mức tối thiểu {min:Mbit/s} Mbit/s.',
  'bandwidth.uploadBelowMin': 'Tải lên {mbps:Mbit/s} Mbit/s thấp hơn mức tối thiểu {min:Mbit/s} Mbit/s.',
  'bandwidth.downloadBelowRecommended':
    'Tải xuống {mbps:Mbit/s} Mbit/s thấp hơn mức khuyến nghị {recommended:Mbit/s} Mbit/s (tối thiểu {min}).',
  'bandwidth.uploadBelowRecommended':
    'Tải lên {mbps:Mbit/s} Mbit/s thấp hơn mức khuyến nghị {recommended:Mbit/s} Mbit/s (tối thiểu {min}).',
  'bandwidth.low.remedy':
    'Tạm dừng các việc dùng mạng khác khi gọi (tải tệp, camera an ninh, cập nhật), kiểm tra bộ định tuyến, hoặc đề nghị nhà mạng nâng cấp đường truyền.',
  'bandwidth.downloadFailed': 'Không đo được tốc độ tải xuống.',
  'bandwidth.uploadFailed': 'Không đo được tốc độ tải lên.',
  'bandwidth.failed.remedy': 'Xem lỗi mạng bên dưới; mục kiểm tra đường mạng cho biết có tới được máy chủ không.',
  'bandwidth.loadedDownload':
    'Khi đang tải xuống, độ trễ là {loaded:ms} ms (lúc mạng rảnh {idle:ms} ms, chênh {increase:ms} ms, p95 {p95:ms} ms); hàng đợi trên router do bài đo tạo ra: {queue:ms} ms.',
  'bandwidth.loadedUpload':
    'Khi đang tải lên, độ trễ là {loaded:ms} ms (lúc mạng rảnh {idle:ms} ms, chênh {increase:ms} ms, p95 {p95:ms} ms); hàng đợi trên router do bài đo tạo ra: {queue:ms} ms.',
  'bandwidth.bufferbloatDownload':
    'Khi đường truyền bận tải xuống, hàng đợi của router làm trễ thêm {increase} ms (ngưỡng {limit} ms): cuộc gọi sẽ bị trễ, giật mỗi khi có người tải dữ liệu về.',
  'bandwidth.bufferbloatUpload':
    'Khi đường truyền bận tải lên, hàng đợi của router làm trễ thêm {increase} ms (ngưỡng {limit} ms): cuộc gọi sẽ bị trễ, giật mỗi khi có người gửi file lên mạng.',
  'bandwidth.bufferbloat.remedy':
    'Bật SQM / Smart Queue / QoS (fq_codel hoặc CAKE) trên router của cơ quan, đặt giới hạn thấp hơn tốc độ đường truyền một chút; hoặc không tải file lớn lên/xuống trên đường truyền này trong giờ tiếp công dân trực tuyến.',
  'bandwidth.loadedLoopback':
    'Máy chủ chạy ngay trên máy này: không có hàng đợi router để đo, nên độ trễ khi bận chỉ hiển thị, không dùng để đánh giá.',
  'bandwidth.loadedUnmeasured':
    'Không đo được độ trễ khi đường truyền bận: máy chủ không trả lời gói UDP trong lúc đo.',
  'bandwidth.loadedUnmeasured.remedy': 'Chạy bài kiểm tra latency: nhiều khả năng UDP đến máy chủ đang bị chặn.',

  'latency.summary':
    '{sent} gói: độ trễ khứ hồi {rtt:ms} ms (95 % ≤ {p95:ms} ms), jitter {jitter:ms} ms, mất gói chiều lên {up:%} % / chiều xuống {down:%} %, MOS {mos}.',
  'latency.udpBlocked':
    'UDP bị chặn: không gói nào trong {sent} gói gửi tới {target} quay lại — cuộc gọi sẽ cần TURN qua TCP/TLS.',
  'latency.udpBlocked.remedy':
    'Đề nghị quản trị mạng cho phép UDP đi ra (âm thanh, hình ảnh cuộc gọi dùng UDP), hoặc bảo đảm hồ sơ cấu hình có máy chủ TURN dùng được qua TCP hoặc TLS.',
  'latency.noReflector': '{target} không có bộ phản hồi UDP.',
  'latency.noReflector.remedy': 'Cập nhật máy chủ của Sở (wardkit serve).',
  'latency.highRtt': 'Độ trễ khứ hồi {rtt:ms} ms là cao.',
  'latency.highRtt.remedy': 'Dừng các truyền tải lớn khi gọi; đường lên bị nghẽn gây trễ hàng đợi. Nên dùng dây mạng.',
  'latency.highJitter': 'Độ dao động trễ (jitter) {jitter:ms} ms là cao.',
  'latency.highJitter.remedy':
    'Jitter do hàng đợi trên đường truyền bận hoặc Wi-Fi. Dùng dây mạng và để trống đường truyền khi gọi.',
  'latency.lossUplink': 'Mất gói từ phòng này tới máy chủ: {loss:%} %.',
  'latency.lossDownlink': 'Mất gói từ máy chủ về phòng này: {loss:%} %.',
  'latency.loss.remedy': 'Kiểm tra dây mạng và bộ định tuyến, tránh dùng Wi-Fi, báo nhà mạng nếu mất gói kéo dài.',
  'latency.lowMos': 'Chất lượng cuộc gọi dự kiến (MOS) {mos} là thấp.',
  'latency.statsEstimated':
    'Không nhận được bộ đếm cuối của bộ phản hồi; tỷ lệ mất gói từng chiều được ước lượng từ các phản hồi cuối.',

  'ice.noServers': 'Hồ sơ cấu hình không có máy chủ STUN/TURN và máy chủ không cung cấp STUN: không có gì để kiểm tra.',
  'ice.noServers.remedy': 'Thêm máy chủ STUN/TURN của thành phố vào ice.servers trong hồ sơ cấu hình thiết bị.',
  'ice.usingServerStun': 'Hồ sơ cấu hình không có máy chủ ICE: dùng STUN của máy chủ Sở {target}.',
  'ice.badUrl': 'Địa chỉ STUN/TURN không hợp lệ: {url}.',
  'ice.publicAddress': 'Địa chỉ công cộng (theo STUN): {address}.',
  'ice.stunFailed': 'Không có phản hồi STUN từ {target} ({reason}).',
  'ice.noStun': 'Không máy chủ STUN nào trả lời qua UDP.',
  'ice.noStun.remedy': 'UDP đi ra có thể bị chặn. Đề nghị quản trị mạng cho phép UDP tới các máy chủ STUN/TURN.',
  'ice.mappingVaries': 'Địa chỉ công cộng thay đổi theo đích ({mappings}): NAT đối xứng.',
  'ice.mappingVaries.remedy':
    'Cuộc gọi trực tiếp sẽ không kết nối được; cuộc gọi sẽ đi qua TURN. Bảo đảm TURN hoạt động, hoặc cấu hình bộ định tuyến dùng ánh xạ không phụ thuộc đích.',
  'ice.mappingStable': 'Địa chỉ công cộng giữ nguyên với mọi máy chủ (ánh xạ không phụ thuộc đích).',
  'ice.turnOk': 'TURN {url} qua {transport}: cấp phát relay {relayed} trong {ms:ms} ms.',
  'ice.turnTransportFailed': 'TURN {url} qua {transport}: thất bại ({reason}).',
  'ice.turnAuth': 'Máy chủ TURN {target} từ chối tên đăng nhập/mật khẩu trong hồ sơ cấu hình.',
  'ice.turnAuth.remedy':
    'Đối chiếu tên đăng nhập và mật khẩu (username, credential) của ice.servers trong hồ sơ cấu hình với thông tin Sở đã cấp.',
  'ice.turnError': 'Máy chủ TURN {target} trả lỗi {code} {reason}.',
  'ice.turnUnreachable': 'TURN {url} không hoạt động qua bất kỳ giao thức nào.',
  'ice.turnUnreachable.remedy':
    'Cuộc gọi sau tường lửa chặt cần TURN. Đề nghị quản trị mạng mở các cổng TURN (UDP/TCP 3478, TLS 5349 hoặc 443).',
  'ice.turnUdpBlocked': 'TURN {url}: UDP bị chặn, chỉ {working} hoạt động — cuộc gọi sẽ relay qua TCP (trễ hơn).',
  'ice.turnUdpBlocked.remedy':
    'Đề nghị quản trị mạng cho phép UDP tới máy chủ TURN; trong lúc chờ, cuộc gọi vẫn được nhưng trễ hơn khi mất gói.',
  'ice.relayRequired': 'Hồ sơ cấu hình yêu cầu cuộc gọi qua relay nhưng không có máy chủ TURN nào hoạt động.',
  'network.metric.tcpConnect': 'thời gian kết nối TCP',
  'network.metric.tlsConnect': 'thời gian kết nối TLS',
  'network.metric.dnsTime': 'thời gian phân giải DNS',
  'network.metric.serverAnswer': 'thời gian máy chủ trả lời',
  'network.metric.linkSpeed': 'tốc độ liên kết',
  'bandwidth.metric.downloadMbps': 'tải xuống',
  'bandwidth.metric.uploadMbps': 'tải lên',
  'bandwidth.metric.loadedRttDownloadMedian': 'độ trễ khứ hồi khi đang tải xuống (trung vị)',
  'bandwidth.metric.loadedRttDownloadP95': 'độ trễ khứ hồi khi đang tải xuống (95 %)',
  'bandwidth.metric.loadedRttUploadMedian': 'độ trễ khứ hồi khi đang tải lên (trung vị)',
  'bandwidth.metric.loadedRttUploadP95': 'độ trễ khứ hồi khi đang tải lên (95 %)',
  'bandwidth.metric.rttIdle': 'độ trễ khứ hồi khi đường truyền rảnh',
  'bandwidth.metric.loadedRttIncrease': 'độ trễ tăng thêm khi đường truyền bận',
  'latency.metric.rttMedian': 'độ trễ khứ hồi (trung vị)',
  'latency.metric.rttMin': 'độ trễ khứ hồi (nhỏ nhất)',
  'latency.metric.rttP95': 'độ trễ khứ hồi (95 %)',
  'latency.metric.jitter': 'jitter',
  'latency.metric.jitterUplink': 'jitter chiều lên',
  'latency.metric.jitterDownlink': 'jitter chiều xuống',
  'latency.metric.lossUplink': 'mất gói chiều lên',
  'latency.metric.lossDownlink': 'mất gói chiều xuống',
  'latency.metric.reordered': 'gói sai thứ tự',
  'latency.metric.mos': 'chất lượng cuộc gọi (MOS)',
  'ice.metric.stunRtt': 'thời gian phản hồi STUN',
  'ice.metric.turnUDP': 'TURN qua UDP',
  'ice.metric.turnTCP': 'TURN qua TCP',
  'ice.metric.turnTLS': 'TURN qua TLS',
  'network.lookupIncomplete': 'Không xác định được {what}: {why}. Các phép đo ở trên không bị ảnh hưởng.',
  'network.lookup.what.interface': 'card mạng đang dùng',
  'network.lookup.what.gateway': 'cổng mặc định (gateway)',
  'network.lookup.what.linkSpeed': 'tốc độ và loại kết nối',
  'network.lookup.why.psTimeout': 'PowerShell không trả lời trong {seconds} giây (WMI chậm hoặc đang bận)',
  'network.lookup.why.psEmpty': 'PowerShell không trả về gì (bị chính sách chặn, hoặc không có các lệnh về mạng)',
  'network.lookup.why.psFailed': 'PowerShell báo lỗi: {detail}',
  'network.lookup.why.psMissing': 'không tìm thấy PowerShell',
  'network.lookup.why.routeFailed': '`route print` không cho biết tuyến mặc định ({detail})',
  'network.lookup.why.notInTable': 'hệ thống không liệt kê',
  'network.lookup.why.noIface': 'không có card mạng nào mang địa chỉ {address}',
  'network.lookup.why.timeout': 'việc tra cứu không xong trong {seconds} giây',
  'network.lookup.why.failed': 'tra cứu bị lỗi ({detail})',
  'network.ifType.wired': 'mạng dây',
  'network.ifType.wireless': 'Wi-Fi',
  'network.ifType.virtual': 'card ảo',
  'network.ifType.unknown': 'không rõ loại',
};
