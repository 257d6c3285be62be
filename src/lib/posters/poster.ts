import type { AddressProblem } from './reachable';
import type { Locale } from '../i18n';

/**
 * A counter's poster as data: the sizes it prints at and what it says. The server fills it
 * (server/counters/posters/content.ts) and draws the SVG; Poster.svelte draws the printable page.
 * Pure, so the component imports the same shape.
 */

export const POSTER_SIZES = ['a4', 'a6'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export function isPosterSize(value: string | null): value is PosterSize {
	return (POSTER_SIZES as readonly (string | null)[]).includes(value);
}

/** A sentence of the poster in each language: a poster is bilingual whoever prints it. */
export type PosterText = Record<Locale, string>;

export interface PosterContent {
	agencyName: string;
	counterName: string;
	unitName: string;
	title: PosterText;
	invitation: PosterText;
	cannotScan: PosterText;
	url: string;
	shortUrl: string;
}

/** Where a poster's QR code points, and why no phone may be able to open it. */
export interface PosterAddress {
	origin: string;
	problem: AddressProblem | null;
	/** Whether PUBLIC_ORIGIN is set, or the origin is only the one the site was opened at. */
	configured: boolean;
	/** With a problem: the line printed in each sheet's margin, outside the poster itself. */
	printedWarning?: string;
}
