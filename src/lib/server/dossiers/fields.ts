import type { Channel } from '../../domain/enums';
import { parseSubmittedAt } from '../import/dates';
import { quoted } from '../import/messages';
import { normalizeWord, readChannel } from '../import/values';
import type { DossierMessage } from './messages';

/**
 * The plan's optional yes/no columns (README "Improvement plan"): synchronised to the national
 * public-service portal, digitised, the procedure is a full-process online service, paid online,
 * the procedure bears a fee. Empty means the register did not say, and stays NULL: a rate is
 * never computed from an empty cell (plan/rates.ts).
 */
export const REGISTER_FLAGS = ['synced_national', 'digitised', 'full_online_service', 'paid_online', 'fee_required'] as const;
export type RegisterFlag = (typeof REGISTER_FLAGS)[number];
export type RegisterFlags = Record<RegisterFlag, boolean | null>;

/** true/false, also the Vietnamese có/không (any case, with or without diacritics); undefined if neither. */
export function readFlag(value: string): boolean | undefined {
	const word = value.trim().normalize('NFC').toLowerCase();
	if (word === 'true' || word === 'có' || word === 'co') return true;
	if (word === 'false' || word === 'không' || word === 'khong') return false;
	return undefined;
}

/**
 * One dossier of the register, as the one-stop system exports it (a file row) or pushes it (a JSON
 * object): the same fields, the same checks. Pure: no database, no I/O.
 */
export const DOSSIER_FIELDS = [
	'dossier_code',
	'procedure_code',
	'procedure_name',
	'procedure_field',
	'channel',
	'unit',
	'counter',
	'received_at',
	'due_at',
	'returned_at',
	'officials',
	'phone',
	'email',
	...REGISTER_FLAGS
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];
export const REQUIRED_FIELDS: readonly DossierField[] = ['dossier_code', 'procedure_code', 'procedure_name', 'procedure_field', 'channel', 'unit', 'received_at'];

export const DOSSIER_CODE_MAX = 60;
export const PROCEDURE_CODE_MAX = 60;
export const PROCEDURE_NAME_MAX = 300;
export const OFFICIAL_NAME_MAX = 200;
/** An official's code in the one-stop system (the database checks the same). */
export const OFFICIAL_CODE = /^[A-Za-z0-9._-]{1,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a dossier is checked against: one agency's fields, units and counters. */
export interface RegisterContext {
	procedureFields: ReadonlyArray<{ id: number; name: string }>;
	units: ReadonlyArray<{ id: number; name: string }>;
	/** Counter code (lower case) → id, this agency's only. */
	counters: ReadonlyMap<string, number>;
	/** Today in Asia/Ho_Chi_Minh: receipts and results after it are refused. */
	today: string;
}

export interface Official {
	code: string;
	name: string;
}

/** A valid dossier, ready to store. */
export interface DossierInput {
	code: string;
	procedureCode: string;
	procedureName: string;
	procedureFieldId: number;
	channel: Channel;
	unitId: number;
	counterId: number | null;
	receivedAt: Date;
	dueAt: Date | null;
	returnedAt: Date | null;
	officials: Official[];
	phone: string | null;
	email: string | null;
	/** Absent from older callers: every flag unknown. */
	flags?: RegisterFlags;
}

export interface FieldProblem {
	field: DossierField;
	message: DossierMessage;
}

export type DossierCheck = { ok: true; dossier: DossierInput } | { ok: false; problems: FieldProblem[] };

/** A Vietnamese mobile or landline number as +84 and nine digits, from what people write. */
export function readPhone(value: string): string | undefined {
	let digits = value.replace(/[\s.()-]/g, '');
	// A spreadsheet that took the number for a number dropped its leading zero.
	if (/^[1-9][0-9]{8}$/.test(digits)) digits = `0${digits}`;
	const match = /^(?:\+?84|0)([1-9][0-9]{8})$/.exec(digits);
	return match ? `+84${match[1]}` : undefined;
}

function byName<T extends { id: number; name: string }>(items: readonly T[], value: string): T | undefined {
	const wanted = normalizeWord(value);
	return items.find((item) => normalizeWord(item.name) === wanted || String(item.id) === wanted);
}

/** Reads "CODE:Name; CODE2:Name 2". */
function readOfficials(value: string): { officials: Official[] } | { bad: string } {
	const officials: Official[] = [];
	for (const part of value.split(';')) {
		const text = part.trim();
		if (text === '') continue;
		const colon = text.indexOf(':');
		const code = (colon < 0 ? text : text.slice(0, colon)).trim();
		const name = colon < 0 ? '' : text.slice(colon + 1).trim().replace(/\s+/g, ' ');
		if (!OFFICIAL_CODE.test(code) || name === '' || name.length > OFFICIAL_NAME_MAX) return { bad: text };
		if (!officials.some((o) => o.code === code)) officials.push({ code, name });
	}
	return { officials };
}

/** Checks one dossier's values (strings; empty means not given). */
export function checkDossier(values: Partial<Record<DossierField, string>>, context: RegisterContext): DossierCheck {
	const problems: FieldProblem[] = [];
	const problem = (field: DossierField, key: DossierMessage['key'], params?: DossierMessage['params']) =>
		problems.push({ field, message: params ? { key, params } : { key } });
	const text = (field: DossierField) => (values[field] ?? '').trim();
	const required = (field: DossierField, max: number) => {
		const value = text(field).replace(/\s+/g, ' ');
		if (value === '') problem(field, 'dossiers.row.missing');
		else if (value.length > max) problem(field, 'dossiers.row.tooLong', { length: value.length, max });
		return value;
	};

	const code = required('dossier_code', DOSSIER_CODE_MAX);
	const procedureCode = required('procedure_code', PROCEDURE_CODE_MAX);
	const procedureName = required('procedure_name', PROCEDURE_NAME_MAX);

	let procedureFieldId = 0;
	if (text('procedure_field') === '') problem('procedure_field', 'dossiers.row.missing');
	else {
		const field = byName(context.procedureFields, text('procedure_field'));
		if (field) procedureFieldId = field.id;
		else problem('procedure_field', 'dossiers.row.procedureField', { value: quoted(text('procedure_field')), allowed: context.procedureFields.map((f) => f.name).join('; ') });
	}

	let channel: Channel = 'in_person';
	if (text('channel') === '') problem('channel', 'dossiers.row.missing');
	else {
		const read = readChannel(text('channel'));
		if (read) channel = read;
		else problem('channel', 'dossiers.row.channel', { value: quoted(text('channel')) });
	}

	let unitId = 0;
	if (text('unit') === '') problem('unit', 'dossiers.row.missing');
	else {
		const unit = byName(context.units, text('unit'));
		if (unit) unitId = unit.id;
		else problem('unit', 'dossiers.row.unit', { value: quoted(text('unit')), allowed: context.units.map((u) => u.name).join('; ') });
	}

	let counterId: number | null = null;
	if (text('counter') !== '') {
		counterId = context.counters.get(text('counter').toLowerCase()) ?? null;
		if (counterId === null) problem('counter', 'dossiers.row.counter', { value: quoted(text('counter')) });
	}

	const time = (field: DossierField, future: boolean): Date | null => {
		const value = text(field);
		if (value === '') {
			if (field === 'received_at') problem(field, 'dossiers.row.missing');
			return null;
		}
		const parsed = parseSubmittedAt(value, future ? '9999-12-31' : context.today);
		if (parsed.ok) return parsed.at;
		problem(field, parsed.problem === 'future' ? 'dossiers.row.future' : 'dossiers.row.date', { value: quoted(value) });
		return null;
	};
	const receivedAt = time('received_at', false);
	const dueAt = time('due_at', true);
	const returnedAt = time('returned_at', false);
	if (receivedAt && returnedAt && returnedAt < receivedAt) problem('returned_at', 'dossiers.row.beforeReceived');
	if (receivedAt && dueAt && dueAt < receivedAt) problem('due_at', 'dossiers.row.beforeReceived');

	let officials: Official[] = [];
	if (text('officials') !== '') {
		const read = readOfficials(text('officials'));
		if ('bad' in read) problem('officials', 'dossiers.row.officials', { value: quoted(read.bad) });
		else officials = read.officials;
	}

	let phone: string | null = null;
	if (text('phone') !== '') {
		phone = readPhone(text('phone')) ?? null;
		if (!phone) problem('phone', 'dossiers.row.phone', { value: quoted(text('phone')) });
	}
	let email: string | null = null;
	if (text('email') !== '') {
		email = text('email').toLowerCase();
		if (!EMAIL.test(email) || email.length > 254) problem('email', 'dossiers.row.email', { value: quoted(text('email')) });
	}

	const flags = Object.fromEntries(REGISTER_FLAGS.map((f) => [f, null])) as RegisterFlags;
	for (const field of REGISTER_FLAGS) {
		if (text(field) === '') continue;
		const read = readFlag(text(field));
		if (read === undefined) problem(field, 'dossiers.row.flag', { value: quoted(text(field)) });
		else flags[field] = read;
	}

	if (problems.length) return { ok: false, problems };
	return {
		ok: true,
		dossier: { code, procedureCode, procedureName, procedureFieldId, channel, unitId, counterId, receivedAt: receivedAt!, dueAt, returnedAt, officials, phone, email, flags }
	};
}
