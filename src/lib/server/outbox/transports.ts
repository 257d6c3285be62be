import nodemailer from 'nodemailer';
import type { Config } from '../config-schema';
import type { OutboxChannel } from '../db/schema';

/**
 * How a message leaves: email through SMTP (nodemailer), SMS or Zalo through an HTTP gateway that
 * takes POST {to, text} with a secret header and an Idempotency-Key header (the outbox key, so a
 * retry after a crash between sending and recording is not delivered twice by a gateway that
 * honours it). A transport answers normally when the message was accepted, throws a
 * PermanentFailure when retrying cannot help, and throws anything else for "try again later".
 */
export interface Delivery {
	to: string;
	subject: string | null;
	text: string;
	idempotencyKey: string;
}
export type Transport = (delivery: Delivery) => Promise<void>;
export type Transports = Partial<Record<OutboxChannel, Transport>>;

export class PermanentFailure extends Error {}

export function transportsFromConfig(config: Config): Transports {
	const transports: Transports = {};
	if (config.SMTP_HOST && config.SMTP_FROM) {
		const mailer = nodemailer.createTransport({
			host: config.SMTP_HOST,
			port: config.SMTP_PORT,
			secure: config.SMTP_SECURE ?? config.SMTP_PORT === 465,
			auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined
		});
		transports.email = emailTransport(mailer, config.SMTP_FROM);
	}
	if (config.SMS_GATEWAY_URL) transports.sms = gatewayTransport(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_SECRET_HEADER, config.SMS_GATEWAY_SECRET ?? '');
	return transports;
}

export function emailTransport(mailer: { sendMail(message: object): Promise<unknown> }, from: string): Transport {
	return async ({ to, subject, text, idempotencyKey }) => {
		// SMTP has no idempotency key; a stable Message-ID lets mail systems drop a repeated copy.
		const messageId = `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@hailong.outbox>`;
		try {
			await mailer.sendMail({ from, to, subject: subject ?? '', text, messageId, headers: { 'Idempotency-Key': idempotencyKey } });
		} catch (error) {
			const code = (error as { responseCode?: number }).responseCode;
			// 5xx: the server refuses this message for good (unknown mailbox, …); 4xx and network errors are temporary.
			if (code !== undefined && code >= 500) throw new PermanentFailure(`SMTP ${code}`);
			throw error;
		}
	};
}

export function gatewayTransport(url: string, secretHeader: string, secret: string, timeoutMs = 10_000): Transport {
	return async ({ to, text, idempotencyKey }) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [secretHeader]: secret, 'idempotency-key': idempotencyKey },
			body: JSON.stringify({ to, text }),
			signal: AbortSignal.timeout(timeoutMs)
		});
		await response.body?.cancel();
		if (response.ok) return;
		if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentFailure(`gateway ${response.status}`);
		throw new Error(`gateway ${response.status}`);
	};
}
