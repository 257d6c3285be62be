/**
 * The Vietnamese catalogue: the source of every string the platform shows. Other languages must
 * have exactly these keys (a missing one is a type error in en.ts). "{name}" marks a parameter.
 */
export const vi = {
	'app.name': 'Hài Lòng',
	'app.tagline': 'Khảo sát sự hài lòng của người dân, tổ chức',
	'lang.switch': 'English',
	'lang.switchLabel': 'Switch to English',
	'skip.toContent': 'Bỏ qua, đến nội dung chính',

	'home.title': 'Khảo sát sự hài lòng tại Bộ phận Một cửa',
	'home.intro':
		'Ông/Bà vừa làm thủ tục hành chính? Hãy cho cơ quan biết Ông/Bà hài lòng thế nào. Quét mã QR tại quầy, hoặc chọn quầy dưới đây. Khảo sát mất khoảng 3 phút và không cần ghi tên.',
	'home.counters': 'Chọn quầy để trả lời khảo sát',
	'home.noCounters': 'Chưa có quầy nào đang nhận khảo sát.',
	'home.notice': 'Kết quả là ước tính nội bộ từ khảo sát tại Bộ phận Một cửa — không phải số liệu SIPAS chính thức.',

	'survey.pageTitle': 'Khảo sát — {counter}',
	'survey.intro':
		'Khảo sát gồm 7 phần, mất khoảng 3 phút. Không cần ghi tên: câu trả lời không gắn với Ông/Bà. Có thể bỏ qua bất kỳ câu nào, hoặc chọn “Không áp dụng”.',
	'survey.scale.1': 'Rất không hài lòng',
	'survey.scale.2': 'Không hài lòng',
	'survey.scale.3': 'Bình thường',
	'survey.scale.4': 'Hài lòng',
	'survey.scale.5': 'Rất hài lòng',
	'survey.scale.na': 'Không áp dụng',
	'survey.part': 'Phần {n}/{total}',
	'survey.progress': 'Bước {n}/{total}',
	'survey.next': 'Tiếp theo',
	'survey.back': 'Quay lại',
	'survey.submit': 'Gửi khảo sát',
	'survey.submitting': 'Đang gửi…',
	'survey.profile': 'Thông tin thêm (không bắt buộc)',
	'survey.profileHint': 'Giúp cơ quan hiểu rõ hơn; không thông tin nào xác định Ông/Bà.',
	'survey.respondentType': 'Ông/Bà là',
	'survey.respondentType.individual': 'Cá nhân',
	'survey.respondentType.organisation': 'Tổ chức, doanh nghiệp',
	'survey.gender': 'Giới tính',
	'survey.gender.female': 'Nữ',
	'survey.gender.male': 'Nam',
	'survey.gender.other': 'Khác',
	'survey.ageGroup': 'Độ tuổi',
	'survey.ageGroup.under_30': 'Dưới 30',
	'survey.ageGroup.30_44': '30–44',
	'survey.ageGroup.45_59': '45–59',
	'survey.ageGroup.60_plus': 'Từ 60',
	'survey.ethnicity': 'Dân tộc',
	'survey.ethnicity.kinh': 'Kinh',
	'survey.ethnicity.jrai': 'Jrai',
	'survey.ethnicity.bahnar': 'Bahnar',
	'survey.ethnicity.other': 'Khác',
	'survey.channel': 'Ông/Bà nộp hồ sơ qua',
	'survey.channel.in_person': 'Trực tiếp',
	'survey.channel.online': 'Trực tuyến',
	'survey.channel.postal': 'Bưu chính công ích',
	'survey.procedureField': 'Lĩnh vực thủ tục',
	'survey.noChoice': '— Không chọn —',
	'survey.dossierCode': 'Mã hồ sơ (nếu muốn)',
	'survey.comment': 'Ông/Bà có góp ý gì để chúng tôi phục vụ tốt hơn?',
	'survey.commentHint': 'Tối đa 2.000 ký tự. Xin đừng ghi họ tên, số điện thoại.',
	'survey.savedLocally': 'Câu trả lời được lưu tạm trên máy này cho đến khi gửi xong.',

	'error.fixBelow': 'Chưa gửi được. Xin xem lại các mục được đánh dấu bên dưới.',
	'error.answer': 'Câu trả lời không hợp lệ. Xin chọn lại.',
	'error.unknownCriterion': 'Có câu hỏi không thuộc phiếu khảo sát này.',
	'error.comment.tooLong': 'Góp ý dài quá 2.000 ký tự ({length} ký tự). Xin rút gọn.',
	'error.dossierCode.tooLong': 'Mã hồ sơ dài quá 60 ký tự.',
	'error.choice': 'Lựa chọn không hợp lệ.',
	'error.versionChanged': 'Phiếu khảo sát vừa được cập nhật. Câu trả lời của Ông/Bà vẫn còn; xin kiểm tra lại rồi gửi.',
	'error.submission': 'Phiếu không hợp lệ. Xin tải lại trang.',
	'error.tryAgain': 'Hệ thống đang bận hoặc mất kết nối. Câu trả lời của Ông/Bà vẫn còn; xin thử gửi lại sau ít phút.',
	'error.offline': 'Không kết nối được. Câu trả lời của Ông/Bà vẫn còn trên máy; xin kiểm tra mạng rồi bấm gửi lại.',
	'error.tooMany': 'Có quá nhiều phiếu gửi từ thiết bị này trong một giờ. Xin thử lại sau.',
	'error.tooLarge': 'Nội dung gửi quá lớn.',
	'error.crossOrigin':
		'Chưa gửi được: trang này đang mở tại {here}, nhưng hệ thống chỉ nhận phiếu gửi từ {origin}. Câu trả lời của Ông/Bà vẫn còn trên máy này. Xin báo cán bộ tại quầy.',
	'error.crossOriginAdmin':
		'Dành cho quản trị viên: biến môi trường ORIGIN phải đúng bằng địa chỉ mà mọi người mở trang (hiện đang là {origin}). Xem README, mục “Configuration”, dòng ORIGIN.',
	'error.counterNotFound': 'Không tìm thấy quầy khảo sát này',
	'error.counterNotFoundHint': 'Mã QR có thể đã cũ hoặc quầy đã ngừng nhận khảo sát. Xin hỏi cán bộ tại quầy, hoặc chọn quầy trên trang chủ.',
	'error.pageNotFound': 'Không tìm thấy trang',
	'error.unavailable': 'Hệ thống tạm thời gián đoạn',
	'error.unavailableHint': 'Xin thử lại sau ít phút.',
	'error.generic': 'Đã có lỗi xảy ra',
	'error.home': 'Về trang chủ',

	'thanks.title': 'Cảm ơn Ông/Bà!',
	'thanks.text': 'Ý kiến của Ông/Bà đã được ghi nhận và giúp {agency} phục vụ tốt hơn.',
	'thanks.again': 'Trả lời khảo sát cho lần làm thủ tục khác'
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = { readonly [K in MessageKey]: string };
