import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { listCounters } from '$lib/server/counters/counters';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { qrSvg } from '$lib/server/counters/posters/qr';
import { formValues, idParam } from '$lib/server/http/form-fields';
import { notFoundPage, refuse, requireAdmin } from '$lib/server/http/pages';
import { formatDateTime } from '$lib/server/http/time';
import { createKiosk, listKiosks, renewEnrolment, revokeKiosk } from '$lib/server/kiosks/manage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agency } = await requireAdmin(event);
	const locale = event.locals.locale;
	const [kiosks, counters] = await Promise.all([listKiosks(db(), agency.id), listCounters(db(), agency.id)]);
	return {
		kiosks: kiosks.map((k) => ({ ...k, lastContact: formatDateTime(k.lastContactAt, locale), lastContactAt: undefined, enrolmentExpiresAt: undefined })),
		counters: counters.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name, code: c.code })),
		revokedDone: event.url.searchParams.has('revoked')
	};
};

/** The enrolment code is in this one response only: no redirect, never in a URL the server logs. */
async function enrolment(event: Parameters<Actions[string]>[0], value: { name: string; counterCode: string; code: string; expiresAt: Date }) {
	const url = `${publicOrigin(event.url)}/k/${encodeURIComponent(value.counterCode)}?enrol=${value.code}`;
	const svg = await qrSvg(url);
	return {
		created: {
			name: value.name,
			code: value.code,
			url,
			qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
			expires: formatDateTime(value.expiresAt, event.locals.locale)
		}
	};
}

export const actions: Actions = {
	create: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const outcome = await createKiosk(db(), principal, agency.id, values);
		if (!outcome.ok) return refuse(outcome, 'create', values);
		return enrolment(event, outcome.value);
	},
	renew: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const id = idParam(values.id) ?? notFoundPage();
		const outcome = await renewEnrolment(db(), principal, agency.id, id);
		if (!outcome.ok) return refuse(outcome, 'renew', values, id);
		return enrolment(event, outcome.value);
	},
	revoke: async (event) => {
		const { principal, agency } = await requireAdmin(event);
		const values = await formValues(event.request);
		const id = idParam(values.id) ?? notFoundPage();
		const outcome = await revokeKiosk(db(), principal, agency.id, id);
		if (!outcome.ok) return refuse(outcome, 'revoke', values, id);
		redirect(303, `/a/${agency.code}/admin/kiosks?revoked=1`);
	}
};
