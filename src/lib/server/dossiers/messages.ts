import type { Message } from '$lib/i18n';
import type { dossiersVi } from '$lib/i18n/dossiers.vi';

/** A problem with a register file or a pushed dossier, not yet translated (staff catalogue keys). */
export type DossierMessageKey = keyof typeof dossiersVi;
export type DossierMessage = Message<DossierMessageKey>;
