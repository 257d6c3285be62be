import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a submission comes from, for the per-network flood count (flood.ts): an IPv4
 * address as it is (a NAT'd office is one address), an IPv6 address by its /64 prefix, which is
 * what one home, office or phone is given and within which a machine may pick a new address for
 * every request. An IPv4-mapped IPv6 address (::ffff:192.0.2.1) is its IPv4 address.
 */
export function networkOf(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) says nothing about the network
	if (!isIPv6(bare)) return address;
	return `${expand(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, each as a lower-case number without leading zeros. */
function expand(address: string): string[] {
	let text = address.toLowerCase();
	// A trailing dotted IPv4 part is the last two groups.
	const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (v4) {
		const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.split('::') as [string, string | undefined];
	const left = head ? head.split(':') : [];
	const right = tail === undefined ? [] : tail ? tail.split(':') : [];
	const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	return groups.map((g) => parseInt(g, 16).toString(16));
}
