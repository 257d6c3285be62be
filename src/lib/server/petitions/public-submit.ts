import { sql, type Kysely } from 'kysely';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { fieldErrorsOf } from '../http/zod-errors';
import { isUniqueViolation } from '../http/outcome';
import { deviceHash, hourOf, networkHash } from '../survey/flood';
import { readAttachments, type AttachmentProblem } from './attachments';
import { createPetition } from './create-petition';
import { publicPetitionForm } from './schema';
import type { FieldErrors } from '$lib/i18n';
import { isPetitionPublicKey, type PetitionPublicKey } from '$lib/i18n/petitions-public';

/**
 * The public form /y/{agency}: no sign-in, the same flood limits as the survey (per keyed device
 * hash and per network, FLOOD_* settings; above the block limits 429 and nothing stored, above the
 * flag limits stored and marked for staff), files typed by content. A form sent twice (same
 * submission id) stores one case; the second answer says so without the secret, which is never kept.
 */
export type PublicSubmitResult =
	| { kind: 'stored'; code: string; secret: string }
	| { kind: 'duplicate'; code: string }
	| { kind: 'invalid'; errors: FieldErrors<PetitionPublicKey> }
	| { kind: 'too_many' }
	| { kind: 'not_found' };

type FloodLimits = Pick<Config, 'FLOOD_FLAG_PER_HOUR' | 'FLOOD_BLOCK_PER_HOUR' | 'FLOOD_NETWORK_FLAG_PER_HOUR' | 'FLOOD_NETWORK_BLOCK_PER_HOUR'>;

export async function submitPublicPetition(
	db: Kysely<Database>,
	config: FloodLimits,
	agencyCode: string,
	form: FormData,
	client: { address: string; userAgent: string },
	settings: { origin: string; now?: Date }
): Promise<PublicSubmitResult> {
	const now = settings.now ?? new Date();
	const agency = await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirst();
	if (!agency) return { kind: 'not_found' };
	const values: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string' && !(key in values)) values[key] = value;
	const parsed = publicPetitionForm.safeParse(values);
	const errors: FieldErrors<PetitionPublicKey> = parsed.success ? {} : fieldErrorsOf(parsed.error.issues, { isKey: isPetitionPublicKey, fallback: 'petitions.error.invalid' });
	const files = await readAttachments(form.getAll('files').filter((f): f is File => typeof f !== 'string'));
	if (!files.ok) errors.files = { key: FILE_MESSAGE[files.problem] };
	if (!parsed.success || !files.ok) return { kind: 'invalid', errors };

	const existing = await db.selectFrom('petitions').select('code').where('submission_id', '=', parsed.data.submission_id).executeTakeFirst();
	if (existing) return { kind: 'duplicate', code: existing.code };

	const hashes = [await deviceHash(db, client.address, client.userAgent, now), await networkHash(db, client.address, now)];
	return db.transaction().execute(async (trx): Promise<PublicSubmitResult> => {
		const counts: number[] = [];
		for (const hash of hashes) {
			const row = await trx
				.insertInto('petition_submission_counts')
				.values({ agency_id: agency.id, device_hash: hash, hour: hourOf(now), submissions: 1 })
				.onConflict((oc) => oc.columns(['agency_id', 'device_hash', 'hour']).doUpdateSet({ submissions: sql`petition_submission_counts.submissions + 1` }))
				.returning('submissions')
				.executeTakeFirstOrThrow();
			counts.push(row.submissions);
		}
		const [device, network] = counts as [number, number];
		// Refused: nothing of the petition is stored, but the count is (the transaction commits).
		if (device > config.FLOOD_BLOCK_PER_HOUR || network > config.FLOOD_NETWORK_BLOCK_PER_HOUR) return { kind: 'too_many' };
		const v = parsed.data;
		const created = await createPetition(
			trx,
			{ kind: 'system', label: 'citizen' },
			{
				agencyId: agency.id,
				category: v.category,
				source: 'public_form',
				body: v.body,
				contactName: v.contact_name,
				phone: v.phone,
				email: v.email,
				submissionId: v.submission_id,
				flaggedFlood: device > config.FLOOD_FLAG_PER_HOUR || network > config.FLOOD_NETWORK_FLAG_PER_HOUR,
				attachments: files.attachments
			},
			{ origin: settings.origin, now }
		);
		return { kind: 'stored', code: created.code, secret: created.secret };
	}).then(
		async (result) => {
			// Hourly counts are needed for two hours at most.
			await db.deleteFrom('petition_submission_counts').where('hour', '<', sql<Date>`${now}::timestamptz - interval '2 hours'`).execute();
			return result;
		},
		async (error) => {
			// The same form sent twice at once: the unique submission id let one through.
			if (!isUniqueViolation(error)) throw error;
			const stored = await db.selectFrom('petitions').select('code').where('submission_id', '=', parsed.data.submission_id).executeTakeFirstOrThrow();
			return { kind: 'duplicate', code: stored.code } as const;
		}
	);
}

const FILE_MESSAGE: Record<AttachmentProblem, PetitionPublicKey> = {
	tooMany: 'petitions.error.filesTooMany',
	tooLarge: 'petitions.error.fileTooLarge',
	wrongType: 'petitions.error.fileType'
};
