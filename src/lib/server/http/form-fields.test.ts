import { describe, expect, it } from 'vitest';
import { idParam } from './form-fields';
import { chosenId } from './form-schemas';

describe('chosenId', () => {
	it.each([['12', 12], [12, 12], ['2147483647', 2147483647]])('reads %j', (value, expected) => {
		expect(chosenId.parse(value)).toBe(expected);
	});

	it.each([[true], [[3]], ['0x3'], ['3e0'], ['+3'], ['3.0'], [' 3'], ['03'], [''], [0], [-3], [1.5], ['2147483648'], [2147483648], [null]])(
		'refuses %j with the same message',
		(value) => {
			const result = chosenId.safeParse(value);
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((i) => i.message)).toEqual(['admin.error.choose']);
		}
	);
});

describe('idParam', () => {
	it('reads route ids the same way', () => {
		expect(['7', '0x7', '7.0', '07', '2147483648'].map(idParam)).toEqual([7, null, null, null, null]);
	});
});
