import { sql, type Kysely } from 'kysely';
import { staffTranslator } from '../../i18n/staff';
import { addDays, localDayKey, parseDayKey, type DayKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { enqueueMessages, type OutgoingMessage } from '../outbox/enqueue';

/**
 * The plan's reminders, put in the outbox (which sends them, with its retries and quiet hours):
 * - a task's owner, one week before its due date (sent from then until the due day if a round was
 *   missed) and on the day after it passes (until a week after, so an old plan does not flood);
 * - the Office (the agency's active staff accounts: README "Improvement plan") once a week, with
 *   the late tasks of every plan of the agency.
 * Each message has an idempotency key (task and due date; agency and week), so rounds run by
 * several app processes, or again after a crash, queue each reminder once; a new due date is a
 * new reminder. Emails only: users have no phone number.
 */
const SOON_DAYS = 7;
const LATE_WINDOW_DAYS = 7;

interface OpenTask {
	id: number;
	title: string;
	due_on: string;
	code: string;
	year: number;
	agency_id: number;
	agency_code: string;
	owner_email: string | null;
}

/** Monday of the week of `day` (local). */
export function weekStart(day: DayKey): DayKey {
	const { year, month, day: d } = parseDayKey(day);
	const weekday = new Date(Date.UTC(year, month - 1, d)).getUTCDay();
	return addDays(day, -((weekday + 6) % 7));
}

export async function queuePlanReminders(db: Kysely<Database>, options: { origin: string; now?: Date }): Promise<number> {
	const now = options.now ?? new Date();
	const today = localDayKey(now);
	const t = staffTranslator('vi');
	const { rows } = await sql<OpenTask>`
		select t.id, t.title, t.due_on, c.code, p.year, p.agency_id, a.code as agency_code, u.email as owner_email
		from plan_tasks t
		join plan_criteria c on c.id = t.criterion_id
		join plans p on p.id = c.plan_id
		join agencies a on a.id = p.agency_id
		left join users u on u.id = t.owner_user_id and u.active and u.agency_id = p.agency_id
		where t.status <> 'done' and t.due_on <= ${addDays(today, SOON_DAYS)}::date
		order by t.due_on, t.id`.execute(db);
	const link = (task: OpenTask) => `${options.origin}/a/${task.agency_code}/plan?year=${task.year}`;
	const messages: OutgoingMessage[] = [];
	for (const task of rows) {
		if (!task.owner_email) continue;
		const params = { task: task.title, code: task.code, year: task.year, due: formatDay(task.due_on), link: link(task) };
		if (today >= addDays(task.due_on, -SOON_DAYS) && today <= task.due_on) {
			messages.push({
				agencyId: task.agency_id,
				topic: 'plan.task.soon',
				channel: 'email',
				idempotencyKey: `plan.task.soon:${task.id}:${task.due_on}`,
				recipient: task.owner_email,
				subject: t('plan.remind.soon.subject', params),
				body: t('plan.remind.soon.body', params)
			});
		} else if (today > task.due_on && today <= addDays(task.due_on, LATE_WINDOW_DAYS)) {
			messages.push({
				agencyId: task.agency_id,
				topic: 'plan.task.late',
				channel: 'email',
				idempotencyKey: `plan.task.late:${task.id}:${task.due_on}`,
				recipient: task.owner_email,
				subject: t('plan.remind.late.subject', params),
				body: t('plan.remind.late.body', params)
			});
		}
	}

	// The Office's weekly list, per agency: every late task, whatever its owner.
	const week = weekStart(today);
	const lateByAgency = new Map<number, OpenTask[]>();
	for (const task of rows) if (today > task.due_on) lateByAgency.set(task.agency_id, [...(lateByAgency.get(task.agency_id) ?? []), task]);
	for (const [agencyId, late] of lateByAgency) {
		const office = await db.selectFrom('users').select('email').where('agency_id', '=', agencyId).where('role', '=', 'staff').where('active', '=', true).orderBy('email').execute();
		const year = Math.max(...late.map((task) => task.year));
		const list = late.map((task) => `- ${task.code}: ${task.title} (hạn ${formatDay(task.due_on)})`).join('\n');
		for (const { email } of office) {
			messages.push({
				agencyId,
				topic: 'plan.office.weekly',
				channel: 'email',
				idempotencyKey: `plan.office.weekly:${agencyId}:${week}:${email}`,
				recipient: email,
				subject: t('plan.remind.weekly.subject', { year, count: late.length }),
				body: t('plan.remind.weekly.body', { year, list, link: link(late[0]!) })
			});
		}
	}
	if (messages.length === 0) return 0;
	return db.transaction().execute((trx) => enqueueMessages(trx, messages, now));
}

/** 2024-09-30 → 30/09/2024, as Vietnamese documents write dates. */
function formatDay(day: string): string {
	const [y, m, d] = day.split('-');
	return `${d}/${m}/${y}`;
}
