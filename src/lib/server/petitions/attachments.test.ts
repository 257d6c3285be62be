import { describe, expect, it } from 'vitest';
import { cleanFilename, MAX_ATTACHMENT_BYTES, readAttachments, sniffType } from './attachments';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const pdf = new TextEncoder().encode('%PDF-1.7\n');

describe('attachments', () => {
	it('are typed by their first bytes, not their name', () => {
		expect([jpeg, png, pdf].map(sniffType)).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
		expect(sniffType(new TextEncoder().encode('MZ\x90\x00'))).toBeNull();
		expect(sniffType(new TextEncoder().encode('<svg xmlns'))).toBeNull();
		expect(sniffType(new Uint8Array())).toBeNull();
	});
	it('accept up to three files of 5 MiB', async () => {
		const result = await readAttachments([new File([jpeg], 'a.jpg'), new File([png], 'b'), new File([pdf], 'c.pdf'), new File([], '')]);
		expect(result.ok && result.attachments.map((a) => [a.filename, a.contentType])).toEqual([
			['a.jpg', 'image/jpeg'],
			['b.png', 'image/png'],
			['c.pdf', 'application/pdf']
		]);
	});
	it('refuse a fourth file, a file over 5 MiB and a file of another type', async () => {
		const four = [jpeg, png, pdf, jpeg].map((b, i) => new File([b], `${i}.jpg`));
		expect(await readAttachments(four)).toEqual({ ok: false, problem: 'tooMany' });
		const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
		big.set(jpeg);
		expect(await readAttachments([new File([big], 'big.jpg')])).toEqual({ ok: false, problem: 'tooLarge' });
		expect(await readAttachments([new File(['MZ'], 'photo.jpg', { type: 'image/jpeg' })])).toEqual({ ok: false, problem: 'wrongType' });
	});
	it('keep file names harmless', () => {
		expect(cleanFilename('../../"evil"\r\n.pdf', 'application/pdf')).toBe('....evil.pdf');
		expect(cleanFilename('ảnh chụp', 'image/png')).toBe('ảnh chụp.png');
	});
});
