/**
 * What Postgres columns accept, for the checks that keep bad input a 4xx. A value outside them
 * makes the query fail (and the request a 500) rather than find nothing, so input is checked
 * against them where it is parsed.
 */

/** The largest int4 (serial ids, smallint excepted): 2^31 − 1. */
export const INT4_MAX = 2_147_483_647;

/**
 * Whether Postgres can hold this text: every character but U+0000 ("invalid byte sequence for
 * encoding UTF8: 0x00", even in a query parameter). Forms and JSON may carry it (%00, \u0000).
 */
export function storableText(value: string): boolean {
	return !value.includes('\u0000');
}
