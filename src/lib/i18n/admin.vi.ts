/** Vietnamese strings of the admin area; keys start with "admin.". The English twin is admin.en.ts. */
export const adminVi = {} as const;
