import { describe, expect, it } from 'vitest';
import { en } from './en';
import { translator } from './catalogue';
import { vi } from './vi';

describe('translation catalogues', () => {
	it('have the same keys and the same parameters in every language', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect(params(en[key]), key).toEqual(params(vi[key]));
	});

	it('fill parameters and keep Vietnamese diacritics', () => {
		expect(translator('vi')('survey.part', { n: 2, total: 7 })).toBe('Phần 2/7');
		expect(translator('vi')('survey.scale.1')).toBe('Rất không hài lòng');
		expect(translator('en')('survey.part', { n: 2, total: 7 })).toBe('Part 2 of 7');
	});

	it('write numbers in parameters like the numbers of the text around them', () => {
		expect(translator('vi')('error.comment.tooLong', { length: 2100 })).toBe('Góp ý dài quá 2.000 ký tự (2.100 ký tự). Xin rút gọn.');
		expect(translator('en')('error.comment.tooLong', { length: 2100 })).toBe(
			'The suggestion is longer than 2,000 characters (2,100). Please shorten it.'
		);
		expect(translator('vi')('survey.progress', { n: 4, total: 8 })).toBe('Bước 4/8');
	});
});

describe('staff catalogue', () => {
	it('has an English string for every Vietnamese key', async () => {
		const { staffVi, staffTranslator } = await import('./staff');
		const english = staffTranslator('en');
		for (const key of Object.keys(staffVi) as (keyof typeof staffVi)[]) expect(english(key), key).toBeTypeOf('string');
	});

	it('has the same parameters in both languages', async () => {
		const { staffVi, staffTranslator } = await import('./staff');
		const english = staffTranslator('en');
		const params = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
		for (const key of Object.keys(staffVi) as (keyof typeof staffVi)[]) expect(params(english(key)), key).toEqual(params(staffVi[key]));
	});
});

describe('error page catalogue', () => {
	it('has an English string for every Vietnamese key, with the same parameters', async () => {
		const { errorPageVi, errorPageTranslator } = await import('./errors');
		const { errorsEn } = await import('./errors.en');
		const { errorsVi } = await import('./errors.vi');
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(errorsVi) as (keyof typeof errorsVi)[]) expect(params(errorsEn[key]), key).toEqual(params(errorsVi[key]));
		const english = errorPageTranslator('en');
		for (const key of Object.keys(errorPageVi) as (keyof typeof errorPageVi)[]) expect(english(key), key).toBeTypeOf('string');
		expect(errorPageTranslator('vi')('error.code', { status: 404 })).toBe('Mã lỗi: 404');
	});
});
