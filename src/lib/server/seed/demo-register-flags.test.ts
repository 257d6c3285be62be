import { describe, expect, it } from 'vitest';
import { demoFlags, demoFlagStream, FLAGS_FROM } from './demo-register-flags';

describe('demo register flags', () => {
	it('leaves every flag empty before the export carried them (deliberately: "no data", never 0%)', () => {
		const random = demoFlagStream(1);
		expect(FLAGS_FROM).toBe('2024-04');
		expect(demoFlags(random, '2.000633.000.00.00.H21', 'online', '2024-03')).toEqual({ synced_national: null, digitised: null, full_online_service: null, paid_online: null, fee_required: null });
	});

	it('fills a realistic, improving mix afterwards, with a few cells empty', () => {
		const share = (month: string, pick: (f: ReturnType<typeof demoFlags>) => boolean | null) => {
			const random = demoFlagStream(7);
			const values = Array.from({ length: 4000 }, () => pick(demoFlags(random, '2.000647.000.00.00.H21', 'online', month)));
			const filled = values.filter((v) => v !== null);
			return { rate: filled.filter(Boolean).length / filled.length, empty: (values.length - filled.length) / values.length };
		};
		const digitisedEarly = share('2024-04', (f) => f.digitised);
		const digitisedLate = share('2025-12', (f) => f.digitised);
		expect(digitisedEarly.rate).toBeGreaterThan(0.12);
		expect(digitisedEarly.rate).toBeLessThan(0.25);
		expect(digitisedLate.rate).toBeGreaterThan(0.4);
		expect(share('2024-07', (f) => f.synced_national).rate).toBeGreaterThan(0.93);
		expect(share('2024-07', (f) => f.synced_national).rate).toBeLessThan(1);
		expect(digitisedEarly.empty).toBeGreaterThan(0.005);
		expect(digitisedEarly.empty).toBeLessThan(0.05);
		// A full-process online service bearing a fee: paid online mostly when filed online.
		expect(share('2024-07', (f) => f.full_online_service).rate).toBe(1);
		expect(share('2024-07', (f) => f.paid_online).rate).toBeGreaterThan(0.6);
		const random = demoFlagStream(3);
		expect(demoFlags(random, '2.000131.000.00.00.H21', 'online', '2024-07')).toMatchObject({ paid_online: null });
	});
});
