import { describe, expect, it } from 'vitest';
import { addressProblem } from './reachable';

const real = { demo: false };
const demo = { demo: true };

describe('whether a phone can open the address of a QR code', () => {
	it('accepts a public https address, and plain http only on the demo', () => {
		expect(addressProblem('https://khaosat.gialai.gov.vn', real)).toBeNull();
		expect(addressProblem('https://203.0.113.7:8443', real)).toBeNull();
		expect(addressProblem('http://khaosat.gialai.gov.vn', demo)).toBeNull();
		expect(addressProblem('http://khaosat.gialai.gov.vn', real)).toBe('insecure');
	});

	it('refuses the server itself: localhost, 127/8, ::1, 0.0.0.0, also in disguise', () => {
		for (const origin of [
			'http://localhost:3000',
			'https://localhost',
			'http://LOCALHOST.:3000',
			'http://app.localhost',
			'http://127.0.0.1:4173',
			'http://127.255.1.2',
			'http://0x7f.1', // the URL parser reads it as 127.0.0.1
			'http://0.0.0.0:3000',
			'http://[::1]:3000',
			'http://[::ffff:127.0.0.1]'
		]) {
			expect(addressProblem(origin, demo), origin).toBe('loopback');
		}
	});

	it('refuses private networks: 10/8, 172.16/12, 192.168/16, link-local, IPv6 unique-local', () => {
		for (const origin of [
			'http://10.0.0.5',
			'https://10.255.255.255',
			'http://172.16.0.1',
			'http://172.31.255.254:8080',
			'http://192.168.1.10:3000',
			'http://169.254.10.1',
			'http://[fd12:3456::1]',
			'http://[fe80::1]',
			'http://[::ffff:192.168.0.1]'
		]) {
			expect(addressProblem(origin, demo), origin).toBe('private');
		}
		// The edges of 172.16/12 and look-alikes are public.
		expect(addressProblem('https://172.15.0.1', real)).toBeNull();
		expect(addressProblem('https://172.32.0.1', real)).toBeNull();
		expect(addressProblem('https://192.169.0.1', real)).toBeNull();
		expect(addressProblem('https://11.0.0.1', real)).toBeNull();
	});

	it('refuses names no public DNS answers', () => {
		for (const origin of ['http://may-chu.local:3000', 'https://khaosat.lan', 'https://app.internal', 'https://nas.home.arpa', 'http://server01']) {
			expect(addressProblem(origin, demo), origin).toBe('local_name');
		}
		expect(addressProblem('https://local.gov.vn', real)).toBeNull();
	});

	it('says so when the origin is not an http(s) address', () => {
		expect(addressProblem('khaosat.gov.vn', real)).toBe('invalid');
		expect(addressProblem('ftp://khaosat.gov.vn', real)).toBe('invalid');
	});
});
