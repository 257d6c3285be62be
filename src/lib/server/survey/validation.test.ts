import { describe, expect, it } from 'vitest';
import { fromForm, parseSubmission } from './validation';

const keys = new Set(['PA1', 'PA2', 'CC1']);
const base = { submission_id: '6f1c2b1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f', survey_version: '1' };

function form(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(entries)) data.append(name, value);
	return data;
}

describe('parseSubmission', () => {
	it('reads a form: 1–5 as numbers, "na" as null, an empty choice as skipped', () => {
		const result = parseSubmission(fromForm(form({ ...base, 'a.PA1': '5', 'a.PA2': 'na', 'a.CC1': '', comment: '  Tốt lắm  ' })), keys);
		expect(result).toEqual({
			ok: true,
			submission: expect.objectContaining({ survey_version: 1, answers: { PA1: 5, PA2: null }, comment: 'Tốt lắm', channel: null })
		});
	});

	it('reads the JSON API shape the same way', () => {
		const result = parseSubmission({ ...base, survey_version: 1, answers: { PA1: 4, PA2: 'na', CC1: null }, channel: 'online' }, keys);
		expect(result.ok && result.submission.answers).toEqual({ PA1: 4, PA2: null, CC1: null });
	});

	it.each([['0'], ['6'], ['3.5'], ['abc'], ['']])('refuses the answer value %j', (value) => {
		const result = parseSubmission({ ...base, answers: { PA1: value } }, keys);
		expect(result).toEqual({ ok: false, errors: { 'a.PA1': { key: 'error.answer' } } });
	});

	it('refuses criterion keys that are not in the survey, naming each', () => {
		const result = parseSubmission(fromForm(form({ ...base, 'a.ZZ1': '3', 'a.PA1': '9', 'a.<script>': '1' })), keys);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors['a.ZZ1']).toEqual({ key: 'error.unknownCriterion' });
		expect(result.errors['a.<script>']).toEqual({ key: 'error.unknownCriterion' });
		expect(result.errors['a.PA1']).toEqual({ key: 'error.answer' });
	});

	it('refuses a comment over 2,000 characters and says how long it is', () => {
		const result = parseSubmission({ ...base, comment: 'ệ'.repeat(2001) }, keys);
		expect(result).toEqual({ ok: false, errors: { comment: { key: 'error.comment.tooLong', params: { length: 2001 } } } });
		expect(parseSubmission({ ...base, comment: 'ệ'.repeat(2000) }, keys).ok).toBe(true);
	});

	it('refuses a forged submission id, survey version or profile choice', () => {
		const result = parseSubmission({ submission_id: 'not-a-uuid', survey_version: 'x', gender: 'robot', answers: {} }, keys);
		expect(result).toEqual({
			ok: false,
			errors: { submission_id: { key: 'error.submission' }, survey_version: { key: 'error.submission' }, gender: { key: 'error.choice' } }
		});
	});

	it('accepts a survey with every statement skipped (any statement may be skipped)', () => {
		expect(parseSubmission(fromForm(form(base)), keys)).toEqual({ ok: true, submission: expect.objectContaining({ answers: {} }) });
	});

	// What the form sends ("1".."5", "na") and the documented JSON (integers 1–5, "na"), nothing looser.
	it.each([[true], [false], [[5]], ['0x3'], ['3e0'], ['+5'], ['5.0'], [' 5'], ['5 '], ['05'], [4.5], [0], [6], [-1], [{}], ['NA'], ['']])(
		'refuses the loosely typed answer %j',
		(value) => {
			expect(parseSubmission({ ...base, answers: { PA1: value } }, keys)).toEqual({ ok: false, errors: { 'a.PA1': { key: 'error.answer' } } });
		}
	);

	it.each([['1', 1], ['5', 5], [1, 1], [5, 5], ['na', null]])('accepts the answer %j', (value, expected) => {
		const result = parseSubmission({ ...base, answers: { PA1: value } }, keys);
		expect(result.ok && result.submission.answers).toEqual({ PA1: expected });
	});

	it.each([[true], [[1]], ['0x3'], ['3e0'], ['+1'], ['1.0'], [' 1'], ['01'], [1.5], [0], [-1], ['2147483648'], [2147483648], [Number.MAX_SAFE_INTEGER + 2], ['99999999999']])(
		'refuses the loosely typed id %j as survey version and procedure field',
		(value) => {
			expect(parseSubmission({ ...base, survey_version: value }, keys)).toEqual({ ok: false, errors: { survey_version: { key: 'error.submission' } } });
			expect(parseSubmission({ ...base, procedure_field: value }, keys)).toEqual({ ok: false, errors: { procedure_field: { key: 'error.choice' } } });
		}
	);

	it.each([['7', 7], [7, 7], ['2147483647', 2147483647]])('accepts the id %j', (value, expected) => {
		const result = parseSubmission({ ...base, survey_version: value, procedure_field: value }, keys);
		expect(result.ok && [result.submission.survey_version, result.submission.procedure_field]).toEqual([expected, expected]);
	});

	it('reads an unanswered procedure field, empty or absent, as none', () => {
		for (const procedure_field of ['', null, undefined]) {
			const result = parseSubmission({ ...base, procedure_field }, keys);
			expect(result.ok && result.submission.procedure_field).toBeNull();
		}
	});
});
