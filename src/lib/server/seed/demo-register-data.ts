/**
 * The demo register's reference lists: the Gia Lai department's procedures by field and unit (names
 * as the national procedure database words them, codes in its format), with their legal time limit
 * in working days and how often each is filed, and the officials of each unit. Synthetic people.
 */
export interface DemoProcedure {
	code: string;
	name: string;
	/** A procedure field of GIA_LAI_DOIT.procedureFields. */
	field: string;
	/** A unit of GIA_LAI_DOIT.units. */
	unit: string;
	/** The legal time limit, working days. */
	days: number;
	/** Relative frequency. */
	weight: number;
}

const TM = 'Phòng Quản lý Thương mại';
const CN = 'Phòng Quản lý Công nghiệp';
const NL = 'Phòng Quản lý Năng lượng';
const ATMT = 'Phòng Kỹ thuật an toàn – Môi trường';
const KCXT = 'Trung tâm Khuyến công và Xúc tiến thương mại';

export const DEMO_PROCEDURES: readonly DemoProcedure[] = [
	{ code: '2.000633.000.00.00.H21', name: 'Cấp Giấy phép bán buôn rượu trên địa bàn tỉnh', field: 'Thương mại', unit: TM, days: 15, weight: 6 },
	{ code: '2.000615.000.00.00.H21', name: 'Cấp sửa đổi, bổ sung Giấy phép bán buôn rượu', field: 'Thương mại', unit: TM, days: 10, weight: 2 },
	{ code: '2.000181.000.00.00.H21', name: 'Cấp Giấy phép bán buôn sản phẩm thuốc lá', field: 'Thương mại', unit: TM, days: 15, weight: 3 },
	{ code: '2.000647.000.00.00.H21', name: 'Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', field: 'Thương mại', unit: TM, days: 15, weight: 8 },
	{ code: '2.000664.000.00.00.H21', name: 'Cấp lại Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', field: 'Thương mại', unit: TM, days: 10, weight: 4 },
	{ code: '2.001240.000.00.00.H21', name: 'Cấp Giấy chứng nhận đủ điều kiện thương nhân kinh doanh mua bán LPG', field: 'Thương mại', unit: TM, days: 15, weight: 2 },
	{ code: '2.000001.000.00.00.H21', name: 'Đăng ký hoạt động bán hàng đa cấp tại địa phương', field: 'Thương mại', unit: TM, days: 10, weight: 1 },
	{ code: '2.000029.000.00.00.H21', name: 'Cấp Giấy phép sản xuất rượu công nghiệp (quy mô dưới 3 triệu lít/năm)', field: 'Công nghiệp', unit: CN, days: 15, weight: 1 },
	{ code: '2.000191.000.00.00.H21', name: 'Cấp Giấy xác nhận ưu đãi dự án sản xuất sản phẩm công nghiệp hỗ trợ', field: 'Công nghiệp', unit: CN, days: 15, weight: 1 },
	{ code: '2.000116.000.00.00.H21', name: 'Cấp Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh', field: 'Công nghiệp', unit: CN, days: 20, weight: 1 },
	{ code: '2.000697.000.00.00.H21', name: 'Cấp Giấy phép hoạt động bán lẻ điện', field: 'Năng lượng', unit: NL, days: 15, weight: 2 },
	{ code: '2.000702.000.00.00.H21', name: 'Cấp Giấy phép hoạt động phát điện (nhà máy dưới 3 MW)', field: 'Năng lượng', unit: NL, days: 15, weight: 1 },
	{ code: '2.000711.000.00.00.H21', name: 'Cấp Giấy phép hoạt động tư vấn chuyên ngành điện', field: 'Năng lượng', unit: NL, days: 15, weight: 2 },
	{ code: '2.000591.000.00.00.H21', name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', field: 'An toàn – Môi trường', unit: ATMT, days: 20, weight: 7 },
	{ code: '2.000535.000.00.00.H21', name: 'Cấp Giấy xác nhận kiến thức về an toàn thực phẩm', field: 'An toàn – Môi trường', unit: ATMT, days: 15, weight: 4 },
	{ code: '2.000206.000.00.00.H21', name: 'Thẩm định kế hoạch ứng phó sự cố hóa chất', field: 'Hóa chất', unit: ATMT, days: 20, weight: 1 },
	{ code: '2.000263.000.00.00.H21', name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hóa chất có điều kiện trong lĩnh vực công nghiệp', field: 'Hóa chất', unit: ATMT, days: 12, weight: 2 },
	{ code: '2.000292.000.00.00.H21', name: 'Cấp Giấy phép sử dụng vật liệu nổ công nghiệp', field: 'Hóa chất', unit: ATMT, days: 10, weight: 1 },
	{ code: '2.000131.000.00.00.H21', name: 'Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi', field: 'Xúc tiến thương mại', unit: KCXT, days: 5, weight: 5 },
	{ code: '2.000033.000.00.00.H21', name: 'Đăng ký tổ chức hội chợ, triển lãm thương mại', field: 'Xúc tiến thương mại', unit: KCXT, days: 7, weight: 2 }
];

/** Officials by unit: code and full name. */
export const DEMO_OFFICIALS: Readonly<Record<string, readonly { code: string; name: string }[]>> = {
	[TM]: [
		{ code: 'SCT.TM.01', name: 'Nguyễn Thị Thu Hà' },
		{ code: 'SCT.TM.02', name: 'Trần Văn Hùng' },
		{ code: 'SCT.TM.03', name: 'Lê Thị Mai Phương' },
		{ code: 'SCT.TM.04', name: 'Rơ Châm Y Blin' }
	],
	[CN]: [
		{ code: 'SCT.CN.01', name: 'Phạm Quốc Bảo' },
		{ code: 'SCT.CN.02', name: 'Đỗ Thị Ngọc Ánh' }
	],
	[NL]: [
		{ code: 'SCT.NL.01', name: 'Võ Minh Tuấn' },
		{ code: 'SCT.NL.02', name: 'Huỳnh Thị Lan' },
		{ code: 'SCT.NL.03', name: 'Ksor Nguyên' }
	],
	[ATMT]: [
		{ code: 'SCT.ATMT.01', name: 'Bùi Thị Hồng Nhung' },
		{ code: 'SCT.ATMT.02', name: 'Đặng Văn Khoa' },
		{ code: 'SCT.ATMT.03', name: 'Ngô Thị Kim Oanh' }
	],
	[KCXT]: [
		{ code: 'SCT.KCXT.01', name: 'Hoàng Văn Sơn' },
		{ code: 'SCT.KCXT.02', name: 'Phan Thị Thanh Tâm' }
	]
};

/** Comments of citizens who rated their dossier. */
export const DEMO_DOSSIER_COMMENTS = [
	'Nộp hồ sơ trực tuyến thuận tiện, không phải đi lại.',
	'Hồ sơ trực tuyến bị yêu cầu bổ sung hai lần, mong hướng dẫn một lần cho đủ.',
	'Kết quả trả đúng hẹn, cảm ơn cán bộ.',
	'Mong được nhắn tin khi hồ sơ có kết quả.',
	'Cán bộ tiếp nhận giải thích rõ thành phần hồ sơ.',
	'Thời gian thẩm định còn lâu so với thông báo.',
	'Cổng dịch vụ công hay bị chậm khi tải tệp đính kèm.',
	'Nhận kết quả qua bưu điện chậm hơn ngày hẹn.',
	'Xin liên hệ lại để hướng dẫn gia hạn giấy phép.'
];
