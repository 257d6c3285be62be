import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DEMO_PLAN, DEMO_PLAN_CRITERIA } from './demo-plan-data';
import { GIA_LAI_DOIT } from './sipas-reference';

/**
 * Seeds the Gia Lai department's 2024 improvement plan (demo-plan-data.ts) once: nothing when the
 * agency is missing or already has a plan for that year, so it is safe at every start. Units named
 * by the plan that an administrator has since renamed are left out of the criterion's units.
 */
export async function seedDemoPlan(db: Kysely<Database>): Promise<{ created: boolean }> {
	const run = async (trx: Kysely<Database>) => {
		const agency = await trx.selectFrom('agencies').select('id').where('code', '=', GIA_LAI_DOIT.code).executeTakeFirst();
		if (!agency) return { created: false };
		const existing = await trx.selectFrom('plans').select('id').where('agency_id', '=', agency.id).where('year', '=', DEMO_PLAN.year).executeTakeFirst();
		if (existing) return { created: false };
		const units = await trx.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agency.id).execute();
		const unitId = new Map(units.map((u) => [u.name, u.id]));
		const plan = await trx
			.insertInto('plans')
			.values({ agency_id: agency.id, year: DEMO_PLAN.year, number: DEMO_PLAN.number, title: DEMO_PLAN.title, issued_on: DEMO_PLAN.issuedOn, signer: DEMO_PLAN.signer })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const [position, c] of DEMO_PLAN_CRITERIA.entries()) {
			const criterion = await trx
				.insertInto('plan_criteria')
				.values({
					plan_id: plan.id,
					code: c.code,
					kind: c.dimension ? 'sipas' : 'par',
					title: c.title,
					target_text: c.target,
					target_percent: c.targetPercent ?? null,
					target_direction: c.direction ?? null,
					measure: c.measure ?? null,
					dimension_key: c.dimension ?? null,
					time_frame: DEMO_PLAN.timeFrame,
					position: position + 1
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const links = [
				...c.lead.map((name) => ({ name, role: 'lead' as const })),
				...c.support.filter((name) => !c.lead.includes(name)).map((name) => ({ name, role: 'support' as const }))
			].flatMap(({ name, role }) => (unitId.has(name) ? [{ criterion_id: criterion.id, unit_id: unitId.get(name)!, role }] : []));
			if (links.length) await trx.insertInto('plan_criterion_units').values(links).execute();
			if (c.tasks.length) {
				await trx
					.insertInto('plan_tasks')
					.values(
						c.tasks.map((t) => ({
							criterion_id: criterion.id,
							title: t.title,
							unit_id: unitId.get(t.unit) ?? null,
							due_on: t.due,
							status: t.status,
							done_on: t.doneOn ?? null,
							note: t.note ?? ''
						}))
					)
					.execute();
			}
		}
		return { created: true };
	};
	return db.isTransaction ? run(db) : db.transaction().execute(run);
}
