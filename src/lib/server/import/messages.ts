import type { importVi } from '../../i18n/import.vi';

/** A problem to show, not yet translated: the page translates it, the command prints it in Vietnamese. */
export type ImportMessageKey = keyof typeof importVi;
export interface ImportMessage {
	key: ImportMessageKey;
	params?: Record<string, string | number>;
}

/** A cell's value as quoted back in a message: short enough to read in a table. */
export function quoted(value: string): string {
	const oneLine = value.replace(/\s+/g, ' ').trim();
	return oneLine.length > 40 ? `${oneLine.slice(0, 39)}…` : oneLine;
}
