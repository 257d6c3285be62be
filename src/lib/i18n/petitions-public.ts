import { en } from './en';
import { makeTranslator, type Locale } from './index';
import { petitionCommonEn } from './petitions-common.en';
import { petitionCommonVi } from './petitions-common.vi';
import { petitionPublicEn } from './petitions-public.en';
import { petitionPublicVi } from './petitions-public.vi';
import { vi } from './vi';

/** The public petition pages: the public catalogue plus their own strings (kept apart like invitation.ts). */
const catalogues = { vi: { ...vi, ...petitionCommonVi, ...petitionPublicVi }, en: { ...en, ...petitionCommonEn, ...petitionPublicEn } } as const;
export type PetitionPublicKey = keyof (typeof catalogues)['vi'];

export function petitionPublicTranslator(locale: Locale) {
	return makeTranslator<PetitionPublicKey>(catalogues[locale]);
}

export function isPetitionPublicKey(key: string): key is PetitionPublicKey {
	return Object.hasOwn(catalogues.vi, key);
}
