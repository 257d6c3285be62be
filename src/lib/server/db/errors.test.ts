import { describe, expect, it } from 'vitest';
import { describeError, isDatabaseUnavailable } from './errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
	it('is true for a server that is away, restarting, or a database not created yet', () => {
		expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('database "hailong" does not exist', '3D000'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
		// localhost: ::1 and 127.0.0.1 both refused
		const both = Object.assign(new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''), { code: undefined });
		expect(isDatabaseUnavailable(both)).toBe(true);
	});

	it('is false for mistakes that waiting does not fix', () => {
		expect(isDatabaseUnavailable(withCode('syntax error at or near "selec"', '42601'))).toBe(false);
		expect(isDatabaseUnavailable(withCode('relation "x" does not exist', '42P01'))).toBe(false);
		expect(isDatabaseUnavailable(withCode('password authentication failed for user "x"', '28P01'))).toBe(false);
		expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
	});
});

describe('describeError', () => {
	it('gives the code and the message, or the messages of an aggregate', () => {
		expect(describeError(withCode('terminating connection due to administrator command', '57P01'))).toBe(
			'57P01: terminating connection due to administrator command'
		);
		expect(describeError(Object.assign(new AggregateError([new Error('a'), new Error('b')], ''), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED: a; b');
	});
});
