import { afterEach, describe, expect, it, vi } from 'vitest';
import { logFailedRequest } from './log';

/** The one JSON line per failed request: what an operator needs, nothing personal. */
describe('logFailedRequest', () => {
	afterEach(() => vi.restoreAllMocks());

	function lineOf(error?: unknown): Record<string, unknown> {
		const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
		const url = new URL('http://localhost/a/sct-gialai/comments?q=Nguy%E1%BB%85n%20V%C4%83n%20A&email=a%40b.vn');
		const event = {
			request: new Request(url, { headers: { 'user-agent': 'Mozilla/5.0 Android', cookie: 'hl_session=secret', 'x-forwarded-for': '203.0.113.7' } }),
			url,
			route: { id: '/a/[agency]/comments' },
			getClientAddress: () => '203.0.113.7'
		};
		logFailedRequest(event as never, error ? 500 : 400, performance.now(), error);
		expect(spy).toHaveBeenCalledTimes(1);
		const line = JSON.parse(String(spy.mock.calls[0]![0]));
		spy.mockRestore();
		return line;
	}

	it('is JSON with the route id, the path without its query string, status and time; no address, agent, cookie or search', () => {
		const line = lineOf();
		expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'path', 'route', 'status', 'time']);
		expect(line).toMatchObject({ level: 'warn', method: 'GET', route: '/a/[agency]/comments', path: '/a/sct-gialai/comments', status: 400 });
		const text = JSON.stringify(line);
		for (const personal of ['203.0.113.7', 'Android', 'secret', 'Nguy', 'a@b.vn', 'a%40b.vn']) expect(text).not.toContain(personal);
	});

	it("names an error by its SQLSTATE and message, without the value Postgres quotes from the input", () => {
		const pgError = Object.assign(new Error('invalid input syntax for type integer: "0912 345 678"'), { code: '22P02' });
		expect(lineOf(pgError)).toMatchObject({ level: 'error', status: 500, error: 'Error 22P02: invalid input syntax for type integer: "…"' });
		const unique = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), { code: '23505' });
		// A constraint's name is the schema's, not the input's: it stays.
		expect(lineOf(unique).error).toBe('Error 23505: duplicate key value violates unique constraint "users_email_key"');
		expect(String(lineOf(new Error('x'.repeat(1000))).error).length).toBe(300);
	});
});
