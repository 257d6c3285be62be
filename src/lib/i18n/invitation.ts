import { en } from './en';
import { makeTranslator, type Locale } from './index';
import { invitationEn } from './invitation.en';
import { invitationVi } from './invitation.vi';
import { vi } from './vi';

/** The rating-code pages: the public catalogue plus their own strings (kept apart like staff.ts does). */
const catalogues = { vi: { ...vi, ...invitationVi }, en: { ...en, ...invitationEn } } as const;
export type InvitationMessageKey = keyof (typeof catalogues)['vi'];

export function invitationTranslator(locale: Locale) {
	return makeTranslator<InvitationMessageKey>(catalogues[locale]);
}
