/**
 * Whether a citizen's phone can open the address printed in a QR code. A poster is printed once and
 * hangs for years: an address that only works on the server itself (localhost, 127.0.0.1), inside
 * one office network (10.x, 192.168.x, printer.local) or over plain http on a real install must be
 * caught before it is printed, not when the first citizen scans it. Pure: decided from the origin
 * alone, nothing is resolved or fetched.
 */
export type AddressProblem =
	/** Only the server itself: localhost, 127.0.0.0/8, ::1, 0.0.0.0. */
	| 'loopback'
	/** A private network: 10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10. */
	| 'private'
	/** A name no public DNS answers: *.local (mDNS), *.lan, *.internal, *.home.arpa, one label. */
	| 'local_name'
	/** http:// on an install that is not the demo: browsers warn, networks may rewrite it. */
	| 'insecure'
	/** Not an http(s) origin at all. */
	| 'invalid';

const LOCAL_SUFFIXES = ['.local', '.lan', '.internal', '.home.arpa', '.localdomain'];

export function addressProblem(origin: string, options: { demo: boolean }): AddressProblem | null {
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return 'invalid';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'invalid';
	const host = url.hostname.toLowerCase().replace(/\.$/, '');
	const kind = hostKind(host);
	if (kind) return kind;
	if (url.protocol === 'http:' && !options.demo) return 'insecure';
	return null;
}

function hostKind(host: string): AddressProblem | null {
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (host.startsWith('[')) return ipv6Kind(host.slice(1, -1));
	const v4 = ipv4(host);
	if (v4) return ipv4Kind(v4);
	if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'local_name';
	return null;
}

/** The four bytes of a dotted IPv4 address (the URL parser has already normalised 0x7f.1 etc.). */
function ipv4(host: string): number[] | null {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
	const bytes = parts.map(Number);
	return bytes.every((b) => b <= 255) ? bytes : null;
}

function ipv4Kind([a, b]: number[]): AddressProblem | null {
	if (a === 127 || a === 0) return 'loopback';
	if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return 'private';
	return null;
}

function ipv6Kind(address: string): AddressProblem | null {
	if (address === '::1' || address === '::') return 'loopback';
	// An IPv4 address written as IPv6 (::ffff:7f00:1 is 127.0.0.1).
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
	if (mapped) {
		const high = parseInt(mapped[1]!, 16);
		const low = parseInt(mapped[2]!, 16);
		return ipv4Kind([high >> 8, high & 255, low >> 8, low & 255]);
	}
	const first = parseInt(address.split(':')[0] || '0', 16);
	if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return 'private';
	return null;
}
