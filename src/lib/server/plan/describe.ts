import type { Locale } from '../../i18n';
import type { StaffTranslate } from '../../i18n/staff';
import { formatRate, type Rate } from '../../plan/rates';
import { formatInterval, formatPercent, STATUS_LABELS } from '../../sipas';
import type { CriterionProgress, MeasuredRate } from './progress';

/**
 * One criterion's result and assessment in words, the same on the page, in the Word report and in
 * the PDF: the measured rate (with its numerator and denominator), or the SIPAS estimate with its
 * interval and status, or the tasks' tally; and the verdict that orders and colours it.
 */
export type Verdict = 'met' | 'below' | 'no_data' | 'tasks_late' | 'tasks_open' | 'tasks_done' | 'none';

export interface CriterionWords {
	result: string;
	tally: string;
	verdict: Verdict;
	assessment: string;
}

const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

/** An estimate's period label ('2024-12' year to date, '2024-Q3') in words. */
function periodWords(label: string, t: StaffTranslate): string {
	const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
	if (quarter) return t('plan.period.quarter', { quarter: quarter[2]!, year: quarter[1]! });
	return t('plan.period.ytd', { month: label.slice(5, 7), year: label.slice(0, 4) });
}

export function rateWords(rate: Rate, t: StaffTranslate, locale: Locale, month?: string): string {
	if (rate.value === null) return t('plan.noData');
	const params = { value: formatRate(rate.value, locale), numerator: rate.numerator, denominator: rate.denominator };
	return month ? t('plan.rateOf', { ...params, month: monthLabel(month) }) : t('plan.ratePeriod', params);
}

export function describeCriterion(c: CriterionProgress, t: StaffTranslate, locale: Locale, use: 'latest' | 'period'): CriterionWords {
	const total = c.tally.late + c.tally.open + c.tally.done_late + c.tally.done_on_time;
	const doneCount = c.tally.done_late + c.tally.done_on_time;
	const tally = total ? t('plan.tally', { done: doneCount, total }) : t('plan.doc.noTasks');
	const taskVerdict: Verdict = total === 0 ? 'none' : c.tally.late ? 'tasks_late' : doneCount === total ? 'tasks_done' : 'tasks_open';
	const taskAssessment =
		taskVerdict === 'tasks_late' ? t('plan.doc.assess.tasksLate', { late: c.tally.late }) : taskVerdict === 'tasks_done' ? t('plan.doc.assess.tasksDone') : taskVerdict === 'tasks_open' ? t('plan.doc.assess.tasksOpen') : '';

	if (c.rate) return rateVerdict(c.rate, t, locale, use, tally, taskAssessment);
	if (c.sipas) {
		const cell = c.sipas.cell;
		const status = cell.status;
		const verdict: Verdict = cell.estimate === null ? 'no_data' : status === 'met' || status === 'on_track' ? 'met' : status === 'below' || status === 'clearly_below' ? 'below' : 'no_data';
		const result =
			cell.estimate === null
				? t('plan.noData')
				: `${t('plan.sipasEstimate', {
						estimate: formatPercent(cell.estimate, locale),
						interval: formatInterval(cell.ci_low !== null && cell.ci_high !== null ? { lower: cell.ci_low, upper: cell.ci_high } : null, locale),
						period: periodWords(c.sipas.label, t),
						n: cell.n
					})}${status ? ` — ${STATUS_LABELS[locale][status]}` : ''}${cell.target !== null ? ` (${t('plan.target').toLowerCase()} ${formatPercent(cell.target, locale)})` : ''}`;
		return { result, tally, verdict, assessment: [t(`plan.doc.assess.${verdict === 'met' ? 'met' : verdict === 'below' ? 'below' : 'no_data'}`), taskAssessment].filter(Boolean).join(' ') };
	}
	return { result: tally, tally, verdict: taskVerdict, assessment: taskAssessment || t('plan.doc.assess.no_data') };
}

function rateVerdict(rate: MeasuredRate, t: StaffTranslate, locale: Locale, use: 'latest' | 'period', tally: string, taskAssessment: string): CriterionWords {
	const result = use === 'latest' && rate.latest ? rateWords(rate.latest.rate, t, locale, rate.latest.month) : rateWords(rate.period, t, locale);
	const verdict: Verdict = rate.verdict ?? 'none';
	const assessment = [verdict === 'met' || verdict === 'below' || verdict === 'no_data' ? t(`plan.doc.assess.${verdict}`) : '', taskAssessment].filter(Boolean).join(' ');
	return { result, tally, verdict, assessment };
}
