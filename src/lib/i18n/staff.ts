import { adminEn } from './admin.en';
import { adminVi } from './admin.vi';
import { authEn } from './auth.en';
import { authVi } from './auth.vi';
import { dashboardEn } from './dashboard.en';
import { dashboardVi } from './dashboard.vi';
import { dossiersEn } from './dossiers.en';
import { dossiersVi } from './dossiers.vi';
import { en } from './en';
import { estimatesEn } from './estimates.en';
import { estimatesVi } from './estimates.vi';
import { importEn } from './import.en';
import { kioskAdminEn } from './kiosk-admin.en';
import { kioskAdminVi } from './kiosk-admin.vi';
import { importVi } from './import.vi';
import { planEn } from './plan.en';
import { planVi } from './plan.vi';
import { makeTranslator, type FieldErrors, type Locale, type Message } from './index';
import { petitionCommonEn } from './petitions-common.en';
import { petitionCommonVi } from './petitions-common.vi';
import { petitionsEn } from './petitions.en';
import { petitionsVi } from './petitions.vi';
import { reportEn } from './report.en';
import { reportVi } from './report.vi';
import { vi } from './vi';

/**
 * The catalogue of the signed-in pages (staff, leadership, administration): the public strings
 * plus one file pair per area. Kept apart from the public catalogue so the citizen's survey does
 * not download strings it never shows.
 */
export const staffVi = { ...vi, ...authVi, ...adminVi, ...importVi, ...reportVi, ...dashboardVi, ...dossiersVi, ...kioskAdminVi, ...petitionCommonVi, ...petitionsVi, ...planVi, ...estimatesVi } as const;
export type StaffMessageKey = keyof typeof staffVi;
/** A message of the signed-in pages' catalogue, and such messages by form field. */
export type StaffMessage = Message<StaffMessageKey>;
export type StaffFieldErrors = FieldErrors<StaffMessageKey>;
type StaffMessages = { readonly [K in StaffMessageKey]: string };

const staffEnglish: StaffMessages = { ...en, ...authEn, ...adminEn, ...importEn, ...reportEn, ...dashboardEn, ...dossiersEn, ...kioskAdminEn, ...petitionCommonEn, ...petitionsEn, ...planEn, ...estimatesEn };

export type StaffTranslate = (key: StaffMessageKey, params?: Record<string, string | number>) => string;

export function staffTranslator(locale: Locale): StaffTranslate {
	return makeTranslator(locale === 'en' ? staffEnglish : staffVi);
}
