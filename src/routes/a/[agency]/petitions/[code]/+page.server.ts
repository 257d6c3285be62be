import { redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Capability } from '$lib/server/auth/principal';
import { publicOrigin } from '$lib/server/counters/posters/origin';
import { db } from '$lib/server/db';
import { formValues } from '$lib/server/http/form-fields';
import type { Outcome } from '$lib/server/http/outcome';
import { listOfficials } from '$lib/server/officials/queries';
import { addNote, answerPetition, assignPetition, closePetition, declinePetition, publishAnswer, unpublishAnswer } from '$lib/server/petitions/lifecycle';
import { notFound, refusePetition, requirePetitions } from '$lib/server/petitions/pages';
import { getPetition } from '$lib/server/petitions/queries';
import { listUnits } from '$lib/server/units/units';
import { localDayKey } from '$lib/sipas/calendar';
import { formatDateTime } from '$lib/server/http/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { principal, agency } = await requirePetitions(event);
	const petition = await getPetition(db(), agency.id, event.params.code);
	if (!petition) notFound();
	const handles = can(principal, 'petitions:handle');
	const [units, officials] = handles ? await Promise.all([listUnits(db(), agency.id), listOfficials(db(), agency.id)]) : [[], []];
	const open = petition.state === 'received' || petition.state === 'assigned';
	const at = (instant: Date | null) => formatDateTime(instant, event.locals.locale);
	return {
		petition: {
			code: petition.code,
			category: petition.category,
			source: petition.source,
			state: petition.state,
			body: petition.body,
			contactName: petition.contact_name,
			phone: petition.phone,
			email: petition.email,
			linkedResponse: petition.response_id !== null,
			dossierCode: petition.dossierCode,
			counterName: petition.counterName,
			unitId: petition.unit_id,
			officialId: petition.official_id,
			unitName: petition.unitName,
			officialName: petition.officialName,
			receivedAt: at(petition.received_at)!,
			dueOn: petition.due_on,
			overdue: open && petition.due_on < localDayKey(new Date()),
			answer: petition.answer,
			answeredAt: at(petition.answered_at),
			declineReason: petition.decline_reason,
			publishedAnswer: petition.published_answer,
			publishedAt: at(petition.published_at),
			satisfied: petition.citizen_satisfied,
			flaggedFlood: petition.flagged_flood,
			notes: petition.notes.map((n) => ({ ...n, createdAt: at(n.createdAt)! })),
			attachments: petition.attachments
		},
		canHandle: handles,
		canPublish: can(principal, 'agency:admin'),
		units: units.map((u) => ({ id: u.id, name: u.name })),
		officials: officials.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name })),
		saved: event.url.searchParams.has('saved')
	};
};

/** One action: its capability, its use case, and back to the case (or the form with its problems). */
function act(capability: Capability, form: string, run: (event: RequestEvent, agencyId: number, values: Record<string, string>, actor: Awaited<ReturnType<typeof requirePetitions>>['principal']) => Promise<Outcome>) {
	return async (event: RequestEvent) => {
		const { principal, agency } = await requirePetitions(event, capability);
		const values = await formValues(event.request);
		const outcome = await run(event, agency.id, values, principal);
		if (!outcome.ok) return refusePetition(outcome, form, values, event.locals.locale);
		redirect(303, `/a/${agency.code}/petitions/${event.params.code}?saved#${form}`);
	};
}

const settings = (event: RequestEvent) => ({ origin: publicOrigin(event.url) });
const code = (event: RequestEvent) => event.params.code ?? '';

export const actions: Actions = {
	assign: act('petitions:handle', 'assign', (e, a, v, p) => assignPetition(db(), p, a, code(e), v, settings(e))),
	note: act('petitions:handle', 'note', (e, a, v, p) => addNote(db(), p, a, code(e), v)),
	answer: act('petitions:handle', 'answer', (e, a, v, p) => answerPetition(db(), p, a, code(e), v, settings(e))),
	decline: act('petitions:handle', 'decline', (e, a, v, p) => declinePetition(db(), p, a, code(e), v, settings(e))),
	close: act('petitions:handle', 'close', (e, a, _v, p) => closePetition(db(), p, a, code(e), settings(e))),
	publish: act('agency:admin', 'publish', (e, a, v, p) => publishAnswer(db(), p, a, code(e), v)),
	unpublish: act('agency:admin', 'publish', (e, a, _v, p) => unpublishAnswer(db(), p, a, code(e)))
};
