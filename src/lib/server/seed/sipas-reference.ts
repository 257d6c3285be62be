import type { DimensionKey } from '../../sipas/dimensions';

/**
 * The SIPAS reference data of ../shared/SIPAS.md §2–§3, exactly as specified: the seven
 * dimensions, questionnaire version 1, and the Gia Lai Department of Industry and Trade with its
 * units, procedure fields, 2023 baselines and 2024 targets. Used only to seed an empty database;
 * once seeded, all of it is data that administrators edit.
 */

/**
 * Each dimension's name and its 2023 baseline (percent), keyed by the dimensions of
 * sipas/dimensions.ts, which alone say which dimensions exist, in which order and of which kind.
 */
export const DIMENSION_REFERENCE: Readonly<Record<DimensionKey, { name_vi: string; name_en: string; baseline: number }>> = {
	policy_accountability: { name_vi: 'Trách nhiệm giải trình của chính quyền về chính sách', name_en: 'Government accountability about policy', baseline: 83.26 },
	policy_participation: { name_vi: 'Cơ hội tham gia vào quá trình xây dựng, tổ chức thực hiện chính sách', name_en: 'Opportunity to take part in making and carrying out policy', baseline: 82.95 },
	service_access: { name_vi: 'Tiếp cận dịch vụ', name_en: 'Access to services', baseline: 84.19 },
	procedures: { name_vi: 'Thủ tục hành chính', name_en: 'Administrative procedures', baseline: 84.09 },
	civil_servants: { name_vi: 'Công chức tại Bộ phận Một cửa', name_en: 'Civil servants at the one-stop counter', baseline: 84.9 },
	service_results: { name_vi: 'Kết quả dịch vụ', name_en: 'Service results', baseline: 84.2 },
	feedback_handling: { name_vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', name_en: 'Receiving and handling feedback and petitions', baseline: 84.2 }
};

export const BASELINE_YEAR = 2023;
export const TARGET_YEAR = 2024;
/** "+2%" in the plan is read as +2 percentage points. */
export const TARGET_GAIN_POINTS = 2;

export const LEAD_IN = { vi: 'Ông/Bà hài lòng thế nào về…', en: 'How satisfied are you with…' };

export const CRITERIA: ReadonlyArray<{ dimension: DimensionKey; key: string; vi: string; en: string }> = [
	{ dimension: 'policy_accountability', key: 'PA1', vi: 'Thông tin về chính sách liên quan được cơ quan công khai đầy đủ', en: 'Information on relevant policies is fully published' },
	{ dimension: 'policy_accountability', key: 'PA2', vi: 'Thông tin chính sách dễ tìm, dễ hiểu', en: 'Policy information is easy to find and understand' },
	{ dimension: 'policy_accountability', key: 'PA3', vi: 'Cơ quan trả lời, giải thích khi người dân hỏi về chính sách', en: 'The agency answers and explains when asked about a policy' },
	{ dimension: 'policy_participation', key: 'PP1', vi: 'Người dân, tổ chức được biết và được bàn về chính sách trước khi ban hành', en: 'People are informed and consulted before a policy is issued' },
	{ dimension: 'policy_participation', key: 'PP2', vi: 'Có cơ hội góp ý vào dự thảo chính sách', en: 'There is an opportunity to comment on draft policies' },
	{ dimension: 'policy_participation', key: 'PP3', vi: 'Ý kiến góp ý được tiếp thu và phản hồi', en: 'Comments are taken into account and answered' },
	{ dimension: 'service_access', key: 'SA1', vi: 'Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi', en: 'Enough seats in the waiting area' },
	{ dimension: 'service_access', key: 'SA2', vi: 'Trang thiết bị phục vụ đầy đủ', en: 'Equipment for citizens is sufficient' },
	{ dimension: 'service_access', key: 'SA3', vi: 'Trang thiết bị phục vụ hiện đại', en: 'Equipment is modern' },
	{ dimension: 'service_access', key: 'SA4', vi: 'Trang thiết bị phục vụ dễ sử dụng', en: 'Equipment is easy to use' },
	{ dimension: 'procedures', key: 'TT1', vi: 'Thủ tục hành chính được niêm yết công khai đầy đủ', en: 'Procedures are fully posted in public' },
	{ dimension: 'procedures', key: 'TT2', vi: 'Thủ tục hành chính được niêm yết công khai chính xác', en: 'Posted procedures are accurate' },
	{ dimension: 'procedures', key: 'TT3', vi: 'Thành phần hồ sơ phải nộp đúng quy định', en: 'Documents required match the regulation' },
	{ dimension: 'procedures', key: 'TT4', vi: 'Phí, lệ phí phải nộp đúng quy định', en: 'Fees charged match the regulation' },
	{ dimension: 'procedures', key: 'TT5', vi: 'Thời hạn giải quyết đúng quy định', en: 'Processing time matches the regulation' },
	{ dimension: 'civil_servants', key: 'CC1', vi: 'Công chức có thái độ giao tiếp lịch sự', en: 'Officials are polite' },
	{ dimension: 'civil_servants', key: 'CC2', vi: 'Công chức chú ý lắng nghe ý kiến', en: 'Officials listen attentively' },
	{ dimension: 'civil_servants', key: 'CC3', vi: 'Công chức trả lời, giải thích đầy đủ', en: 'Officials answer and explain fully' },
	{ dimension: 'civil_servants', key: 'CC4', vi: 'Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo', en: 'Officials guide the application attentively' },
	{ dimension: 'civil_servants', key: 'CC5', vi: 'Công chức hướng dẫn kê khai hồ sơ dễ hiểu', en: "Officials' guidance is easy to understand" },
	{ dimension: 'civil_servants', key: 'CC6', vi: 'Công chức tuân thủ đúng quy định trong giải quyết công việc', en: 'Officials follow the rules' },
	{ dimension: 'service_results', key: 'KQ1', vi: 'Kết quả nhận được đúng quy định', en: 'The result received complies with the regulation' },
	{ dimension: 'service_results', key: 'KQ2', vi: 'Kết quả có thông tin đầy đủ', en: 'The result has complete information' },
	{ dimension: 'service_results', key: 'KQ3', vi: 'Kết quả có thông tin chính xác', en: 'The result has accurate information' },
	{ dimension: 'feedback_handling', key: 'PK1', vi: 'Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị', en: 'The agency offers ways to give feedback' },
	{ dimension: 'feedback_handling', key: 'PK2', vi: 'Người dân dễ dàng thực hiện góp ý, phản ánh, kiến nghị', en: 'Giving feedback is easy' },
	{ dimension: 'feedback_handling', key: 'PK3', vi: 'Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị', en: 'Feedback is received and handled actively' },
	{ dimension: 'feedback_handling', key: 'PK4', vi: 'Cơ quan thông báo kịp thời kết quả xử lý', en: 'The agency reports the outcome promptly' }
];

export const GIA_LAI_DOIT = {
	code: 'sct-gialai',
	name_vi: 'Sở Công Thương tỉnh Gia Lai',
	name_en: 'Gia Lai Department of Industry and Trade',
	/** Each unit with the code and name of its counter at the one-stop section. */
	units: [
		{ name: 'Văn phòng', counter: { code: 'vp-01', name: 'Quầy Văn phòng' } },
		{ name: 'Thanh tra Sở', counter: { code: 'tt-01', name: 'Quầy Thanh tra Sở' } },
		{ name: 'Phòng Quản lý Thương mại', counter: { code: 'tm-01', name: 'Quầy Quản lý Thương mại' } },
		{ name: 'Phòng Quản lý Công nghiệp', counter: { code: 'cn-01', name: 'Quầy Quản lý Công nghiệp' } },
		{ name: 'Phòng Quản lý Năng lượng', counter: { code: 'nl-01', name: 'Quầy Quản lý Năng lượng' } },
		{ name: 'Phòng Kỹ thuật an toàn – Môi trường', counter: { code: 'atmt-01', name: 'Quầy Kỹ thuật an toàn – Môi trường' } },
		{ name: 'Trung tâm Khuyến công và Xúc tiến thương mại', counter: { code: 'kcxt-01', name: 'Quầy Khuyến công và Xúc tiến thương mại' } }
	],
	procedureFields: ['Thương mại', 'Công nghiệp', 'Năng lượng', 'An toàn – Môi trường', 'Hóa chất', 'Xúc tiến thương mại']
} as const;
