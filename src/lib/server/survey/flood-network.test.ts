import { describe, expect, it } from 'vitest';
import { networkOf } from './flood-network';

describe('networkOf', () => {
	it('keeps an IPv4 address as it is, also when mapped into IPv6', () => {
		expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
		expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(networkOf('::FFFF:203.0.113.7')).toBe('203.0.113.7');
	});

	it('reads an IPv6 address as its /64, however it is written', () => {
		const network = '2001:db8:1:2::/64';
		for (const address of ['2001:db8:1:2::1', '2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd', '2001:DB8:1:2:ffff::', '2001:db8:1:2:0:0:0:1', '2001:db8:1:2::1%eth0']) {
			expect(networkOf(address), address).toBe(network);
		}
		expect(networkOf('2001:db8:1:3::1')).not.toBe(network);
		expect(networkOf('::1')).toBe('0:0:0:0::/64');
		expect(networkOf('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
	});

	it('leaves anything else as it is', () => {
		expect(networkOf('')).toBe('');
		expect(networkOf('not an address')).toBe('not an address');
	});
});
