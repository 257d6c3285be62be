import type { Channel } from '../../domain/enums';
import type { RegisterFlags } from '../dossiers/fields';
import { mulberry32 } from './demo';

/**
 * The plan's register flags for the demo dossiers (README "Improvement plan"), from their own
 * seeded stream so that the rest of the demo stays as it was. Deliberately, the one-stop system's
 * export has carried these columns only since FLAGS_FROM (April 2024): the months before read
 * "no data", never 0%. After that the mix improves slowly, as the plan asks:
 * - synchronised to the national portal: about 96% rising to 99.5% (target 100%);
 * - digitised: about 18% rising past the 30% target by the end of 2024, then towards 50%;
 * - full-process online services: the procedures listed below, their dossiers filed online as the
 *   register's channel says (about 80%: the target is 100%);
 * - fees: every licence bears a fee; paid online mostly when filed online, more so as time goes.
 * About 2% of rows leave a flag empty, as real exports do.
 */
export const FLAGS_FROM = '2024-04';

/** Procedures run as full-process online services (DVCTT toàn trình) in the demo. */
const FULL_ONLINE = new Set([
	'2.000633.000.00.00.H21',
	'2.000615.000.00.00.H21',
	'2.000647.000.00.00.H21',
	'2.000664.000.00.00.H21',
	'2.000535.000.00.00.H21',
	'2.000131.000.00.00.H21',
	'2.000033.000.00.00.H21'
]);
/** Procedures without fee or charge (registrations and notifications). */
const NO_FEE = new Set(['2.000131.000.00.00.H21', '2.000033.000.00.00.H21', '2.000001.000.00.00.H21', '2.000191.000.00.00.H21']);

export function demoFlagStream(seed: number): () => number {
	return mulberry32(seed ^ 0x0f1a95ed);
}

const NONE: RegisterFlags = { synced_national: null, digitised: null, full_online_service: null, paid_online: null, fee_required: null };

/** `month` is the local month the dossier was received ('2024-07'). */
export function demoFlags(random: () => number, procedureCode: string, channel: Channel, month: string): RegisterFlags {
	if (month < FLAGS_FROM) return NONE;
	const [year, m] = month.split('-').map(Number) as [number, number];
	// 0 in April 2024, 1 two years later.
	const progress = Math.min(1, Math.max(0, ((year - 2024) * 12 + m - 4) / 24));
	const maybe = (value: boolean) => (random() < 0.02 ? null : value);
	const fee = !NO_FEE.has(procedureCode);
	return {
		synced_national: maybe(random() < 0.96 + 0.035 * progress),
		digitised: maybe(random() < 0.18 + 0.32 * progress),
		full_online_service: maybe(FULL_ONLINE.has(procedureCode)),
		fee_required: maybe(fee),
		paid_online: fee ? maybe(random() < (channel === 'online' ? 0.7 + 0.25 * progress : 0.05)) : null
	};
}
