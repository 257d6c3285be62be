/**
 * Headers of a file download: a Content-Disposition whose filename reads right everywhere — an
 * ASCII fallback (Vietnamese letters without their marks, anything else as '-') for old clients,
 * and filename*=UTF-8''… (RFC 6266 / 5987) with the real name for the rest.
 */

/** "Báo cáo tháng 7/2024.pdf" → "Bao-cao-thang-7-2024.pdf" */
export function asciiFilename(name: string): string {
	return (
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/đ/g, 'd')
			.replace(/Đ/g, 'D')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-(?=\.)|-$/g, '') || 'download'
	);
}

/** RFC 5987 value: UTF-8 bytes percent-encoded, also the characters encodeURIComponent leaves. */
function extendedValue(name: string): string {
	return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
	return `${kind}; filename="${asciiFilename(name)}"; filename*=UTF-8''${extendedValue(name)}`;
}

export const CONTENT_TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pdf: 'application/pdf'
} as const;

/** Headers of a private download (never cached by a shared proxy: it is the agency's data). */
export function downloadHeaders(name: string, type: keyof typeof CONTENT_TYPES, kind: 'attachment' | 'inline' = 'attachment'): Record<string, string> {
	return {
		'content-type': CONTENT_TYPES[type],
		'content-disposition': contentDisposition(name, kind),
		'cache-control': 'private, no-store'
	};
}

/** A download: its headers, and the length of a body built in memory (a stream has none). */
export function downloadResponse(name: string, type: keyof typeof CONTENT_TYPES, body: string | Buffer | ReadableStream<Uint8Array>): Response {
	if (Buffer.isBuffer(body)) {
		return new Response(new Uint8Array(body), { headers: { ...downloadHeaders(name, type), 'content-length': String(body.length) } });
	}
	return new Response(body, { headers: downloadHeaders(name, type) });
}
