import { z } from 'zod';
import { DIMENSION_KEYS } from '../../sipas';
import { storableText } from '../db/limits';
import { parsePercent } from '../goals/percent';

/**
 * The form of an official SIPAS result as published: year, scope ("tỉnh Gia Lai", "cả nước"),
 * the overall percent and any dimensions published, typed like the goals ("83,84"). At least one
 * number is needed. Messages are staff catalogue keys.
 */
const percent = z
	.string()
	.optional()
	.transform((raw, ctx) => {
		const parsed = parsePercent(raw);
		if (parsed.kind === 'value') return parsed.percent;
		if (parsed.kind === 'empty') return null;
		ctx.addIssue({ code: 'custom', message: `admin.goals.${parsed.reason}` });
		return z.NEVER;
	});

export const officialResultForm = z
	.object({
		year: z
			.string({ error: 'admin.error.required' })
			.trim()
			.regex(/^\d{4}$/, { error: 'official.error.year' })
			.transform(Number)
			.pipe(z.number().min(2000, { error: 'official.error.year' }).max(2100, { error: 'official.error.year' })),
		scope: z
			.string({ error: 'admin.error.required' })
			.trim()
			.min(1, { error: 'admin.error.required' })
			.max(120, { error: 'official.error.scopeLong' })
			.refine(storableText, { error: 'admin.error.unstorable' }),
		source: z
			.string()
			.optional()
			.transform((v) => (v ?? '').trim() || null)
			.pipe(z.string().max(300, { error: 'official.error.sourceLong' }).refine(storableText, { error: 'admin.error.unstorable' }).nullable()),
		overall: percent,
		...Object.fromEntries(DIMENSION_KEYS.map((key) => [`d_${key}`, percent]))
	})
	.transform((form) => {
		const dimensions: Record<string, number> = {};
		for (const key of DIMENSION_KEYS) {
			const value = (form as Record<string, unknown>)[`d_${key}`];
			if (typeof value === 'number') dimensions[key] = value;
		}
		return { year: form.year, scope: form.scope, source: form.source, overall: form.overall as number | null, dimensions };
	})
	.refine((r) => r.overall !== null || Object.keys(r.dimensions).length > 0, { message: 'official.error.noNumber', path: ['overall'] });

export type OfficialResultInput = z.output<typeof officialResultForm>;
