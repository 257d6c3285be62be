/** Vietnamese strings of the dashboard area; keys start with "dashboard.". The English twin is dashboard.en.ts. */
export const dashboardVi = {} as const;
