import { describe, expect, it } from 'vitest';
import { ESTIMATE_SUMS_COLUMNS } from './columns';
import { addWeighted, emptyVectors, vectorOfRow, vectorsOfArrayText } from './vectors';

const text = (numbers: readonly unknown[]) => `{${numbers.join(',')}}`;
const vectorsOfArrays = (arrays: readonly (readonly unknown[])[]) => vectorsOfArrayText(arrays.map(text));

const values = ESTIMATE_SUMS_COLUMNS.map((_, i) => (i * 7919) % 100_003);
const row = Object.fromEntries(ESTIMATE_SUMS_COLUMNS.map((column, i) => [column, values[i]]));

/** A row's sums as Postgres sends `array[…]::text`, read into the vector the weighted report adds up. */
describe('vectorsOfArrayText', () => {
	it('reads every value in column order, as a row of columns would', () => {
		expect([...vectorsOfArrays([values])[0]!]).toEqual([...vectorOfRow(row)]);
	});

	it('reads each row into its own vector', () => {
		const other = values.map((v) => v * 2);
		const [first, second] = vectorsOfArrays([values, other]);
		second![0] = -1;
		expect([...first!]).toEqual(values);
		expect([...second!.subarray(1)]).toEqual(other.slice(1));
	});

	it('refuses what is not a full array of whole numbers', () => {
		expect(() => vectorsOfArrays([values.slice(1)])).toThrow(/array of \d+ whole numbers/);
		expect(() => vectorsOfArrays([[...values, 1]])).toThrow(/whole numbers/);
		expect(() => vectorsOfArrays([['NULL', ...values.slice(1)]])).toThrow(/whole numbers/);
		expect(() => vectorsOfArrays([[0.5, ...values.slice(1)]])).toThrow(/whole numbers/);
		expect(() => vectorsOfArrayText([values.join(',')])).toThrow(/whole numbers/);
		expect(() => vectorsOfArrayText([`{${values.join(',,')}}`])).toThrow(/whole numbers/);
	});
});

/** §7's four totals of a period, added in one pass. */
describe('addWeighted', () => {
	it('adds S, w·S, w²·S and S', () => {
		const [all, first, second, counted] = emptyVectors(4);
		const [cell] = vectorsOfArrays([values]);
		addWeighted(cell!, 2.5, all!, first!, second!, counted!);
		addWeighted(cell!, 2.5, all!, first!, second!, counted!);
		expect([...all!]).toEqual(values.map((v) => 2 * v));
		expect([...counted!]).toEqual(values.map((v) => 2 * v));
		expect([...first!]).toEqual(values.map((v) => 5 * v));
		expect([...second!]).toEqual(values.map((v) => 12.5 * v));
	});
});
