import type { Kysely } from 'kysely';
import type { Locale } from '../../i18n';
import { staffTranslator, type StaffTranslate } from '../../i18n/staff';
import { localDate } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { describeCriterion, type CriterionWords } from './describe';
import { loadProgress, type CriterionProgress, type PlanProgress, type ProgressPeriod } from './progress';

/**
 * The Office's progress report of the plan for a quarter or the year, as the Word document and the
 * PDF lay it out (report-docx.ts, report-pdf.ts): the form of a Vietnamese administrative report
 * (Nghị định 30/2020/NĐ-CP) — the agency and national headers, the number and the place and date
 * lines, the title, one section per criterion with target, result, tasks and assessment, the
 * overall assessment, recipients and the signature block. Every line's words come from here.
 */
export interface PlanReport {
	locale: Locale;
	fileBase: string;
	agencyName: string;
	nation: string;
	motto: string;
	numberLine: string;
	placeDate: string;
	kind: string;
	title: string;
	opening: string;
	sections: { heading: string; criteria: { heading: string; units: string; lines: string[]; words: CriterionWords; criterion: CriterionProgress }[] }[];
	closingHeading: string;
	closing: string[];
	recipientsTitle: string;
	recipients: string[];
	signerRole: string[];
	signer: string;
	progress: PlanProgress;
}

export type ReportPeriodParam = { kind: 'quarter'; quarter: 1 | 2 | 3 | 4 } | { kind: 'year' };

/** "q1"…"q4" or "year"; anything else is null (the route answers 400). */
export function readReportPeriod(value: string | null): ReportPeriodParam | null {
	if (value === 'year') return { kind: 'year' };
	const match = /^q([1-4])$/.exec(value ?? '');
	return match ? { kind: 'quarter', quarter: Number(match[1]) as 1 | 2 | 3 | 4 } : null;
}

/** "Sở Công Thương tỉnh Gia Lai" → "Gia Lai": the place line of the date. */
export function placeOf(agencyName: string): string {
	const match = /(?:tỉnh|thành phố|province|city)\s+(.+)$/iu.exec(agencyName);
	return match ? match[1]!.trim() : '';
}

/** "…/KH-SCT" → "SCT": the agency's abbreviation, as its plan's number writes it. */
export function abbreviationOf(planNumber: string, fallback: string): string {
	const match = /\/[A-ZĐ]+-([A-ZĐ0-9]+)\s*$/u.exec(planNumber);
	return match ? match[1]! : fallback.toUpperCase();
}

export async function buildPlanReport(
	db: Kysely<Database>,
	agency: { id: number; code: string; name_vi: string; name_en: string },
	options: { year: number; period: ReportPeriodParam; locale: Locale; minimumSample: number; now?: Date }
): Promise<PlanReport | null> {
	const period: ProgressPeriod = options.period;
	const progress = await loadProgress(db, agency.id, { year: options.year, period, minimumSample: options.minimumSample, now: options.now });
	if (!progress || progress.plan.year !== options.year) return null;
	const t: StaffTranslate = staffTranslator(options.locale);
	const agencyName = options.locale === 'en' ? agency.name_en : agency.name_vi;
	const today = localDate(options.now ?? new Date());
	const year = progress.plan.year;
	const quarter = options.period.kind === 'quarter' ? options.period.quarter : null;
	const planRef = `${options.locale === 'en' ? 'Plan' : 'Kế hoạch'} ${progress.plan.number}`.trim();
	const described = (kind: 'par' | 'sipas') =>
		[...progress.criteria]
			.filter((c) => c.kind === kind)
			.sort((a, b) => a.position - b.position)
			.map((c) => {
				const words = describeCriterion(c, t, options.locale, 'period');
				return {
					heading: `${c.code}. ${c.title}`,
					units: t('plan.doc.units', { lead: c.lead.map((u) => u.name).join(', ') || '—', support: c.support.map((u) => u.name).join(', ') || '—' }),
					lines: [
						t('plan.doc.target', { target: c.targetText || '—' }),
						t('plan.doc.result', { result: words.result }),
						t('plan.doc.tasks', { tally: words.tally }),
						t('plan.doc.assessment', { assessment: words.assessment || '—' })
					],
					words,
					criterion: c
				};
			});
	const sections = [
		{ heading: t('plan.doc.sectionPar'), criteria: described('par') },
		{ heading: t('plan.doc.sectionSipas'), criteria: described('sipas') }
	].filter((s) => s.criteria.length);
	const all = sections.flatMap((s) => s.criteria);
	const count = (v: string) => all.filter((c) => c.words.verdict === v).length;
	const late = all.reduce((n, c) => n + c.criterion.tally.late, 0);
	const periodWords = quarter ? t('plan.doc.periodQuarter', { quarter, year }) : t('plan.doc.periodYear', { year });
	return {
		locale: options.locale,
		fileBase: quarter ? `bao-cao-ke-hoach-${year}-quy-${quarter}` : `bao-cao-ke-hoach-${year}`,
		agencyName,
		nation: t('plan.doc.nation'),
		motto: t('plan.doc.motto'),
		numberLine: t('plan.doc.number', { abbr: abbreviationOf(progress.plan.number, agency.code) }),
		placeDate: t('plan.doc.placeDate', { place: placeOf(agencyName), day: String(today.day).padStart(2, '0'), month: String(today.month).padStart(2, '0'), year: today.year }),
		kind: t('plan.doc.kind'),
		title: quarter ? t('plan.doc.titleQuarter', { number: progress.plan.number, quarter, year }) : t('plan.doc.titleYear', { number: progress.plan.number, year }),
		opening: t('plan.doc.opening', { plan: planRef, agency: agencyName, period: periodWords }),
		sections,
		closingHeading: t('plan.doc.sectionEnd'),
		closing: [t('plan.doc.summary', { met: count('met'), below: count('below'), noData: count('no_data'), late }), t('plan.doc.recommend')],
		recipientsTitle: t('plan.doc.recipients'),
		recipients: t('plan.doc.recipientList').split('\n'),
		signerRole: t('plan.doc.signerRole').split('\n'),
		signer: '',
		progress
	};
}
