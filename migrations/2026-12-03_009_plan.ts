import { sql, type Kysely } from 'kysely';

/**
 * The department's improvement plan (kế hoạch) as data, and the register flags that measure its
 * PAR rates. A plan per agency and year; its criteria (PAR Index 1.x, SIPAS 2.x), each with its
 * target in words and, for a rate, as a percent with a direction; the units in charge (chủ trì)
 * and helping (phối hợp); tasks under each criterion with their evidence files. The five dossier
 * flags are NULL when the register never said (never read as false). Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
	for (const column of ['synced_national', 'digitised', 'full_online_service', 'paid_online', 'fee_required']) {
		await db.schema.alterTable('dossiers').addColumn(column, 'boolean').execute();
	}

	await db.schema
		.createTable('plans')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id').onDelete('restrict'))
		.addColumn('year', 'smallint', (c) => c.notNull().check(sql`year between 2000 and 2100`))
		.addColumn('number', 'text', (c) => c.notNull().defaultTo('').check(sql`length(number) <= 60`))
		.addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 500`))
		.addColumn('issued_on', 'date')
		.addColumn('signer', 'text', (c) => c.notNull().defaultTo('').check(sql`length(signer) <= 200`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('plans_agency_year_key', ['agency_id', 'year'])
		.execute();

	await db.schema
		.createTable('plan_criteria')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[0-9]{1,2}(\\.[0-9]{1,2}){1,2}$'`))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('par', 'sipas')`))
		.addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 500`))
		.addColumn('target_text', 'text', (c) => c.notNull().defaultTo('').check(sql`length(target_text) <= 2000`))
		// A rate's target in percent (30 means 30%) and whether the rate must reach it or stay under it.
		.addColumn('target_percent', sql`numeric(5,2)`, (c) => c.check(sql`target_percent between 0 and 100`))
		.addColumn('target_direction', 'text', (c) => c.check(sql`target_direction in ('at_least', 'at_most')`))
		// Which register rate measures a PAR criterion (plan/rates), if any.
		.addColumn('measure', 'text', (c) => c.check(sql`measure in ('on_time', 'synced', 'digitised', 'full_online', 'paid_online')`))
		// A SIPAS criterion is one dimension: its target is the one stored in targets.
		.addColumn('dimension_key', 'text', (c) => c.references('dimensions.key'))
		.addColumn('time_frame', 'text', (c) => c.notNull().defaultTo('').check(sql`length(time_frame) <= 300`))
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addUniqueConstraint('plan_criteria_plan_code_key', ['plan_id', 'code'])
		.addCheckConstraint('plan_criteria_target_check', sql`(target_percent is null) = (target_direction is null)`)
		.addCheckConstraint('plan_criteria_link_check', sql`(kind = 'sipas') = (dimension_key is not null) and (kind = 'par' or measure is null)`)
		.execute();

	await db.schema
		.createTable('plan_criterion_units')
		.addColumn('criterion_id', 'integer', (c) => c.notNull().references('plan_criteria.id').onDelete('cascade'))
		.addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id').onDelete('restrict'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'support')`))
		.addPrimaryKeyConstraint('plan_criterion_units_pkey', ['criterion_id', 'unit_id'])
		.execute();

	await db.schema
		.createTable('plan_tasks')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('criterion_id', 'integer', (c) => c.notNull().references('plan_criteria.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 1000`))
		.addColumn('unit_id', 'integer', (c) => c.references('units.id').onDelete('restrict'))
		// Whom the reminders go to (a signed-in person of the agency), if anyone.
		.addColumn('owner_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('due_on', 'date', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'in_progress', 'done')`))
		.addColumn('done_on', 'date')
		.addColumn('note', 'text', (c) => c.notNull().defaultTo('').check(sql`length(note) <= 4000`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('plan_tasks_done_on_check', sql`(status = 'done') = (done_on is not null)`)
		.execute();
	await db.schema.createIndex('plan_tasks_criterion_idx').on('plan_tasks').column('criterion_id').execute();
	await db.schema.createIndex('plan_tasks_open_due_idx').on('plan_tasks').columns(['status', 'due_on']).execute();

	await db.schema
		.createTable('plan_task_evidence')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull().check(sql`length(file_name) between 1 and 200`))
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
		.addColumn('content', 'bytea', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('plan_task_evidence_task_idx').on('plan_task_evidence').column('task_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('plan_task_evidence').execute();
	await db.schema.dropTable('plan_tasks').execute();
	await db.schema.dropTable('plan_criterion_units').execute();
	await db.schema.dropTable('plan_criteria').execute();
	await db.schema.dropTable('plans').execute();
	for (const column of ['fee_required', 'paid_online', 'full_online_service', 'digitised', 'synced_national']) {
		await db.schema.alterTable('dossiers').dropColumn(column).execute();
	}
}
