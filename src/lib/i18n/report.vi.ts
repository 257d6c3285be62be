/** Vietnamese strings of the report area; keys start with "report.". The English twin is report.en.ts. */
export const reportVi = {} as const;
