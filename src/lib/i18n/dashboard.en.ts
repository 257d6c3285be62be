import type { dashboardVi } from './dashboard.vi';

export const dashboardEn: { readonly [K in keyof typeof dashboardVi]: string } = {};
