import { describe, expect, it } from 'vitest';
import { readAnswerRequest } from './survey-request';

describe("the survey's request for an answer", () => {
	it('is read only when ticked, with a phone or an email', () => {
		expect(readAnswerRequest({ answer_phone: 'not a number' })).toEqual({ ok: true, request: { wants: false } });
		expect(readAnswerRequest({ wants_answer: 'on', answer_phone: '0912 345 678' })).toEqual({ ok: true, request: { wants: true, phone: '+84912345678', email: null } });
		expect(readAnswerRequest({ wants_answer: 'on', answer_email: 'Dan@Example.VN', answer_phone: '' })).toEqual({ ok: true, request: { wants: true, phone: null, email: 'dan@example.vn' } });
	});
	it('names the field to fix', () => {
		expect(readAnswerRequest({ wants_answer: 'on' })).toEqual({ ok: false, errors: { answer_phone: { key: 'error.answerContact' } } });
		expect(readAnswerRequest({ wants_answer: 'on', answer_phone: '12' })).toEqual({ ok: false, errors: { answer_phone: { key: 'error.answerPhone' } } });
		expect(readAnswerRequest({ wants_answer: 'on', answer_email: 'a@b' })).toEqual({ ok: false, errors: { answer_email: { key: 'error.answerEmail' } } });
	});
});
