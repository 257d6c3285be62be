import type { Status } from '$lib/sipas';

/**
 * How a status looks, so it reads without colour: a word (STATUS_LABELS), a colour, and a shape
 * of its own — the same on the page, in print and in the PDF.
 *   met            filled circle with a tick
 *   on_track       upward triangle
 *   below          downward triangle, outlined
 *   clearly_below  square with a cross
 *   insufficient   dashed empty circle
 */
export type StatusShape = 'tick' | 'up' | 'down' | 'cross' | 'empty';

export interface StatusLook {
	shape: StatusShape;
	/** Text and icon colour: at least 4.5:1 on `background` and on white. */
	ink: string;
	background: string;
}

export const STATUS_LOOK: Readonly<Record<Status, StatusLook>> = {
	met: { shape: 'tick', ink: '#1b5e20', background: '#e8f5e9' },
	on_track: { shape: 'up', ink: '#0b4ea2', background: '#e3eefb' },
	below: { shape: 'down', ink: '#8a4500', background: '#fff1dc' },
	clearly_below: { shape: 'cross', ink: '#b00020', background: '#fdecee' },
	insufficient: { shape: 'empty', ink: '#4a4a55', background: '#eceae4' }
};
