import type { reportVi } from './report.vi';

export const reportEn: { readonly [K in keyof typeof reportVi]: string } = {};
