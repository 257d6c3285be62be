import type { adminVi } from './admin.vi';

export const adminEn: { readonly [K in keyof typeof adminVi]: string } = {};
