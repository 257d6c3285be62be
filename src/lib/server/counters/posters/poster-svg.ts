import type { PosterContent, PosterSize } from '../../../posters/poster';
import { PAPER } from './content';

/**
 * The whole poster as one SVG file, for a print shop or a document: the same texts and QR code as
 * the printable page, laid out on a 210 × 297 user-unit sheet (millimetres of A4; the A6 file is
 * the same drawing at half size). SVG does not wrap text, so lines are broken here by an estimate
 * of the width of a sans-serif letter.
 */
const WIDTH = 210;
const MARGIN = 16;
const BRAND = '#a4161a';

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Greedy word wrap for a font size, with an average letter about 0.52 of the size wide. */
export function wrap(text: string, fontSize: number, width = WIDTH - 2 * MARGIN): string[] {
	const perLine = Math.max(8, Math.floor(width / (fontSize * 0.52)));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > perLine) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** `warning`: a line for the sheet's top margin, above the poster (a QR code no phone can open). */
export function posterSvg(content: PosterContent, qrSvg: string, size: PosterSize, warning?: string): string {
	const parts: string[] = [];
	if (warning) {
		wrap(warning, 3).forEach((line, i) =>
			parts.push(
				`<text x="${WIDTH / 2}" y="${(5 + i * 3.6).toFixed(1)}" font-size="3" font-weight="700" text-anchor="middle" fill="#b00020"` +
					` font-family="Arial, Helvetica, sans-serif">${escape(line)}</text>`
			)
		);
	}
	let y = MARGIN;
	const text = (value: string, fontSize: number, options: { weight?: number; fill?: string; italic?: boolean; family?: string; gap?: number } = {}) => {
		for (const line of wrap(value, fontSize)) {
			y += fontSize;
			parts.push(
				`<text x="${WIDTH / 2}" y="${y.toFixed(1)}" font-size="${fontSize}" text-anchor="middle"` +
					`${options.weight ? ` font-weight="${options.weight}"` : ''}${options.italic ? ' font-style="italic"' : ''}` +
					` fill="${options.fill ?? '#1b1b1f'}" font-family="${options.family ?? 'Arial, Helvetica, sans-serif'}">${escape(line)}</text>`
			);
			y += fontSize * 0.25;
		}
		y += options.gap ?? 0;
	};

	text(content.agencyName, 7, { weight: 700, gap: 2 });
	parts.push(`<rect x="${MARGIN}" y="${y.toFixed(1)}" width="${WIDTH - 2 * MARGIN}" height="1.2" fill="${BRAND}"/>`);
	y += 4;
	text(content.title.vi, 12, { weight: 700, fill: BRAND });
	text(content.title.en, 6, { italic: true, fill: '#4a4a55', gap: 3 });
	text(content.counterName, 9, { weight: 700 });
	text(content.unitName, 5, { fill: '#4a4a55', gap: 2 });

	const qrSize = 118;
	const qr = qrSvg.trim().replace('<svg ', `<svg x="${(WIDTH - qrSize) / 2}" y="${y.toFixed(1)}" width="${qrSize}" height="${qrSize}" `);
	parts.push(qr);
	y += qrSize + 4;

	text(content.invitation.vi, 6.2, { weight: 700 });
	text(content.invitation.en, 5, { italic: true, fill: '#4a4a55', gap: 3 });
	text(`${content.cannotScan.vi} / ${content.cannotScan.en}`, 4.2, { fill: '#4a4a55' });
	// One line, never broken: a long address gets a smaller type (a monospace letter is 0.6 wide).
	const urlSize = Math.min(7, (WIDTH - 2 * MARGIN) / (content.shortUrl.length * 0.62));
	text(content.shortUrl, Number(urlSize.toFixed(2)), { weight: 700, family: "'DejaVu Sans Mono', Consolas, monospace" });

	const { width, height } = PAPER[size];
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 210 297">` +
		`<title>${escape(`${content.agencyName} — ${content.counterName}`)}</title>` +
		`<rect width="210" height="297" fill="#ffffff"/>${parts.join('')}</svg>\n`
	);
}
