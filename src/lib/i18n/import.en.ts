import type { importVi } from './import.vi';

export const importEn: { readonly [K in keyof typeof importVi]: string } = {};
