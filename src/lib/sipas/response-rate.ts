/**
 * Response rate (SIPAS.md §8): of the invited dossiers whose result was returned in a period, the
 * share that has a response (whenever it was submitted). A rate is null where nothing was invited.
 * Pure arithmetic over counts already grouped by the database.
 */
export const RATE_CHANNELS = ['in_person', 'online', 'postal'] as const;
export type RateChannel = (typeof RATE_CHANNELS)[number];

/** Below this rate a weighted estimate says that its response rate is low (§8). */
export const LOW_RESPONSE_RATE = 0.1;

export interface RateCount {
	invited: number;
	responded: number;
	rate: number | null;
}

export function responseRate(invited: number, responded: number): number | null {
	return invited > 0 ? responded / invited : null;
}

export function rateCount(invited: number, responded: number): RateCount {
	return { invited, responded, rate: responseRate(invited, responded) };
}

/** One group of dossiers: returned in `period` (yyyy-mm), of one channel, field and unit. */
export interface RateCell {
	period: string;
	channel: RateChannel;
	procedureFieldId: number;
	unitId: number;
	invited: number;
	responded: number;
}

export interface PeriodRate extends RateCount {
	period: string;
	by_channel: Record<RateChannel, RateCount>;
}

/** Every month asked for, in order, with zeros (and null rates) where no dossier was returned. */
export function ratesByPeriod(cells: readonly RateCell[], months: readonly string[]): PeriodRate[] {
	return months.map((period) => {
		const own = cells.filter((c) => c.period === period);
		const sum = (of: readonly RateCell[]) => rateCount(of.reduce((n, c) => n + c.invited, 0), of.reduce((n, c) => n + c.responded, 0));
		const by_channel = Object.fromEntries(RATE_CHANNELS.map((channel) => [channel, sum(own.filter((c) => c.channel === channel))])) as Record<RateChannel, RateCount>;
		return { period, ...sum(own), by_channel };
	});
}

/** The whole range split by one key (procedure field or unit): key → counts and rate. */
export function ratesBy(cells: readonly RateCell[], key: 'procedureFieldId' | 'unitId' | 'channel'): Map<string | number, RateCount> {
	const totals = new Map<string | number, { invited: number; responded: number }>();
	for (const cell of cells) {
		const total = totals.get(cell[key]) ?? { invited: 0, responded: 0 };
		total.invited += cell.invited;
		total.responded += cell.responded;
		totals.set(cell[key], total);
	}
	return new Map([...totals].map(([k, t]) => [k, rateCount(t.invited, t.responded)]));
}
