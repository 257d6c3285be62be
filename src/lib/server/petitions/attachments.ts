/**
 * Photos or a PDF joined to a petition: at most three files of 5 MiB each, their type read from
 * their first bytes (a renamed .exe is not a JPEG, whatever its name or the browser says).
 */
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export type AttachmentType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface Attachment {
	filename: string;
	contentType: AttachmentType;
	data: Uint8Array;
}

export type AttachmentProblem = 'tooMany' | 'tooLarge' | 'wrongType';

/** The type of a file by its magic bytes, or null for any other kind. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
	if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'application/pdf';
	return null;
}

/** A file name safe to store and to send back in Content-Disposition. */
export function cleanFilename(name: string, type: AttachmentType): string {
	const base = name.normalize('NFC').replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim().slice(-120) || 'tep';
	const extension = type === 'image/jpeg' ? '.jpg' : type === 'image/png' ? '.png' : '.pdf';
	return /\.(jpe?g|png|pdf)$/i.test(base) ? base : `${base}${extension}`;
}

/** Reads the files a form sent (empty file inputs are skipped); the first problem wins. */
export async function readAttachments(files: readonly File[]): Promise<{ ok: true; attachments: Attachment[] } | { ok: false; problem: AttachmentProblem }> {
	const chosen = files.filter((f) => f.size > 0 || f.name !== '');
	if (chosen.length > MAX_ATTACHMENTS) return { ok: false, problem: 'tooMany' };
	const attachments: Attachment[] = [];
	for (const file of chosen) {
		if (file.size === 0) return { ok: false, problem: 'wrongType' };
		if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'tooLarge' };
		const data = new Uint8Array(await file.arrayBuffer());
		const contentType = sniffType(data);
		if (!contentType) return { ok: false, problem: 'wrongType' };
		attachments.push({ filename: cleanFilename(file.name, contentType), contentType, data });
	}
	return { ok: true, attachments };
}
