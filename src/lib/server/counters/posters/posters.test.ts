import { describe, expect, it } from 'vitest';
import { posterContent } from './content';
import { posterSvg, wrap } from './poster-svg';
import { qrSvg, shortUrl, surveyUrl } from './qr';

describe('survey URL of a counter', () => {
	it('joins the public origin and the code, whatever slashes the origin ends with', () => {
		expect(surveyUrl('https://khaosat.gialai.gov.vn', 'vp-01')).toBe('https://khaosat.gialai.gov.vn/s/vp-01');
		expect(surveyUrl('https://khaosat.gialai.gov.vn//', 'vp-01')).toBe('https://khaosat.gialai.gov.vn/s/vp-01');
	});

	it('prints https addresses without the scheme, and keeps http ones whole', () => {
		expect(shortUrl('https://khaosat.gialai.gov.vn/s/vp-01')).toBe('khaosat.gialai.gov.vn/s/vp-01');
		expect(shortUrl('http://localhost:3000/s/vp-01')).toBe('http://localhost:3000/s/vp-01');
	});
});

describe('poster SVG', () => {
	const content = posterContent({
		agencyName: 'Sở Công Thương tỉnh Gia Lai',
		counterName: 'Quầy Kỹ thuật an toàn – Môi trường & <Hóa chất>',
		unitName: 'Phòng Kỹ thuật an toàn – Môi trường',
		url: 'https://khaosat.gialai.gov.vn/s/atmt-01'
	});

	it('wraps long lines at word boundaries within the sheet', () => {
		const lines = wrap(content.invitation.vi, 6.2);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join(' ')).toBe(content.invitation.vi);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(Math.floor(178 / (6.2 * 0.52)));
	});

	it('holds the names, both invitations, the short URL and the QR code, escaped, on an A4 or A6 sheet', async () => {
		const svg = posterSvg(content, await qrSvg(content.url), 'a4');
		expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="210mm" height="297mm" viewBox="0 0 210 297">/);
		expect(svg).toContain('Sở Công Thương tỉnh Gia Lai');
		expect(svg).toContain('&amp; &lt;Hóa chất&gt;');
		expect(svg).not.toContain('<Hóa chất>');
		expect(svg).toContain('khaosat.gialai.gov.vn/s/atmt-01');
		expect(svg).toContain('Mời Ông/Bà quét mã QR');
		expect(svg).toContain('Scan the QR code');
		expect(svg.match(/<svg /g)).toHaveLength(2); // the sheet and the nested QR code
		expect(posterSvg(content, await qrSvg(content.url), 'a6')).toContain('width="105mm" height="148mm"');
	});

	it('prints a warning in the top margin, above the poster, when one is given', async () => {
		const svg = posterSvg(content, await qrSvg(content.url), 'a4', 'KHÔNG DÙNG ĐƯỢC — mã QR trỏ tới http://localhost:3000 & <x>');
		expect(svg).toContain('fill="#b00020" font-family="Arial, Helvetica, sans-serif">KHÔNG DÙNG ĐƯỢC — mã QR trỏ tới http://localhost:3000 &amp; &lt;x&gt;</text>');
		const warningY = Number(/y="([\d.]+)" font-size="3" font-weight="700"/.exec(svg)![1]);
		const agencyY = Number(/y="([\d.]+)" font-size="7"/.exec(svg)![1]);
		expect(warningY).toBeLessThan(agencyY - 7);
		expect(posterSvg(content, await qrSvg(content.url), 'a4')).not.toContain('#b00020');
	});
});
