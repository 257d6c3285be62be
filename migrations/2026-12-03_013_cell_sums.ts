import { sql, type Kysely } from 'kysely';

/**
 * Issue 8 and 11: a third grain of estimate_sums, 'cell': the month of a whole agency per §7 cell
 * (channel, procedure field) and excluded, with counter, source and verified left NULL. A report of
 * the whole agency — the leader's, the public page, the Report API without a unit or counter, and
 * every estimate weighted by the register (SIPAS.md §7 reads per cell) — sums a few dozen rows a
 * month instead of one per counter, field, channel, source and verified (about 280 a month at a
 * million responses: 30 ms a request at agency scope, against 3 ms).
 *
 * Cell rows are written by the same statement as the others (sums/write-sums.ts) and filled here
 * from the month rows, which hold exactly the same sums. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table estimate_sums alter column counter_id drop not null`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_grain_check`.execute(db);
	await sql`alter table estimate_sums add constraint estimate_sums_grain_check check (grain in ('day', 'month', 'cell'))`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_day_key`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_month_key`.execute(db);
	await sql`
		alter table estimate_sums add constraint estimate_sums_day_key
		check (grain <> 'day' or (counter_id is not null and procedure_field_id is null and channel is null and source is null and verified is null))`.execute(db);
	await sql`
		alter table estimate_sums add constraint estimate_sums_month_key
		check (grain <> 'month' or (counter_id is not null and source is not null and verified is not null))`.execute(db);
	await sql`
		alter table estimate_sums add constraint estimate_sums_cell_key
		check (grain <> 'cell' or (counter_id is null and source is null and verified is null))`.execute(db);

	const { rows } = await sql<{ column_name: string }>`
		select column_name from information_schema.columns
		where table_name = 'estimate_sums' and table_schema = current_schema()
			and column_name not in ('grain', 'period_start', 'agency_id', 'counter_id', 'procedure_field_id', 'channel', 'source', 'excluded', 'verified')
		order by ordinal_position`.execute(db);
	const values = rows.map((row) => row.column_name);
	await sql`
		insert into estimate_sums (grain, period_start, agency_id, counter_id, procedure_field_id, channel, source, excluded, verified,
			${sql.join(values.map((column) => sql.ref(column)))})
		select 'cell', period_start, agency_id, null, procedure_field_id, channel, null, excluded, null,
			${sql.join(values.map((column) => sql`sum(${sql.ref(column)})`))}
		from estimate_sums where grain = 'month'
		group by period_start, agency_id, procedure_field_id, channel, excluded`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from estimate_sums where grain = 'cell'`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_cell_key`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_month_key`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_day_key`.execute(db);
	await sql`
		alter table estimate_sums add constraint estimate_sums_day_key
		check (grain = 'month' or (procedure_field_id is null and channel is null and source is null and verified is null))`.execute(db);
	await sql`alter table estimate_sums add constraint estimate_sums_month_key check (grain = 'day' or (source is not null and verified is not null))`.execute(db);
	await sql`alter table estimate_sums drop constraint estimate_sums_grain_check`.execute(db);
	await sql`alter table estimate_sums add constraint estimate_sums_grain_check check (grain in ('day', 'month'))`.execute(db);
	await sql`alter table estimate_sums alter column counter_id set not null`.execute(db);
}
