/**
 * Where to go after signing in: the `next` the sign-in link carried, only when it is a path on
 * this site. Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" and
 * "/<tab>/evil.example" would leave the site: a next with a backslash or any control character or
 * space is refused outright, and what remains must start with one "/" and resolve to this origin.
 * Anything else goes to the start page, /a (one's agency, or the province page).
 */
export const START_PAGE = '/a';

export function safeNext(next: string | null | undefined, origin: string): string {
	if (!next || next[0] !== '/' || next[1] === '/' || /[\\\x00-\x20\x7f]/.test(next)) return START_PAGE;
	try {
		return new URL(next, origin).origin === origin ? next : START_PAGE;
	} catch {
		return START_PAGE;
	}
}
