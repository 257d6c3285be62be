/** Vietnamese strings of the rating-code pages (/r); English twin: invitation.en.ts. */
export const invitationVi = {
	'invitation.enter.title': 'Đánh giá hồ sơ bằng mã',
	'invitation.enter.intro': 'Nhập mã đánh giá in trên phiếu hẹn hoặc trong tin nhắn (21 ký tự, có thể có dấu gạch).',
	'invitation.enter.label': 'Mã đánh giá',
	'invitation.enter.submit': 'Mở phiếu khảo sát',
	'invitation.enter.invalid': 'Mã không đúng. Xin kiểm tra lại từng ký tự.',
	'invitation.title': 'Đánh giá việc giải quyết hồ sơ',
	'invitation.procedure': 'Thủ tục: {name}',
	'invitation.privacy':
		'Câu trả lời được gắn với hồ sơ để thống kê tỷ lệ phản hồi; cán bộ không biết ai đã trả lời gì, trừ khi Ông/Bà chọn được liên hệ lại.',
	'invitation.wantsContact': 'Tôi muốn được liên hệ lại về góp ý này',
	'invitation.wantsContactHint': 'Khi chọn, cán bộ được biết góp ý này thuộc hồ sơ của Ông/Bà để liên hệ lại.',
	'invitation.used.title': 'Hồ sơ này đã được đánh giá',
	'invitation.used.text': 'Mỗi mã chỉ dùng được một lần. Cảm ơn Ông/Bà đã dành thời gian.',
	'invitation.expired.title': 'Mã đánh giá đã hết hạn',
	'invitation.expired.text': 'Mã chỉ dùng được trong {days} ngày sau khi trả kết quả hồ sơ.',
	'invitation.notFound.title': 'Không tìm thấy mã đánh giá',
	'invitation.notFound.text': 'Xin kiểm tra lại mã trên phiếu hẹn hoặc tin nhắn.',
	'invitation.tooMany.title': 'Nhập sai quá nhiều lần',
	'invitation.tooMany.text': 'Xin thử lại sau một giờ.',
	'invitation.thanks.text': 'Câu trả lời về hồ sơ của Ông/Bà đã được ghi nhận.'
} as const;
