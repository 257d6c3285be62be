/**
 * Strings of the kiosk page (/k/{counter}), sent to the tablet with its questionnaire. Their keys
 * ("ui.…") are also translation keys of a survey version (survey_translations), so Jrai and Bahnar
 * texts of the page are entered and imported like the statements'; a missing one falls back here.
 */
export const kioskUiVi = {
	'ui.welcome': 'Xin mời ông/bà đánh giá sự hài lòng',
	'ui.welcomeHint': 'Chỉ mất khoảng 2 phút. Không cần ghi tên.',
	'ui.language': 'Chọn ngôn ngữ',
	'ui.start': 'Bắt đầu đánh giá',
	'ui.scale': 'Chạm một ô cho mỗi câu: 1 là rất không hài lòng, 5 là rất hài lòng.',
	'ui.scale.1': 'Rất không hài lòng',
	'ui.scale.2': 'Không hài lòng',
	'ui.scale.3': 'Bình thường',
	'ui.scale.4': 'Hài lòng',
	'ui.scale.5': 'Rất hài lòng',
	'ui.na': 'Không áp dụng',
	'ui.listen': 'Nghe',
	'ui.submit': 'Gửi đánh giá',
	'ui.cancel': 'Làm lại từ đầu',
	'ui.thanks': 'Xin cảm ơn ông/bà!',
	'ui.thanksHint': 'Ý kiến đã được ghi nhận. Màn hình sẽ tự trở về trang đầu.',
	'ui.again': 'Về trang đầu',
	'ui.queued': 'Đang chờ gửi: {n}',
	'ui.offline': 'Mất kết nối — câu trả lời được lưu trên máy và sẽ tự gửi.',
	'ui.full': 'Bộ nhớ của máy đã đầy, chưa nhận thêm đánh giá. Xin báo cán bộ tại quầy.',
	'ui.notEnrolled': 'Máy này chưa được đăng ký. Xin cán bộ mở mã đăng ký từ trang quản trị.',
	'ui.refused': 'Bị từ chối: {n}',
	'ui.reason.revoked': 'máy đã bị thu hồi',
	'ui.reason.future': 'giờ của máy chạy nhanh hơn thực tế',
	'ui.reason.too_old': 'trả lời quá 7 ngày',
	'ui.reason.invalid': 'dữ liệu không hợp lệ',
	'ui.reason.version_changed': 'bộ câu hỏi đã đổi',
	'ui.reason.too_many': 'gửi quá nhiều',
	'ui.noAnswer': 'Xin chọn ít nhất một câu trả lời.'
} as const;

export type KioskUiKey = keyof typeof kioskUiVi;
export const KIOSK_UI_KEYS = Object.keys(kioskUiVi) as KioskUiKey[];
