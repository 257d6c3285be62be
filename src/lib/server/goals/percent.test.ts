import { describe, expect, it } from 'vitest';
import { defaultTarget, parsePercent, percentField } from './percent';

describe('parsePercent', () => {
	it('reads a Vietnamese comma and an English point alike', () => {
		expect(parsePercent('84,19')).toEqual({ kind: 'value', percent: 84.19 });
		expect(parsePercent('84.19')).toEqual({ kind: 'value', percent: 84.19 });
		expect(parsePercent(' 84,19 % ')).toEqual({ kind: 'value', percent: 84.19 });
		expect(parsePercent('100')).toEqual({ kind: 'value', percent: 100 });
		expect(parsePercent('0')).toEqual({ kind: 'value', percent: 0 });
		expect(parsePercent('84,1')).toEqual({ kind: 'value', percent: 84.1 });
		expect(parsePercent('84,190')).toEqual({ kind: 'value', percent: 84.19 });
	});

	it('treats an empty field as no value', () => {
		expect(parsePercent('')).toEqual({ kind: 'empty' });
		expect(parsePercent('   ')).toEqual({ kind: 'empty' });
		expect(parsePercent(undefined)).toEqual({ kind: 'empty' });
	});

	it('refuses what is not a percent with two decimals between 0 and 100', () => {
		expect(parsePercent('abc')).toEqual({ kind: 'invalid', reason: 'format' });
		expect(parsePercent('-1')).toEqual({ kind: 'invalid', reason: 'format' });
		expect(parsePercent('84,19,2')).toEqual({ kind: 'invalid', reason: 'format' });
		expect(parsePercent('1.000,5')).toEqual({ kind: 'invalid', reason: 'format' });
		expect(parsePercent('0,8419')).toEqual({ kind: 'invalid', reason: 'decimals' });
		expect(parsePercent('84,195')).toEqual({ kind: 'invalid', reason: 'decimals' });
		expect(parsePercent('100,01')).toEqual({ kind: 'invalid', reason: 'range' });
		expect(parsePercent('120')).toEqual({ kind: 'invalid', reason: 'range' });
	});
});

describe('defaultTarget', () => {
	it('adds two percentage points with two decimals, capped at 100', () => {
		expect(defaultTarget(84.19)).toBe(86.19);
		expect(defaultTarget(84.9)).toBe(86.9);
		expect(defaultTarget(82.95)).toBe(84.95);
		expect(defaultTarget(99)).toBe(100);
	});
});

describe('percentField', () => {
	it('writes two decimals in the reader’s separator', () => {
		expect(percentField(84.2, 'vi')).toBe('84,20');
		expect(percentField(84.2, 'en')).toBe('84.20');
		expect(percentField(null, 'vi')).toBe('');
	});
});
