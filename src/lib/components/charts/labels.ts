/**
 * Axis labels that fit: a criterion is named by its key and its statement ("CC1 — Công chức có
 * thái độ giao tiếp lịch sự"), broken at spaces into a few short lines, the last cut with "…" when
 * the statement is longer (the tooltip and the table beside the chart carry it whole).
 */

/** The name of a criterion on a chart: key, dash, statement. */
export function criterionLabel(key: string, text: string): string {
	return text && text !== key ? `${key} — ${text}` : key;
}

/** At most `maxLines` lines of at most `width` characters, broken at spaces; a word longer than a line is cut. */
export function wrapLabel(text: string, width: number, maxLines: number): string[] {
	const words = text.trim().split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	let rest = 0;
	for (; rest < words.length; rest++) {
		const word = words[rest]!;
		const next = line ? `${line} ${word}` : word;
		if (next.length <= width) {
			line = next;
			continue;
		}
		if (line) lines.push(line);
		if (lines.length === maxLines) break;
		line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
	}
	if (rest === words.length && line && lines.length < maxLines) lines.push(line);
	if (rest < words.length || lines.length === 0) {
		// Text is left over: end the last line with an ellipsis, within the width.
		const last = lines.pop() ?? '';
		const room = width - 1;
		lines.push(`${last.length > room ? last.slice(0, room).trimEnd() : last}…`);
	}
	return lines;
}

/** How many characters a label line may take on a chart this many CSS pixels wide. */
export function labelWidthFor(chartWidth: number): number {
	return chartWidth < 480 ? 20 : chartWidth < 800 ? 32 : chartWidth < 1000 ? 46 : 60;
}
