import { sql, type Kysely } from 'kysely';
import { DIMENSION_KEYS } from '../../sipas/dimensions';
import { addDays, localDayKey, localWallClock } from '../../sipas/calendar';
import { formatPercent } from '../../sipas/format';
import type { Config } from '../config-schema';
import type { Database } from '../db/schema';
import { estimatePeriod, loadJudging } from '../estimates';
import { enqueueMessages } from '../outbox/enqueue';
import { raiseAlert, raisedSince, ruleEnabled } from './alerts';
import { loadCalendar } from './calendar';
import { CATEGORY_VI, dueText } from './messages';
import { workingDaysBetween } from './working-days';

/**
 * The alert worker each app process starts beside the outbox worker (hooks.server.ts). A round
 * runs in one transaction that first takes a transaction-scoped advisory lock, so with several
 * processes one round runs at a time and the others skip; every alert also has a unique key, so a
 * round repeated after a crash raises nothing twice. Messages go through the outbox (retries,
 * quiet hours, never lost). A round:
 *  1. reads responses stored since the last round (alert_marks 'responses'): one with "Rất không
 *     hài lòng" on a civil-servants statement alerts the unit's leader (the first round only sets
 *     the mark, so installing this raises nothing about the past);
 *  2. once a day per case, alerts the assignee and the unit's leader of open cases due within two
 *     working days or overdue;
 *  3. at most hourly per agency, estimates each dimension over the rolling 30 days with the
 *     estimates engine (SIPAS.md §4) and alerts the agency's leaders of one whose interval lies
 *     wholly under its target ("clearly_below"), at most once a week per dimension;
 *  4. from 07:00 (Asia/Ho_Chi_Minh), sends each digest recipient one message with the day's alerts;
 *  5. deletes the contact of cases ended more than CONTACT_RETENTION_DAYS ago.
 */
const LOCK_KEY = 0x48_4c_41_4c; // "HLAL"
const RESPONSE_MARK = 'responses';
const DIGEST_FROM_HOUR = 7;
const NEAR_DEADLINE_WORKING_DAYS = 2;

export interface AlertRoundSettings {
	minimumSample: number;
	retentionDays: number;
	now?: Date;
}

export interface AlertRound {
	ran: boolean;
	raised: number;
	digests: number;
}

export async function runAlertRound(db: Kysely<Database>, settings: AlertRoundSettings): Promise<AlertRound> {
	const now = settings.now ?? new Date();
	return db.transaction().execute(async (trx) => {
		const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`.execute(trx);
		if (!rows[0]?.locked) return { ran: false, raised: 0, digests: 0 };
		let raised = await scanResponses(trx, now);
		raised += await deadlineAlerts(trx, now);
		raised += await dimensionAlerts(trx, now, settings.minimumSample);
		const digests = await sendDigests(trx, now);
		await forgetEndedContacts(trx, settings.retentionDays, now);
		return { ran: true, raised, digests };
	});
}

async function scanResponses(trx: Kysely<Database>, now: Date): Promise<number> {
	const mark = await trx.selectFrom('alert_marks').select('value').where('name', '=', RESPONSE_MARK).executeTakeFirst();
	if (!mark) {
		const latest = await trx.selectFrom('responses').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
		await trx.insertInto('alert_marks').values({ name: RESPONSE_MARK, value: Number(latest?.id ?? 0) }).execute();
		return 0;
	}
	const fresh = await trx.selectFrom('responses').select('id').where('id', '>', mark.value).orderBy('id').limit(1000).execute();
	if (fresh.length === 0) return 0;
	const last = Number(fresh.at(-1)!.id);
	const rows = await trx
		.selectFrom('responses')
		.innerJoin('answers', 'answers.response_id', 'responses.id')
		.innerJoin('criteria', 'criteria.id', 'answers.criterion_id')
		.innerJoin('counters', 'counters.id', 'responses.counter_id')
		.innerJoin('agencies', 'agencies.id', 'responses.agency_id')
		.leftJoin('dossiers', 'dossiers.id', 'responses.dossier_id')
		.select([
			'responses.id',
			'responses.agency_id as agencyId',
			'responses.submitted_at as submittedAt',
			'responses.comment',
			'counters.name as counterName',
			'counters.unit_id as counterUnit',
			'dossiers.unit_id as dossierUnit',
			'agencies.name_vi as agencyName',
			'criteria.text_vi as statement'
		])
		.where('responses.id', '>', mark.value)
		.where('responses.id', '<=', last)
		.where('responses.flagged_misuse', '=', false)
		.where('responses.flagged_spam', '=', false)
		.where('criteria.dimension_key', '=', 'civil_servants')
		.where('answers.value', '=', 1)
		.orderBy('responses.id')
		.execute();
	let raised = 0;
	const byResponse = groupBy(rows, (r) => r.id);
	for (const [id, statements] of byResponse) {
		const r = statements[0]!;
		const local = localWallClock(new Date(r.submittedAt));
		const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')} ${localDayKey(new Date(r.submittedAt)).split('-').reverse().join('/')}`;
		const text = `${r.agencyName}: một phiếu khảo sát tại ${r.counterName} (${time}) chọn “Rất không hài lòng” về cán bộ, công chức: ${statements.map((s) => `“${s.statement}”`).join('; ')}.${r.comment ? ` Góp ý: ${r.comment.slice(0, 300)}` : ''}`;
		raised += await raiseAlert(
			trx,
			{ agencyId: r.agencyId, rule: 'very_dissatisfied', key: `very_dissatisfied:${id}`, subject: `Phiếu “Rất không hài lòng” tại ${r.counterName}`, text, targets: { unitId: r.dossierUnit ?? r.counterUnit } },
			now
		);
	}
	await trx.updateTable('alert_marks').set({ value: last }).where('name', '=', RESPONSE_MARK).execute();
	return raised;
}

async function deadlineAlerts(trx: Kysely<Database>, now: Date): Promise<number> {
	const today = localDayKey(now);
	const open = await trx
		.selectFrom('petitions')
		.innerJoin('agencies', 'agencies.id', 'petitions.agency_id')
		.select(['petitions.id', 'petitions.code', 'petitions.agency_id as agencyId', 'petitions.category', 'petitions.due_on as dueOn', 'petitions.unit_id as unitId', 'petitions.official_id as officialId', 'agencies.name_vi as agencyName'])
		.where('petitions.state', 'in', ['received', 'assigned'])
		// Two working days ahead are at most two weeks ahead, whatever the holidays.
		.where('petitions.due_on', '<=', addDays(today, 14))
		.orderBy('petitions.id')
		.execute();
	let raised = 0;
	const calendars = new Map<number, Awaited<ReturnType<typeof loadCalendar>>>();
	for (const p of open) {
		if (!calendars.has(p.agencyId)) calendars.set(p.agencyId, await loadCalendar(trx, p.agencyId));
		const overdue = p.dueOn < today;
		if (!overdue && workingDaysBetween(today, p.dueOn, calendars.get(p.agencyId)!) > NEAR_DEADLINE_WORKING_DAYS) continue;
		const text = overdue
			? `${p.agencyName}: phản ánh ${p.code} (${CATEGORY_VI[p.category]}) đã quá hạn trả lời (hạn ${dueText(p.dueOn)}).`
			: `${p.agencyName}: phản ánh ${p.code} (${CATEGORY_VI[p.category]}) sắp đến hạn trả lời: ${dueText(p.dueOn)}.`;
		raised += await raiseAlert(
			trx,
			{ agencyId: p.agencyId, rule: 'deadline', key: `deadline:${p.id}:${today}`, subject: `${overdue ? 'Quá hạn' : 'Sắp đến hạn'}: phản ánh ${p.code}`, text, targets: { unitId: p.unitId, officialId: p.officialId } },
			now
		);
	}
	return raised;
}

async function dimensionAlerts(trx: Kysely<Database>, now: Date, minimumSample: number): Promise<number> {
	const hour = Math.floor(now.getTime() / 3600_000);
	const today = localDayKey(now);
	const agencies = await trx
		.selectFrom('agencies')
		.select(['agencies.id', 'agencies.name_vi as name'])
		.where((eb) => eb.exists(eb.selectFrom('alert_recipients').select('id').whereRef('alert_recipients.agency_id', '=', 'agencies.id').where('role', '=', 'agency_leader').where('active', '=', true)))
		.execute();
	let raised = 0;
	for (const agency of agencies) {
		const markName = `dimensions:${agency.id}`;
		const mark = await trx.selectFrom('alert_marks').select('value').where('name', '=', markName).executeTakeFirst();
		if (mark && mark.value >= hour) continue;
		await trx.insertInto('alert_marks').values({ name: markName, value: hour }).onConflict((oc) => oc.column('name').doUpdateSet({ value: hour })).execute();
		if (!(await ruleEnabled(trx, agency.id, 'dimension_below'))) continue;
		const judging = await loadJudging(trx, agency.id, { minimumSample });
		const estimate = await estimatePeriod(trx, { agencyId: agency.id }, { kind: 'range', from: addDays(today, -29), to: today }, judging);
		const names = await trx.selectFrom('dimensions').select(['key', 'name_vi']).execute();
		for (const key of DIMENSION_KEYS) {
			const cell = estimate.dimensions[key];
			if (cell.status !== 'clearly_below') continue;
			const prefix = `dimension_below:${agency.id}:${key}:`;
			if (await raisedSince(trx, prefix, new Date(now.getTime() - 7 * 86_400_000))) continue;
			const name = names.find((n) => n.key === key)?.name_vi ?? key;
			const text = `${agency.name}: chỉ số “${name}” 30 ngày gần nhất (đến ${today.split('-').reverse().join('/')}) là ${formatPercent(cell.estimate)} (khoảng tin cậy ${formatPercent(cell.ci_low)}–${formatPercent(cell.ci_high)}, ${cell.n} phiếu), thấp rõ rệt so với mục tiêu ${formatPercent(cell.target)}.`;
			raised += await raiseAlert(trx, { agencyId: agency.id, rule: 'dimension_below', key: `${prefix}${today}`, subject: `Chỉ số “${name}” thấp hơn mục tiêu`, text, targets: { agencyLeaders: true } }, now);
		}
	}
	return raised;
}

async function sendDigests(trx: Kysely<Database>, now: Date): Promise<number> {
	if (localWallClock(now).getUTCHours() < DIGEST_FROM_HOUR) return 0;
	const today = localDayKey(now);
	const waiting = await trx
		.selectFrom('alerts')
		.innerJoin('alert_recipients', 'alert_recipients.id', 'alerts.recipient_id')
		.select(['alerts.id', 'alerts.agency_id as agencyId', 'alerts.recipient_id as recipientId', 'alerts.text', 'alert_recipients.channel', 'alert_recipients.address', 'alert_recipients.active'])
		.where('alerts.queued_at', 'is', null)
		.orderBy('alerts.id')
		.execute();
	let sent = 0;
	for (const [recipientId, alerts] of groupBy(waiting, (a) => a.recipientId)) {
		const first = alerts[0]!;
		const ids = alerts.map((a) => a.id);
		if (first.active) {
			const body = `Tổng hợp cảnh báo ngày ${today.split('-').reverse().join('/')} (${alerts.length}):\n\n${alerts.map((a, i) => `${i + 1}. ${a.text}`).join('\n\n')}`;
			const queued = await enqueueMessages(
				trx,
				[{ agencyId: first.agencyId, topic: 'alert.digest', channel: first.channel, idempotencyKey: `alert.digest:${recipientId}:${today}`, recipient: first.address, subject: `Tổng hợp cảnh báo (${alerts.length})`, body }],
				now
			);
			// Today's digest already went out: these wait for tomorrow's.
			if (queued === 0) continue;
			sent++;
		}
		await trx.updateTable('alerts').set({ queued_at: now }).where('id', 'in', ids).execute();
	}
	return sent;
}

async function forgetEndedContacts(trx: Kysely<Database>, retentionDays: number, now: Date): Promise<void> {
	await trx
		.updateTable('petitions')
		.set({ phone: null, email: null, contact_name: null })
		.where((eb) => eb.or([eb('phone', 'is not', null), eb('email', 'is not', null), eb('contact_name', 'is not', null)]))
		.where(sql<boolean>`coalesce(closed_at, answered_at) < ${now}::timestamptz - make_interval(days => ${retentionDays})`)
		.execute();
}

/** Started by hooks.server.ts with the outbox worker; OUTBOX_WORKER=0 turns both off. */
export function startAlertWorker(db: Kysely<Database>, config: Config, log = console.error): () => void {
	if (config.OUTBOX_WORKER === false) return () => {};
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runAlertRound(db, { minimumSample: config.MINIMUM_SAMPLE, retentionDays: config.CONTACT_RETENTION_DAYS });
		} catch (error) {
			log(JSON.stringify({ level: 'error', event: 'alert_round_failed', error: String(error) }));
		} finally {
			running = false;
		}
	};
	const timer = setInterval(tick, config.ALERT_POLL_SECONDS * 1000);
	timer.unref();
	void tick();
	return () => clearInterval(timer);
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}
