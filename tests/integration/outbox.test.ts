import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/lib/server/outbox/deliver';
import { enqueueMessages, forgetOldRecipients, type OutgoingMessage } from '../../src/lib/server/outbox/enqueue';
import { emailTransport, gatewayTransport, type Transports } from '../../src/lib/server/outbox/transports';
import { seedReference } from '../../src/lib/server/seed/reference';
import { databaseKinds, migratedDatabase, type TestDatabase } from './helpers/databases';

/**
 * The outbox against a real SMTP server (smtp-server, started here) and a local HTTP gateway
 * (node:http): what arrives, a gateway that is down, quiet hours, several workers, a crash
 * between sending and recording.
 */
const AT_10 = new Date('2024-06-30T03:00:00Z'); // 10:00 in Asia/Ho_Chi_Minh
const AT_22 = new Date('2024-06-30T15:00:00Z'); // 22:00

interface Mail { to: string; raw: string }
interface Sms { to: string; text: string; secret: string | undefined; key: string | undefined }

let smtp: SMTPServer;
let smtpPort = 0;
let gateway: Server;
let gatewayUrl = '';
const mails: Mail[] = [];
const sms: Sms[] = [];
const gatewayState = { down: false };

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpPort = (smtp.server.address() as AddressInfo).port;
	gateway = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk));
		request.on('end', () => {
			if (gatewayState.down) {
				response.writeHead(503).end();
				return;
			}
			const key = request.headers['idempotency-key'] as string | undefined;
			// A gateway that honours the key: the same key twice is accepted and not delivered again.
			if (!sms.some((s) => s.key === key)) {
				const { to, text } = JSON.parse(body);
				sms.push({ to, text, secret: request.headers['x-gateway-secret'] as string | undefined, key });
			}
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
	gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
});
afterAll(async () => {
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
	await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

const transports = (): Transports => ({
	email: emailTransport(nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }), 'Hài Lòng <khaosat@sct.test>'),
	sms: gatewayTransport(gatewayUrl, 'x-gateway-secret', 's3cret', 2000)
});

describe.each(await databaseKinds())('the outbox on %s', (kind) => {
	let database: TestDatabase;
	let agencyId: number;
	const message = (n: number, channel: 'email' | 'sms'): OutgoingMessage => ({
		agencyId, topic: 'test', channel, idempotencyKey: `${kind}:test:${n}:${channel}`,
		recipient: channel === 'email' ? `dan${n}@example.vn` : `+8491200000${n}`, subject: channel === 'email' ? `Mời đánh giá hồ sơ ${n}` : null,
		body: `Mời Ông/Bà đánh giá hồ sơ ${n}: https://x.test/r/ABC${n}`
	});
	const deliver = (now: Date) => deliverDue(database.db, { transports: transports(), maxAttempts: 3, now: () => now });
	const rows = () => database.db.selectFrom('outbox').selectAll().orderBy('id').execute();

	beforeAll(async () => {
		database = await migratedDatabase(kind);
		await seedReference(database.db);
		agencyId = (await database.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow()).id;
	});
	beforeEach(async () => {
		mails.length = 0;
		sms.length = 0;
		gatewayState.down = false;
		await database.db.deleteFrom('outbox').execute();
	});
	afterAll(() => database?.drop());

	it('sends email over SMTP and SMS through the gateway, once, and forgets the recipient', async () => {
		expect(await enqueueMessages(database.db, [message(1, 'email'), message(1, 'sms')], AT_10)).toBe(2);
		expect(await enqueueMessages(database.db, [message(1, 'email')], AT_10)).toBe(0); // queued once per key
		expect(await deliver(AT_10)).toEqual({ sent: 2, retrying: 0, failed: 0, quiet: false });
		expect(mails).toHaveLength(1);
		expect(mails[0]!.to).toBe('dan1@example.vn');
		expect(mails[0]!.raw).toContain('https://x.test/r/ABC1');
		expect(mails[0]!.raw).toMatch(/Message-ID: <.*test\.1\.email@hailong\.outbox>/i);
		expect(sms).toEqual([{ to: '+84912000001', text: 'Mời Ông/Bà đánh giá hồ sơ 1: https://x.test/r/ABC1', secret: 's3cret', key: `${kind}:test:1:sms` }]);
		expect((await rows()).map((r) => [r.channel, r.state, r.recipient, r.attempts])).toEqual([['email', 'sent', null, 1], ['sms', 'sent', null, 1]]);
		expect(await deliver(AT_10)).toEqual({ sent: 0, retrying: 0, failed: 0, quiet: false });
		expect(mails).toHaveLength(1);
		expect(sms).toHaveLength(1);
	});

	it('keeps a message pending while the gateway is down, retries it later, and gives up after the last attempt', async () => {
		await enqueueMessages(database.db, [message(2, 'sms')], AT_10);
		gatewayState.down = true;
		expect(await deliver(AT_10)).toMatchObject({ sent: 0, retrying: 1 });
		const [waiting] = await rows();
		expect(waiting).toMatchObject({ state: 'pending', attempts: 1, recipient: '+84912000002', last_error: 'gateway 503' });
		expect(waiting!.next_attempt_at.getTime()).toBe(AT_10.getTime() + 60_000);
		// Not before its time.
		expect(await deliver(new Date(AT_10.getTime() + 30_000))).toMatchObject({ sent: 0, retrying: 0 });
		gatewayState.down = false;
		expect(await deliver(new Date(AT_10.getTime() + 61_000))).toMatchObject({ sent: 1 });
		expect(sms).toHaveLength(1);

		await enqueueMessages(database.db, [message(3, 'sms')], AT_10);
		gatewayState.down = true;
		// Attempts at 10:00, then 1 and 2 minutes after each failure: the third fails for good.
		for (const [minutes, expected] of [[0, { retrying: 1 }], [2, { retrying: 1 }], [10, { failed: 1 }]] as const) {
			expect(await deliver(new Date(AT_10.getTime() + minutes * 60_000))).toMatchObject(expected);
		}
		const failed = (await rows()).find((r) => r.idempotency_key.endsWith(':3:sms'))!;
		expect(failed).toMatchObject({ state: 'failed', attempts: 3, recipient: null });
	});

	it('sends nothing between 21:00 and 07:00', async () => {
		await enqueueMessages(database.db, [message(4, 'email')], AT_10);
		expect(await deliver(AT_22)).toEqual({ sent: 0, retrying: 0, failed: 0, quiet: true });
		expect(mails).toHaveLength(0);
		expect((await rows())[0]!.state).toBe('pending');
	});

	it('sends each message once with several workers at once, and again after a crash only with the same key', async () => {
		await enqueueMessages(database.db, Array.from({ length: 12 }, (_, i) => message(10 + i, 'sms')), AT_10);
		const rounds = await Promise.all([deliver(AT_10), deliver(AT_10), deliver(AT_10)]);
		expect(rounds.reduce((n, r) => n + r.sent, 0)).toBe(12);
		expect(new Set(sms.map((s) => s.key)).size).toBe(12);
		expect(sms).toHaveLength(12);

		// A worker claimed a message and died before recording: the lease runs out, another sends it again
		// with the same idempotency key, and the gateway delivers it once.
		await enqueueMessages(database.db, [message(30, 'sms')], AT_10);
		await database.db.updateTable('outbox').set({ state: 'sending', attempts: 1, locked_until: new Date(AT_10.getTime() + 60_000) }).where('idempotency_key', 'like', '%:30:sms').execute();
		await gatewayTransport(gatewayUrl, 'x-gateway-secret', 's3cret')({ to: '+8491200000030', subject: null, text: 'first try', idempotencyKey: `${kind}:test:30:sms` });
		expect(await deliver(AT_10)).toMatchObject({ sent: 0 }); // still leased
		expect(await deliver(new Date(AT_10.getTime() + 120_000))).toMatchObject({ sent: 1 });
		expect(sms.filter((s) => s.key === `${kind}:test:30:sms`)).toHaveLength(1);
	});

	it('forgets recipients of messages older than the retention period', async () => {
		await enqueueMessages(database.db, [message(5, 'email')], AT_10);
		expect(await forgetOldRecipients(database.db, 30, new Date(AT_10.getTime() + 29 * 86_400_000))).toBe(0);
		expect(await forgetOldRecipients(database.db, 30, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
		expect((await rows())[0]!.recipient).toBeNull();
	});
});
