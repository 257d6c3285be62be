/**
 * Vietnamese strings of the error pages (per status) and of the page that refuses a form sent from
 * another address than ORIGIN. Kept out of the public catalogue: the survey's first load does not
 * download what only an error shows. The English twin is errors.en.ts.
 */
export const errorsVi = {
	'error.pageNotFoundHint': 'Địa chỉ có thể đã gõ sai, hoặc trang này không còn nữa.',
	'error.badRequest': 'Yêu cầu không hợp lệ',
	'error.badRequestHint': 'Trang không hiểu được yêu cầu này. Xin quay lại trang trước và thử lại.',
	'error.signInNeeded': 'Cần đăng nhập',
	'error.signInNeededHint': 'Trang này chỉ dành cho cán bộ đã đăng nhập.',
	'error.forbidden': 'Không có quyền xem trang này',
	'error.forbiddenHint': 'Tài khoản của Ông/Bà không có quyền xem hoặc thay đổi nội dung này. Nếu cần, xin hỏi quản trị viên của cơ quan.',
	'error.methodNotAllowed': 'Không thực hiện được thao tác này',
	'error.tooLargeTitle': 'Nội dung gửi quá lớn',
	'error.tooLargeHint': 'Xin rút gọn nội dung rồi gửi lại.',
	'error.tooManyTitle': 'Quá nhiều yêu cầu',
	'error.tooManyHint': 'Xin đợi vài phút rồi thử lại.',
	'error.internal': 'Hệ thống gặp lỗi',
	'error.internalHint': 'Lỗi đã được ghi lại. Xin thử lại sau ít phút.',
	'error.code': 'Mã lỗi: {status}',
	'error.startPage': 'Về trang làm việc',
	'crossOrigin.title': 'Chưa gửi được: trang đang mở ở một địa chỉ khác',
	'crossOrigin.text': 'Trang này được mở tại {here}, nhưng hệ thống chỉ nhận nội dung gửi từ trang mở tại {origin}. Để bảo vệ Ông/Bà, những gì vừa điền chưa được gửi đi.',
	'crossOrigin.textUnknown': 'Trang này được mở tại một địa chỉ khác với {origin}, địa chỉ duy nhất mà hệ thống nhận nội dung gửi đến. Để bảo vệ Ông/Bà, những gì vừa điền chưa được gửi đi.',
	'crossOrigin.keep': 'Những gì Ông/Bà đã điền vẫn còn: bấm nút Quay lại của trình duyệt để trở về trang trước.',
	'crossOrigin.open': 'Mở trang tại địa chỉ của hệ thống'
} as const;
