import { describe, expect, it } from 'vitest';
import { asciiFilename, contentDisposition, downloadHeaders } from './download';

describe('file names of downloads', () => {
	it('give an ASCII fallback without Vietnamese marks', () => {
		expect(asciiFilename('Phiếu khảo sát sct-gialai 2024-07.csv')).toBe('Phieu-khao-sat-sct-gialai-2024-07.csv');
		expect(asciiFilename('Báo cáo SIPAS Đắk Lắk 2024-07.pdf')).toBe('Bao-cao-SIPAS-Dak-Lak-2024-07.pdf');
		expect(asciiFilename('Ước tính "x"/y.xlsx')).toBe('Uoc-tinh-x-y.xlsx');
		expect(asciiFilename('ữữ')).toBe('uu');
		expect(asciiFilename('日本')).toBe('download');
	});

	it('carry the real name as filename*=UTF-8 (RFC 5987)', () => {
		const header = contentDisposition('Báo cáo (tháng 7).pdf');
		expect(header).toBe(`attachment; filename="Bao-cao-thang-7.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%28th%C3%A1ng%207%29.pdf`);
		expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('Báo cáo (tháng 7).pdf');
	});

	it('are private and typed', () => {
		const headers = downloadHeaders('a.csv', 'csv');
		expect(headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(headers['cache-control']).toBe('private, no-store');
		expect(downloadHeaders('a.xlsx', 'xlsx')['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	});
});
