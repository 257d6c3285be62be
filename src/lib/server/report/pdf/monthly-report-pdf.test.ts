import { describe, expect, it } from 'vitest';
import { pdfPages, pdfText } from '../../../../../tests/helpers/pdf-text';
import { changeBetweenPeriods, DIMENSION_KEYS, type DimensionKey, type EstimateCell, type Status } from '../../../sipas';
import { addMonths, monthsBetween } from '../../../sipas/calendar';
import type { RowKey } from '../../../report/rows';
import { REPORT_ROWS, TREND_KEYS, type MonthlyReport, type PeriodTable, type TrendPoint } from '../monthly-report';
import { A4, MARGIN, monthlyReportPdf } from './monthly-report-pdf';

/**
 * The PDF from a report made by hand (no database): every section of the page is in it, the
 * headline first; nothing runs past the right margin in either language (the status words used
 * to); the month in progress says so; an empty month is one sentence.
 */

const NAMES: Record<DimensionKey, string> = {
	policy_accountability: 'Trách nhiệm giải trình của chính quyền về chính sách',
	policy_participation: 'Cơ hội tham gia vào quá trình xây dựng, tổ chức thực hiện chính sách',
	service_access: 'Tiếp cận dịch vụ',
	procedures: 'Thủ tục hành chính',
	civil_servants: 'Công chức tại Bộ phận Một cửa',
	service_results: 'Kết quả dịch vụ',
	feedback_handling: 'Tiếp nhận, xử lý phản ánh, kiến nghị'
};
// Every status, the longest labels ("Có khả năng đạt", "Clearly below target") included.
const STATUS_OF: Record<RowKey, Status> = {
	overall: 'on_track',
	policy: 'on_track',
	policy_accountability: 'below',
	policy_participation: 'met',
	service: 'on_track',
	service_access: 'clearly_below',
	procedures: 'on_track',
	civil_servants: 'met',
	service_results: 'insufficient',
	feedback_handling: 'on_track'
};

function cell(key: RowKey, n: number, shift = 0): EstimateCell {
	const estimate = 0.8812 + shift - (key === 'service_access' ? 0.08 : 0);
	return {
		n: key === 'service_results' ? 12 : n,
		estimate,
		ci_low: estimate - 0.021,
		ci_high: estimate + 0.019,
		baseline: 0.8397,
		target: 0.8597,
		change_pp: Number(((estimate - 0.8397) * 100).toPrecision(12)),
		status: n === 0 ? 'insufficient' : STATUS_OF[key]
	};
}

function table(n: number, shift = 0): PeriodTable {
	return { n, rows: REPORT_ROWS.map(({ key, kind }) => ({ key, kind, cell: cell(key, n, shift), missing: [] })) };
}

function report(month: string, n: number): MonthlyReport {
	const months = monthsBetween(addMonths(month, -11), month);
	const point = (key: RowKey, i: number): TrendPoint => {
		const c = cell(key, n === 0 ? 0 : 240, (i % 4) / 100 - 0.015);
		return { month: months[i]!, n: n === 0 ? 0 : c.n, estimate: n === 0 ? null : c.estimate, ci_low: n === 0 ? null : c.ci_low, ci_high: n === 0 ? null : c.ci_high, baseline: c.baseline, target: c.target };
	};
	const group = (name: string, points: number) => ({ name, code: null, n: 35, estimate: 0.8132, points });
	return {
		month,
		baselineYear: 2023,
		targetYears: [2024],
		names: NAMES,
		thisMonth: table(n),
		ytd: table(n === 0 ? 0 : 2563, -0.01),
		rolling3: table(n === 0 ? 0 : 703, 0.005),
		trend: { months, series: Object.fromEntries(TREND_KEYS.map((key) => [key, months.map((_, i) => point(key, i))])) as Record<RowKey, TrendPoint[]> },
		pullingDown: {
			units: Object.fromEntries(DIMENSION_KEYS.map((key) => [key, key === 'procedures' ? [] : [group('Phòng Quản lý Năng lượng', 0.74), group('Trung tâm Khuyến công và Xúc tiến thương mại', 0.33)]])) as never,
			counters: Object.fromEntries(DIMENSION_KEYS.map((key) => [key, [group('Quầy Văn phòng', 0.74)]])) as never
		},
		movement: {
			previousMonth: addMonths(month, -1),
			rows: TREND_KEYS.map((key) => {
				const [current, previous] = key === 'civil_servants' ? [0.9009, 0.8583] : [0.8812, 0.8795];
				return { key, current, previous, change: changeBetweenPeriods({ p: current, variance: 0.0001, n: cell(key, n).n }, { p: previous, variance: 0.0001, n: 240 }, 30) };
			})
		}
	};
}

const NOW = new Date('2026-12-03T02:00:00Z');
const render = (r: MonthlyReport, locale: 'vi' | 'en' = 'vi', inProgress = false) =>
	monthlyReportPdf({ report: r, agencyName: 'Sở Công Thương tỉnh Gia Lai', locale, minimumSample: 30, inProgress, now: NOW });
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('monthlyReportPdf', () => {
	it('has every section of the page, the headline first, on a few A4 pages', async () => {
		const pdf = await render(report('2026-11', 238));
		const pages = pdfPages(pdf);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages.length).toBeLessThanOrEqual(4);
		for (const page of pages) expect([page.width, page.height]).toEqual([A4.width, A4.height]);
		const text = flat(pdfText(pdf));
		const order = [
			'Báo cáo chỉ số hài lòng — Tháng 11/2026',
			'Ước tính nội bộ từ khảo sát tại Bộ phận Một cửa — không phải số liệu SIPAS chính thức.',
			'Tóm tắt Tháng 11/2026',
			'Kết quả Tháng 11/2026',
			'So với từ đầu năm và 3 tháng gần nhất',
			'Đơn vị và quầy kéo giảm từng lĩnh vực nhiều nhất',
			'Xu hướng 12 tháng',
			'Cách đọc đánh giá'
		];
		const at = order.map((heading) => text.indexOf(heading));
		expect(at.every((i) => i >= 0), JSON.stringify(order.filter((_, i) => at[i]! < 0))).toBe(true);
		expect(at).toEqual([...at].sort((a, b) => a - b));

		// The headline: overall estimate, interval, n, change against 2023, status and the target
		// carried forward from 2024; the dimensions under target; what moved beyond chance.
		const headline = text.slice(at[2]!, at[3]!);
		expect(headline).toContain('88,12%');
		expect(headline).toContain('Khoảng tin cậy 95%: 86,02%–90,02%');
		expect(headline).toContain('238 phiếu');
		expect(headline).toContain('+4,15 điểm % so với năm 2023');
		expect(headline).toContain('Có khả năng đạt');
		expect(headline).toContain('Mục tiêu 2024 (áp dụng cho 2026): 85,97%');
		expect(headline).toContain('Lĩnh vực dưới mục tiêu');
		expect(headline.indexOf('Tiếp cận dịch vụ')).toBeLessThan(headline.indexOf('Trách nhiệm giải trình của chính quyền về chính sách'));
		expect(headline).toContain('80,12%, mục tiêu 85,97% (−5,85 điểm %)');
		expect(headline).toContain('Thay đổi vượt mức ngẫu nhiên so với Tháng 10/2026');
		expect(headline).toContain('Công chức tại Bộ phận Một cửa ▲ +4,26 điểm % · 85,83% → 90,09%');
		expect(headline).toContain('Các chỉ số và lĩnh vực còn lại thay đổi trong mức ngẫu nhiên.');
		expect(headline).toContain('Chưa đủ phiếu để so sánh: Kết quả dịch vụ.');

		// The month's table names the carried-forward target; the pull-down lists units and counters;
		// every trend has its chart title.
		expect(text).toContain('Mục tiêu 2024 (áp dụng cho 2026)');
		expect(text).toContain('1. Phòng Quản lý Năng lượng 81,32% (n = 35) · tác động −0,74 điểm %');
		expect(text).toContain('1. Quầy Văn phòng');
		expect(text).toContain('Không có nơi nào thấp hơn mức chung.');
		const trends = text.slice(at[6]!);
		for (const name of ['Chỉ số hài lòng chung', ...Object.values(NAMES)]) expect(trends).toContain(name);
		expect(text).not.toContain('Tháng chưa kết thúc');
	});

	it('keeps every word inside the margins, in Vietnamese and in English', async () => {
		for (const locale of ['vi', 'en'] as const) {
			const pages = pdfPages(await render(report('2026-11', 238), locale));
			for (const [p, page] of pages.entries()) {
				for (const run of page.runs) {
					expect(run.x + run.width, `${locale} page ${p + 1}: “${run.text}”`).toBeLessThanOrEqual(A4.width - MARGIN + 0.5);
					expect(run.x, `${locale} page ${p + 1}: “${run.text}”`).toBeGreaterThanOrEqual(MARGIN - 0.5);
				}
			}
		}
	});

	it('says that the month in progress is not over, as the page does', async () => {
		const text = flat(pdfText(await render(report('2026-12', 17), 'vi', true)));
		expect(text).toContain('Tháng chưa kết thúc: số liệu còn thay đổi đến hết ngày 31/12/2026.');
		expect(text.indexOf('Tháng chưa kết thúc')).toBeLessThan(text.indexOf('Tóm tắt Tháng 12/2026'));
		const english = flat(pdfText(await render(report('2026-12', 17), 'en', true)));
		expect(english).toContain('The month is not over: the numbers will change until the end of 31 Dec 2026.');
	});

	it('says in one sentence that an empty month has nothing to report', async () => {
		const pdf = await render(report('2023-06', 0));
		const text = flat(pdfText(pdf));
		expect(text).toContain('Chưa có phiếu nào được tính trong Tháng 6/2023: chưa có số liệu để báo cáo.');
		expect(text).not.toContain('Chưa tính được');
		expect(text).not.toContain('Xu hướng');
		expect(pdfPages(pdf)).toHaveLength(1);
	});

	it('ends with the case figures by month when given (petitions)', async () => {
		const row = (received: number) => ({ received, answered: received - 1, onTime: received - 2, onTimeShare: (received - 2) / (received - 1), medianDays: 4.5, rated: 2, satisfiedShare: 0.5 });
		const petitions = {
			from: '2025-12',
			to: '2026-11',
			months: monthsBetween('2025-12', '2026-11').map((month) => ({ month, ...row(month === '2026-10' ? 12 : month === '2026-11' ? 7 : 0) })),
			categories: [],
			units: [],
			total: row(19)
		};
		const pdf = await monthlyReportPdf({ report: report('2026-11', 238), agencyName: 'Sở Công Thương tỉnh Gia Lai', locale: 'vi', minimumSample: 30, inProgress: false, now: NOW, petitions });
		const text = flat(pdfText(pdf));
		expect(text).toContain('Phản ánh, kiến nghị');
		expect(text).toMatch(/Tháng 10\/2026 12 11 10 \(90,91%\) 4,5 50,00% \(n = 2\)/);
		expect(text).toMatch(/Tổng 19 18 17 \(94,44%\)/);
		expect(text).not.toContain('Tháng 9/2026 0');
	});
});
