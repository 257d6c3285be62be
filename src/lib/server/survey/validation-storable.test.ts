import { describe, expect, it } from 'vitest';
import { fromForm, parseSubmission } from './validation';

/**
 * Input the database cannot hold is refused where the submission is parsed, with a message the
 * citizen can act on, instead of failing the insert (a 503 "try again" that never succeeds).
 */
const keys = new Set(['PA1']);
const base = { submission_id: '6f1c2b1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f', survey_version: '1', 'a.PA1': '5' };

function form(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(entries)) data.append(name, value);
	return data;
}

describe('parseSubmission: what Postgres cannot store', () => {
	it('refuses a NUL character in the comment, from the form and from JSON', () => {
		expect(parseSubmission(fromForm(form({ ...base, comment: 'Tốt\u0000lắm' })), keys)).toEqual({
			ok: false,
			errors: { comment: { key: 'error.comment.unstorable' } }
		});
		expect(parseSubmission({ ...base, answers: { PA1: 5 }, comment: '\u0000' }, keys)).toEqual({
			ok: false,
			errors: { comment: { key: 'error.comment.unstorable' } }
		});
	});

	it('refuses a NUL character in the dossier code', () => {
		expect(parseSubmission(fromForm(form({ ...base, dossier_code: 'HS-01\u0000' })), keys)).toEqual({
			ok: false,
			errors: { dossier_code: { key: 'error.dossierCode.unstorable' } }
		});
	});

	it('still says "too long" first for a long comment that also has a NUL', () => {
		const result = parseSubmission({ ...base, comment: `${'a'.repeat(2001)}\u0000` }, keys);
		expect(result).toEqual({ ok: false, errors: { comment: { key: 'error.comment.tooLong', params: { length: 2002 } } } });
	});

	it('refuses a procedure field id beyond int4, and accepts the largest int4', () => {
		for (const id of ['2147483648', '4294967296', '99999999999']) {
			expect(parseSubmission(fromForm(form({ ...base, procedure_field: id })), keys)).toEqual({
				ok: false,
				errors: { procedure_field: { key: 'error.choice' } }
			});
		}
		expect(parseSubmission({ ...base, answers: { PA1: 5 }, procedure_field: 2 ** 32 }, keys).ok).toBe(false);
		const largest = parseSubmission(fromForm(form({ ...base, procedure_field: '2147483647' })), keys);
		expect(largest.ok && largest.submission.procedure_field).toBe(2147483647);
	});

	it('keeps every other character, emoji and control characters included', () => {
		const result = parseSubmission(fromForm(form({ ...base, comment: 'Rất tốt 👍\u0001\u200b', dossier_code: 'HS\u00a0001' })), keys);
		expect(result.ok && [result.submission.comment, result.submission.dossier_code]).toEqual(['Rất tốt 👍\u0001\u200b', 'HS\u00a0001']);
	});
});
