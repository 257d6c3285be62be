import QRCode from 'qrcode';

/**
 * The QR code of a counter's survey. Error correction M survives a scratched or slightly curled
 * print; the 2-module quiet zone is inside the image so no layout can crowd it out.
 */
export function surveyUrl(origin: string, counterCode: string): string {
	return `${origin.replace(/\/+$/, '')}/s/${encodeURIComponent(counterCode)}`;
}

/** The URL to print for people who cannot scan: without "https://", which every browser adds. */
export function shortUrl(url: string): string {
	return url.startsWith('https://') ? url.slice('https://'.length) : url;
}

/** A standalone SVG (viewBox in modules, no width or height: it fills its box). */
export function qrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** A 1024-pixel PNG, for documents and sign makers who cannot use SVG. */
export function qrPng(url: string): Promise<Buffer> {
	return QRCode.toBuffer(url, { type: 'png', width: 1024, errorCorrectionLevel: 'M', margin: 2 });
}
