import { describe, expect, it } from 'vitest';
import { makeTranslator } from '../../i18n/index';
import { importEn } from '../../i18n/import.en';
import { importVi } from '../../i18n/import.vi';
import { forPage, reportLines, rowRanges } from './report';
import type { RowError } from './rows';

const t = makeTranslator(importVi);
const error = (row: number, title: string | null = 'PA1'): RowError => ({
	row,
	column: title === null ? null : { letter: 'E', title },
	message: { key: 'import.row.answer', params: { value: '7' } }
});

describe('rowRanges', () => {
	it('writes every row once, runs as ranges', () => {
		expect(rowRanges([7, 2, 3, 4, 4, 10, 12, 11])).toBe('2–4, 7, 10–12');
		expect(rowRanges([5])).toBe('5');
		expect(rowRanges([])).toBe('');
	});
});

describe('forPage', () => {
	it('keeps the first errors for the table and still lists every bad row', () => {
		const errors = Array.from({ length: 1500 }, (_, i) => error(i + 2));
		const page = forPage({ outcome: 'rejected', problems: [], errors, rows: 1500, badRows: 1500 });
		expect(page).toMatchObject({ totalErrors: 1500, badRowList: '2–1501' });
		expect(page.outcome === 'rejected' && page.errors).toHaveLength(1000);
	});

	it('passes a successful report through', () => {
		const report = { outcome: 'imported', rows: 3, imported: 2, alreadyImported: 1, withoutExternalId: 0 } as const;
		expect(forPage(report)).toBe(report);
	});
});

describe('reportLines (the command line report)', () => {
	it('prints every bad row with its column and problem in Vietnamese', () => {
		const lines = reportLines({ outcome: 'rejected', problems: [], errors: [error(3), error(9, null)], rows: 10, badRows: 2 }, t);
		expect(lines).toEqual([
			'Tệp bị từ chối: chưa phiếu nào được nhập.',
			'2 trong 10 dòng có lỗi. Sửa các lỗi dưới đây rồi tải lên lại.',
			'Các dòng có lỗi: 3, 9',
			'',
			'Dòng\tCột\tLỗi',
			'3\tPA1 (E)\t“7” không phải câu trả lời hợp lệ: dùng 1 đến 5, NA (Không áp dụng) hoặc để trống.',
			'9\t(cả dòng)\t“7” không phải câu trả lời hợp lệ: dùng 1 đến 5, NA (Không áp dụng) hoặc để trống.'
		]);
	});

	it('prints counts with Vietnamese digit grouping, and warns about rows without external_id', () => {
		expect(reportLines({ outcome: 'imported', rows: 12000, imported: 11000, alreadyImported: 1000, withoutExternalId: 5 }, t)).toEqual([
			'Đã nhập 11.000 phiếu giấy.',
			'Đã nhập trước đó (bỏ qua): 1.000 phiếu.',
			'5 phiếu không có external_id: nếu tải lên lại tệp này, các phiếu đó sẽ bị nhập thêm lần nữa.'
		]);
	});
});

describe('import messages', () => {
	it('have the same parameters in Vietnamese and English', () => {
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(importVi) as (keyof typeof importVi)[]) expect(params(importEn[key]), key).toEqual(params(importVi[key]));
	});
});
