import type { Kysely } from 'kysely';
import { audit } from '../audit/audit';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { FORM_LANGUAGES, type FormLanguage } from '../db/kiosk-schema';
import { done, notFound, refused, type Outcome } from '../http/outcome';
import { loadVersionSource, vietnameseTexts } from './translations';

/**
 * Recorded read-aloud clips: one per survey version, key (as translations: "lead_in",
 * "crit.PA1", "ui.scale"…) and language, the way to read a statement aloud in a language no
 * speech engine speaks. Kept in the database (bytea). The type is read from the file's first bytes,
 * never from its name or the browser's claim.
 */
export type AudioMime = 'audio/mpeg' | 'audio/ogg' | 'audio/wav' | 'audio/mp4';

/** MP3 (ID3 tag or an MPEG audio frame), OGG, WAV (RIFF…WAVE) or M4A (ISO box "ftyp"); else undefined. */
export function audioTypeOf(bytes: Uint8Array): AudioMime | undefined {
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (bytes.length < 12) return undefined;
	if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0)) return 'audio/mpeg';
	if (ascii(0, 4) === 'OggS') return 'audio/ogg';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
	if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
	return undefined;
}

export function isFormLanguage(value: unknown): value is FormLanguage {
	return (FORM_LANGUAGES as readonly unknown[]).includes(value);
}

export async function uploadClip(
	db: Kysely<Database>,
	actor: Principal,
	agencyId: number,
	input: { versionId: number; language: unknown; key: unknown; bytes: Uint8Array },
	maxBytes: number
): Promise<Outcome> {
	if (!isFormLanguage(input.language)) return refused('language', 'admin.error.choose');
	const version = await loadVersionSource(db, agencyId, input.versionId);
	if (!version) return notFound;
	if (typeof input.key !== 'string' || !vietnameseTexts(version).has(input.key)) return refused('key', 'admin.error.choose');
	if (input.bytes.length === 0) return refused('file', 'kiosk.audio.empty');
	if (input.bytes.length > maxBytes) return refused('file', 'kiosk.audio.tooLarge', { max: Math.round(maxBytes / 1024) });
	const mime = audioTypeOf(input.bytes);
	if (!mime) return refused('file', 'kiosk.audio.type');
	const { language, key, versionId } = input;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('audio_clips')
			.values({ survey_version_id: versionId, language, key, mime, data: input.bytes })
			.onConflict((oc) => oc.columns(['survey_version_id', 'language', 'key']).doUpdateSet((eb) => ({ mime: eb.ref('excluded.mime'), data: eb.ref('excluded.data'), created_at: new Date() as never })))
			.execute();
		await audit(trx, actor, { agencyId, action: 'audio_clip.upload', entity: 'survey_version', entityId: versionId, after: { language, key, mime, bytes: input.bytes.length } });
	});
	return done();
}

export async function deleteClip(db: Kysely<Database>, actor: Principal, agencyId: number, versionId: number, language: string, key: string): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const owned = await trx.selectFrom('survey_versions').select('id').where('id', '=', versionId).where('agency_id', '=', agencyId).executeTakeFirst();
		if (!owned) return notFound;
		const gone = await trx.deleteFrom('audio_clips').where('survey_version_id', '=', versionId).where('language', '=', language as FormLanguage).where('key', '=', key).executeTakeFirst();
		if (gone.numDeletedRows > 0n) await audit(trx, actor, { agencyId, action: 'audio_clip.delete', entity: 'survey_version', entityId: versionId, before: { language, key } });
		return done();
	});
}

/** The keys that have a clip, by language. */
export async function clipKeys(db: Kysely<Database>, versionId: number): Promise<Record<string, string[]>> {
	const rows = await db.selectFrom('audio_clips').select(['language', 'key']).where('survey_version_id', '=', versionId).orderBy('key').execute();
	const out: Record<string, string[]> = {};
	for (const r of rows) (out[r.language] ??= []).push(r.key);
	return out;
}

/** One clip of the active version of the counter's agency, for the kiosk and the phone survey. */
export async function clipOfCounter(db: Kysely<Database>, counterCode: string, language: string, key: string): Promise<{ mime: string; data: Uint8Array } | undefined> {
	if (!isFormLanguage(language) || key.length > 60) return undefined;
	return db
		.selectFrom('audio_clips')
		.innerJoin('survey_versions', 'survey_versions.id', 'audio_clips.survey_version_id')
		.innerJoin('counters', 'counters.agency_id', 'survey_versions.agency_id')
		.select(['audio_clips.mime', 'audio_clips.data'])
		.where('counters.code', '=', counterCode)
		.where('counters.active', '=', true)
		.where('survey_versions.active', '=', true)
		.where('audio_clips.language', '=', language)
		.where('audio_clips.key', '=', key)
		.executeTakeFirst();
}
