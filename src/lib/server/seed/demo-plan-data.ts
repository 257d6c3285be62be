import type { PlanMeasure, PlanTaskStatus, TargetDirection } from '../db/schema';
import type { DimensionKey } from '../../sipas/dimensions';

/**
 * The Gia Lai Department of Industry and Trade's 2024 plan (Kế hoạch … /KH-SCT, July 2024; the
 * seed text in shared/seed): section II.1, the thirteen PAR Index criteria, and II.2, the seven
 * SIPAS dimensions, each with its target, the unit in charge (chủ trì), the units that help
 * (phối hợp) and its time frame, as written; the tasks are the plan's "nhiệm vụ, giải pháp",
 * with the due dates and states of a demo follow-up.
 */
const VP = 'Văn phòng';
const TT = 'Thanh tra Sở';
const TM = 'Phòng Quản lý Thương mại';
const CN = 'Phòng Quản lý Công nghiệp';
const NL = 'Phòng Quản lý Năng lượng';
const ATMT = 'Phòng Kỹ thuật an toàn – Môi trường';
const KCXT = 'Trung tâm Khuyến công và Xúc tiến thương mại';
/** "Các phòng, đơn vị thuộc Sở". */
const ALL_UNITS = [TT, TM, CN, NL, ATMT, KCXT];
/** "Các phòng thuộc Sở". */
const ROOMS = [TT, TM, CN, NL, ATMT];
/** "Phòng Quản lý Thương mại, Quản lý Công nghiệp, Quản lý Năng lượng, Kỹ thuật an toàn – Môi trường". */
const FOUR = [TM, CN, NL, ATMT];
const ONGOING = 'Trong năm 2024 và những năm tiếp theo';

export interface DemoPlanTask {
	title: string;
	unit: string;
	due: string;
	status: PlanTaskStatus;
	doneOn?: string;
	note?: string;
}

export interface DemoPlanCriterion {
	code: string;
	title: string;
	target: string;
	targetPercent?: number;
	direction?: TargetDirection;
	measure?: PlanMeasure;
	dimension?: DimensionKey;
	lead: string[];
	support: string[];
	tasks: DemoPlanTask[];
}

export const DEMO_PLAN = {
	year: 2024,
	number: '…/KH-SCT',
	title: 'Kế hoạch thực hiện các giải pháp nhằm góp phần khắc phục, cải thiện và nâng cao Chỉ số cải cách hành chính, Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước tỉnh Gia Lai năm 2024',
	issuedOn: '2024-07-15',
	signer: 'Phạm Văn Binh',
	timeFrame: ONGOING
} as const;

const done = (title: string, unit: string, due: string, doneOn: string, note = ''): DemoPlanTask => ({ title, unit, due, status: 'done', doneOn, note });
const open = (title: string, unit: string, due: string, note = ''): DemoPlanTask => ({ title, unit, due, status: 'open', note });
const working = (title: string, unit: string, due: string, note = ''): DemoPlanTask => ({ title, unit, due, status: 'in_progress', note });

export const DEMO_PLAN_CRITERIA: readonly DemoPlanCriterion[] = [
	{
		code: '1.1', title: 'Thực hiện các nhiệm vụ do Ủy ban nhân dân tỉnh giao', target: 'Hoàn thành 100% nhiệm vụ do Ủy ban nhân dân tỉnh giao.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: ALL_UNITS,
		tasks: [
			done('Theo dõi, đánh giá, đôn đốc việc thực hiện các nhiệm vụ do UBND tỉnh giao; báo cáo lãnh đạo Sở hằng quý', VP, '2024-09-30', '2024-09-27'),
			open('Tổng hợp kết quả thực hiện nhiệm vụ UBND tỉnh giao năm 2024', VP, '2024-12-20')
		]
	},
	{
		code: '1.2', title: 'Công khai tiến độ, kết quả giải quyết thủ tục hành chính (TTHC) trên Hệ thống thông tin giải quyết TTHC',
		target: '100% hồ sơ TTHC được đồng bộ, công khai trên Cổng DVC quốc gia; 100% hồ sơ TTHC do cơ quan hành chính các cấp tiếp nhận, giải quyết được công khai trên Cổng DVC của tỉnh.',
		targetPercent: 100, direction: 'at_least', measure: 'synced', lead: [VP], support: FOUR,
		tasks: [
			done('Cập nhật đầy đủ hồ sơ TTHC tiếp nhận vào Hệ thống một cửa điện tử của tỉnh (Điều 17 Nghị định 61/2018/NĐ-CP)', VP, '2024-08-31', '2024-08-30'),
			working('Theo dõi kết quả đồng bộ hồ sơ lên Cổng DVC quốc gia, phối hợp Sở Thông tin và Truyền thông xử lý hồ sơ chưa đồng bộ', VP, '2024-12-31')
		]
	},
	{
		code: '1.3', title: 'Thực hiện quy định về bổ nhiệm các chức danh lãnh đạo, quản lý',
		target: '100% số lãnh đạo cấp sở và tương đương, lãnh đạo cấp phòng thuộc sở và tương đương được bổ nhiệm đúng quy định.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: ALL_UNITS,
		tasks: [done('Rà soát quy trình, tiêu chuẩn bổ nhiệm theo Luật Cán bộ, công chức', VP, '2024-10-31', '2024-10-25')]
	},
	{
		code: '1.4', title: 'Chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức', target: 'Không có công chức, viên chức bị kỷ luật.',
		lead: [VP], support: ALL_UNITS,
		tasks: [
			done('Rà soát, bổ sung nội quy, quy chế làm việc, quy chế chi tiêu nội bộ, quy chế dân chủ của cơ quan', VP, '2024-09-30', '2024-10-04', 'Hoàn thành chậm 4 ngày do chờ ý kiến Công đoàn.'),
			done('Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính theo Chỉ thị 26/CT-TTg', VP, '2024-11-30', '2024-11-28')
		]
	},
	{
		code: '1.5', title: 'Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức', target: 'Hoàn thành 100% kế hoạch.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: ALL_UNITS,
		tasks: [done('Cử công chức, viên chức tham gia các lớp đào tạo, bồi dưỡng theo kế hoạch của UBND tỉnh', VP, '2024-11-30', '2024-11-15')]
	},
	{
		code: '1.6', title: 'Thực hiện quy định về việc sử dụng kinh phí nguồn ngân sách nhà nước', target: 'Thực hiện đúng quy định, không để xảy ra sai phạm.',
		lead: [VP, KCXT], support: ROOMS,
		tasks: [
			done('Rà soát quy chế chi tiêu nội bộ theo đúng chế độ, định mức chi', VP, '2024-08-31', '2024-08-20'),
			done('Lập dự toán năm 2025 chi tiết theo từng nội dung chi, thuyết minh cơ sở tính toán', KCXT, '2024-10-31', '2024-10-30')
		]
	},
	{
		code: '1.7', title: 'Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách',
		target: 'Thực hiện 100% các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách (nếu có).',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: ALL_UNITS,
		tasks: [done('Báo cáo tình hình thực hiện kiến nghị kiểm toán gửi Sở Tài chính, UBND tỉnh', VP, '2024-12-15', '2024-12-10')]
	},
	{
		code: '1.8', title: 'Tỷ lệ số dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức',
		target: '100% dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: ALL_UNITS,
		tasks: [open('Rà soát, đẩy mạnh sử dụng các dịch vụ dữ liệu trên NDXP cùng Sở Thông tin và Truyền thông', VP, '2024-11-30')]
	},
	{
		code: '1.9', title: 'Triển khai số hóa hồ sơ giải quyết TTHC',
		target: 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết và cấp kết quả giải quyết TTHC điện tử đối với TTHC thuộc thẩm quyền giải quyết đạt tối thiểu 30%.',
		targetPercent: 30, direction: 'at_least', measure: 'digitised', lead: [VP], support: [CN, TM, ATMT, NL],
		tasks: [
			working('Số hóa hồ sơ, kết quả giải quyết TTHC tại các phòng chuyên môn', TM, '2024-12-31'),
			done('Hướng dẫn công chức một cửa quy trình số hóa theo Thông tư 01/2023/TT-VPCP', VP, '2024-08-15', '2024-08-14')
		]
	},
	{
		code: '1.10', title: 'Tỷ lệ dịch vụ công trực tuyến (DVCTT) toàn trình', target: '100% DVCTT được xây dựng toàn trình.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: [CN, TM, ATMT, NL],
		tasks: [done('Rà soát, tái cấu trúc quy trình TTHC đủ điều kiện cung cấp DVCTT toàn trình; gửi văn bản đề xuất', VP, '2024-09-30', '2024-09-30')]
	},
	{
		code: '1.11', title: 'Tỷ lệ hồ sơ trực tuyến toàn trình', target: '100% hồ sơ được giải quyết trực tuyến của DVC trực tuyến toàn trình (không sử dụng bản giấy).',
		targetPercent: 100, direction: 'at_least', measure: 'full_online', lead: [VP], support: [CN, TM, ATMT, NL],
		tasks: [open('Tuyên truyền, hướng dẫn người dân nộp hồ sơ trực tuyến toàn trình (Kế hoạch 1166/KH-UBND)', VP, '2024-10-31')]
	},
	{
		code: '1.12', title: 'Thực hiện thanh toán trực tuyến',
		target: '100% TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến; 100% TTHC đang triển khai thanh toán trực tuyến có phát sinh giao dịch thanh toán trực tuyến và 100% hồ sơ đã giải quyết của các TTHC thuộc phạm vi đánh giá có phát sinh giao dịch thanh toán trực tuyến.',
		targetPercent: 100, direction: 'at_least', measure: 'paid_online', lead: [VP], support: [CN, TM, ATMT, NL],
		tasks: [working('Hướng dẫn, hỗ trợ thanh toán trực tuyến qua Cổng DVC tỉnh và Cổng DVC quốc gia', VP, '2024-12-31')]
	},
	{
		code: '1.13', title: 'Mức độ thực hiện các chỉ tiêu phát triển Kinh tế - Xã hội (KT-XH) do HĐND tỉnh giao', target: '100% chỉ tiêu phát triển KT-XH do HĐND tỉnh giao đạt và vượt.',
		targetPercent: 100, direction: 'at_least', lead: [VP], support: [CN, TM, ATMT, NL],
		tasks: [done('Tham mưu kế hoạch thực hiện các chỉ tiêu phát triển KT-XH năm 2024', VP, '2024-08-31', '2024-08-29')]
	},
	{
		code: '2.1', title: 'Mức độ hài lòng của người dân đối với trách nhiệm giải trình của chính quyền về chính sách',
		target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 83,26%).', dimension: 'policy_accountability', lead: [VP, TT], support: ALL_UNITS.filter((u) => u !== TT),
		tasks: [done('Công khai thông tin chính sách tại trụ sở, Bộ phận Tiếp nhận và Trả kết quả, Trang thông tin điện tử', VP, '2024-09-30', '2024-09-20')]
	},
	{
		code: '2.2', title: 'Mức độ hài lòng của người dân đối với cơ hội tham gia vào quá trình xây dựng, tổ chức thực hiện chính sách',
		target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 82,95%).', dimension: 'policy_participation', lead: [VP], support: ALL_UNITS,
		tasks: [open('Đăng tải chính sách mới kèm Phiếu xin ý kiến trên Trang thông tin điện tử của Sở', VP, '2024-10-31')]
	},
	{
		code: '2.3', title: 'Mức độ hài lòng của người dân đối với tiếp cận dịch vụ',
		target: 'Tăng ít nhất 02% so với năm 2023 (năm 2023 là 84,19%).', dimension: 'service_access', lead: [VP], support: FOUR,
		tasks: [done('Bổ sung biển hiệu, chỗ ngồi và trang thiết bị tại Bộ phận một cửa', VP, '2024-09-30', '2024-09-12')]
	},
	{
		code: '2.4', title: 'Mức độ hài lòng của người dân đối với TTHC', target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 84,09%).',
		dimension: 'procedures', lead: [VP], support: FOUR,
		tasks: [done('Niêm yết công khai TTHC, cập nhật ngay khi có quyết định công bố của Chủ tịch UBND tỉnh', VP, '2024-08-31', '2024-08-31')]
	},
	{
		code: '2.5', title: 'Mức độ hài lòng của người dân đối với công chức tại Bộ phận một cửa',
		target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 84,9%).', dimension: 'civil_servants', lead: [VP], support: FOUR,
		tasks: [done('Phân công lãnh đạo theo dõi Bộ phận Một cửa; kiểm tra thái độ giao tiếp, giờ giấc làm việc', VP, '2024-08-31', '2024-08-26')]
	},
	{
		code: '2.6', title: 'Mức độ hài lòng của người dân đối với kết quả dịch vụ', target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 84,2%).',
		dimension: 'service_results', lead: [VP], support: FOUR,
		tasks: [working('Đánh giá chất lượng giải quyết TTHC theo Quyết định 677/QĐ-UBND; công khai xin lỗi hồ sơ quá hạn', VP, '2024-12-31')]
	},
	{
		code: '2.7', title: 'Chỉ số hài lòng về việc tiếp nhận, xử lý phản ánh kiến nghị liên quan đến thủ tục hành chính',
		target: 'Tăng ít nhất 2% so với năm 2023 (năm 2023 là 84,2%).', dimension: 'feedback_handling', lead: [VP], support: FOUR,
		tasks: [done('Công khai số điện thoại đường dây nóng; phân công công chức tiếp nhận, trả lời phản ánh, kiến nghị', VP, '2024-08-15', '2024-08-09')]
	}
];
