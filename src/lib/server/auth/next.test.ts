import { describe, expect, it } from 'vitest';
import { safeNext, START_PAGE } from './next';

const ORIGIN = 'https://khaosat.example.gov.vn';

describe('safeNext', () => {
	it.each([
		'/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '//evil.example', '/\\/evil.example', '\\\\evil.example',
		'https://evil.example', 'http:evil.example', 'javascript:alert(1)', ' /a', '/ /evil.example', '/\x00', '/a\x7f', 'a/b', '', null, undefined
	])('sends %j to the start page', (next) => {
		expect(safeNext(next, ORIGIN)).toBe(START_PAGE);
	});

	it.each(['/a', '/account', '/a/sct-gialai/report?month=2026-01', '/a/sct-gialai/admin/users/3?saved=role#top', '/a/x?q=%2F%2Fevil.example', '/%2F/evil.example'])(
		'follows %j, a path on this site',
		(next) => {
			expect(safeNext(next, ORIGIN)).toBe(next);
		}
	);
});
