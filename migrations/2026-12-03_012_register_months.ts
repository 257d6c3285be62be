import { sql, type Kysely } from 'kysely';

/**
 * Issue 11: the dossier register counted per month and cell, so that an estimate weighted by the
 * register (SIPAS.md §7) and the response rate (§8) read a few hundred rows rather than counting
 * every dossier of the agency at each request (100,000 dossiers: 60 ms a request).
 *
 * register_months: per agency, Asia/Ho_Chi_Minh month of returned_at, unit, counter, procedure
 * field and channel (every way a scope narrows the register), how many dossiers were returned and
 * how many of them have a folded response. Kept exact by:
 * - statement triggers on dossiers (any writer: the register import, the push API, psql), which
 *   add each inserted or updated row's new key and take away its old one; an update that moves no
 *   dossier between keys (a follow-up queued) touches no row;
 * - the folder (sums/register-months.ts), which adds a response's dossier when it folds the
 *   response, under the register's advisory lock so that it never races a register write;
 * - sums:rebuild, which recomputes the table from dossiers and responses.
 * Reports add the unfolded tail themselves, as for estimate_sums. Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table register_months (
			agency_id integer not null,
			month date not null,
			unit_id integer not null,
			counter_id integer,
			procedure_field_id integer not null,
			channel text not null,
			dossiers integer not null default 0,
			responded integer not null default 0
		)`.execute(db);
	await sql`
		create unique index register_months_key
		on register_months (agency_id, month, unit_id, counter_id, procedure_field_id, channel) nulls not distinct`.execute(db);

	// One function adds the changed rows: +1 for each new version, −1 for each old one, grouped by
	// key; keys whose change nets to nothing are left alone (no row lock, no write).
	await sql`
		create function register_months_apply(old_rows dossiers[], new_rows dossiers[]) returns void
		language sql as $$
			insert into register_months as t (agency_id, month, unit_id, counter_id, procedure_field_id, channel, dossiers, responded)
			select c.agency_id, date_trunc('month', c.returned_at at time zone 'Asia/Ho_Chi_Minh')::date, c.unit_id, c.counter_id,
				c.procedure_field_id, c.channel, sum(c.sign), sum(c.sign * x.responded)
			from (
				select d.id, d.agency_id, d.returned_at, d.unit_id, d.counter_id, d.procedure_field_id, d.channel, 1 as sign from unnest(new_rows) d
				union all
				select d.id, d.agency_id, d.returned_at, d.unit_id, d.counter_id, d.procedure_field_id, d.channel, -1 from unnest(old_rows) d
			) c
			cross join lateral (select (exists (select 1 from responses r where r.dossier_id = c.id and r.folded))::int as responded) x
			where c.returned_at is not null
			group by 1, 2, 3, 4, 5, 6
			having sum(c.sign) <> 0 or sum(c.sign * x.responded) <> 0
			order by 1, 2, 3, 4, 5, 6
			on conflict (agency_id, month, unit_id, counter_id, procedure_field_id, channel) do update
			set dossiers = t.dossiers + excluded.dossiers, responded = t.responded + excluded.responded
		$$`.execute(db);
	// Transition tables may serve one event per trigger: three triggers, one function.
	await sql`
		create function register_months_change() returns trigger language plpgsql as $$
		begin
			if tg_op = 'INSERT' then
				perform register_months_apply('{}'::dossiers[], array(select n::dossiers from new_rows n));
			elsif tg_op = 'UPDATE' then
				perform register_months_apply(array(select o::dossiers from old_rows o), array(select n::dossiers from new_rows n));
			else
				perform register_months_apply(array(select o::dossiers from old_rows o), '{}'::dossiers[]);
			end if;
			return null;
		end $$`.execute(db);
	await sql`
		create trigger register_months_insert after insert on dossiers
		referencing new table as new_rows for each statement execute function register_months_change()`.execute(db);
	await sql`
		create trigger register_months_update after update on dossiers
		referencing old table as old_rows new table as new_rows for each statement execute function register_months_change()`.execute(db);
	await sql`
		create trigger register_months_delete after delete on dossiers
		referencing old table as old_rows for each statement execute function register_months_change()`.execute(db);

	// The register as it stands, with the responses folded so far.
	await sql`select register_months_apply('{}'::dossiers[], array(select d from dossiers d))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger register_months_delete on dossiers`.execute(db);
	await sql`drop trigger register_months_update on dossiers`.execute(db);
	await sql`drop trigger register_months_insert on dossiers`.execute(db);
	await sql`drop function register_months_change()`.execute(db);
	await sql`drop function register_months_apply(dossiers[], dossiers[])`.execute(db);
	await sql`drop table register_months`.execute(db);
}
