/**
 * Test support only: the text of a PDF that pdfkit wrote, page by page, with where each run of
 * text starts and how wide it is — enough to check that a report has every section and that
 * nothing runs past the margin, without a PDF library or poppler on the machine.
 *
 * It reads what pdfkit writes and nothing more general: objects `N 0 obj … endobj`, streams with a
 * direct /Length (FlateDecode or plain), Type0 fonts with Identity-H encoding, a ToUnicode CMap of
 * bfrange arrays and a /W array `[0 [w0 w1 …]]`, and text as `x y Tm`, `/Fn size Tf` and
 * `[<hex> offset <hex> …] TJ`.
 */
import { inflateSync } from 'node:zlib';

export interface TextRun {
	text: string;
	/** From the left edge of the page, in points. */
	x: number;
	/** From the bottom edge of the page, in points (PDF's own orientation). */
	y: number;
	size: number;
	/** The font's name without its subset prefix, e.g. DejaVuSansCondensed-Bold. */
	font: string;
	/** Advance width of the run, in points. */
	width: number;
}

export interface PdfPage {
	width: number;
	height: number;
	runs: TextRun[];
	/** The runs in drawing order, one per line. */
	text: string;
}

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

interface Font {
	name: string;
	toUnicode: Map<number, string>;
	widths: number[];
}

export function pdfPages(pdf: Buffer): PdfPage[] {
	const objects = readObjects(pdf);
	const fonts = new Map<number, Font>();
	const fontOf = (id: number): Font => {
		let font = fonts.get(id);
		if (!font) {
			font = readFont(objects, id);
			fonts.set(id, font);
		}
		return font;
	};
	const root = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
	if (!root) throw new Error('no catalog');
	const pagesId = ref(root.dict, 'Pages');
	const kids = /\/Kids\s*\[([^\]]*)\]/.exec(objects.get(pagesId)!.dict)![1]!;
	return [...kids.matchAll(/(\d+)\s+0\s+R/g)].map((match) => {
		const page = objects.get(Number(match[1]))!;
		const box = /\/MediaBox\s*\[\s*([\d.\s-]+)\]/.exec(page.dict)![1]!.trim().split(/\s+/).map(Number);
		const resources = objects.get(ref(page.dict, 'Resources'))!.dict;
		const fontRefs = new Map(
			[.../\/Font\s*<<([^>]*)>>/.exec(resources)?.[1]?.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g) ?? []].map((m) => [m[1]!, Number(m[2])])
		);
		const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
		const runs = readRuns(content, (name) => fontOf(fontRefs.get(name)!));
		return { width: box[2]! - box[0]!, height: box[3]! - box[1]!, runs, text: runs.map((run) => run.text).join('\n') };
	});
}

/** Every page's text, pages separated by a blank line, whitespace as written. */
export function pdfText(pdf: Buffer): string {
	return pdfPages(pdf)
		.map((page) => page.text)
		.join('\n\n');
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const objects = new Map<number, PdfObject>();
	const header = /(\d+) 0 obj\s*/g;
	let match: RegExpExecArray | null;
	while ((match = header.exec(text))) {
		const id = Number(match[1]);
		const start = header.lastIndex;
		const streamAt = text.indexOf('stream', start);
		const endAt = text.indexOf('endobj', start);
		if (streamAt !== -1 && streamAt < endAt) {
			const dict = text.slice(start, streamAt);
			const length = Number(/\/Length\s+(\d+)/.exec(dict)![1]);
			const dataStart = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
			const raw = pdf.subarray(dataStart, dataStart + length);
			objects.set(id, { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw) });
			header.lastIndex = text.indexOf('endobj', dataStart + length) + 6;
		} else {
			objects.set(id, { dict: text.slice(start, endAt), stream: null });
			header.lastIndex = endAt + 6;
		}
	}
	return objects;
}

function ref(dict: string, key: string): number {
	const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
	if (!match) throw new Error(`no /${key} reference in ${dict.slice(0, 80)}`);
	return Number(match[1]);
}

function readFont(objects: Map<number, PdfObject>, id: number): Font {
	const dict = objects.get(id)!.dict;
	const name = /\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/>]+)/.exec(dict)![1]!;
	const toUnicode = new Map<number, string>();
	const cmap = objects.get(ref(dict, 'ToUnicode'))!.stream!.toString('latin1');
	for (const range of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
		let code = parseInt(range[1]!, 16);
		for (const entry of range[3]!.matchAll(/<([0-9a-f\s]+)>/gi)) {
			const units = entry[1]!.trim().split(/\s+/).map((hex) => parseInt(hex, 16));
			toUnicode.set(code++, String.fromCharCode(...units));
		}
	}
	const descendant = /\/DescendantFonts\s*\[\s*(\d+)\s+0\s+R/.exec(dict)![1]!;
	const w = /\/W\s*\[\s*0\s*\[([^\]]*)\]/.exec(objects.get(Number(descendant))!.dict);
	const widths = w ? w[1]!.trim().split(/\s+/).map(Number) : [];
	return { name, toUnicode, widths };
}

function readRuns(content: string, fontNamed: (name: string) => Font): TextRun[] {
	const runs: TextRun[] = [];
	let x = 0;
	let y = 0;
	let font: Font | null = null;
	let size = 0;
	const tokens = /(-?[\d.]+)\s+(-?[\d.]+)\s+Tm|\/(\w+)\s+(-?[\d.]+)\s+Tf|\[((?:[^\]<]|<[0-9a-f]*>)*)\]\s*TJ/gi;
	for (const match of content.matchAll(tokens)) {
		if (match[1] !== undefined) {
			x = Number(match[1]);
			y = Number(match[2]);
		} else if (match[3] !== undefined) {
			font = fontNamed(match[3]);
			size = Number(match[4]);
		} else if (font) {
			let text = '';
			let advance = 0;
			for (const part of match[5]!.matchAll(/<([0-9a-f]*)>|(-?[\d.]+)/gi)) {
				if (part[1] !== undefined) {
					for (let i = 0; i < part[1].length; i += 4) {
						const code = parseInt(part[1].slice(i, i + 4), 16);
						text += font.toUnicode.get(code) ?? '\ufffd';
						advance += font.widths[code] ?? 0;
					}
				} else {
					advance -= Number(part[2]);
				}
			}
			const width = (advance * size) / 1000;
			runs.push({ text, x, y, size, font: font.name, width });
			// A second TJ without a new Tm continues where this one ended.
			x += width;
		}
	}
	return runs;
}
