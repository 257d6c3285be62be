/** Vietnamese strings of the import area; keys start with "import.". The English twin is import.en.ts. */
export const importVi = {} as const;
