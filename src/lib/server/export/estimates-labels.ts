import type { Locale } from '../../i18n';
import { staffTranslator } from '../../i18n/staff';
import type { DimensionKey } from '../../sipas';
import type { ResolvedPeriod } from '../estimates';
import type { RowKey } from '../../report/rows';
import type { EstimatesExportLabels } from './estimates-files';

/**
 * The words of the aggregated export in the reader's language. The period is written the same in
 * every language, as ISO text: 2024-07, 2024-Q3, or first/last day (2024-01-01/2024-07-31).
 */
export function estimatesExportLabels(locale: Locale, period: ResolvedPeriod, dimensionNames: Record<DimensionKey, string>): EstimatesExportLabels {
	const t = staffTranslator(locale);
	const names: Record<RowKey, string> = {
		...dimensionNames,
		overall: t('report.index.overall'),
		service: t('report.index.service'),
		policy: t('report.index.policy')
	};
	return {
		locale,
		period: period.kind === 'month' || period.kind === 'quarter' ? period.label : `${period.first}/${period.last}`,
		rowName: (key) => names[key],
		dimensionName: (key) => names[key],
		header: {
			period: t('dashboard.export.col.period'),
			key: t('dashboard.export.col.key'),
			name: t('dashboard.export.col.name'),
			n: t('dashboard.export.col.n'),
			estimate: t('dashboard.export.col.estimate'),
			ciLow: t('dashboard.export.col.ciLow'),
			ciHigh: t('dashboard.export.col.ciHigh'),
			baseline: t('dashboard.export.col.baseline'),
			target: t('dashboard.export.col.target'),
			change: t('dashboard.export.col.change'),
			status: t('dashboard.export.col.status'),
			statusLabel: t('dashboard.export.col.statusLabel'),
			missing: t('dashboard.export.col.missing')
		},
		notice: t('report.notice'),
		responses: t('dashboard.export.responsesCounted'),
		weighted: {
			estimate: t('export.col.weightedEstimate'),
			ciLow: t('export.col.weightedCiLow'),
			ciHigh: t('export.col.weightedCiHigh'),
			deff: t('export.col.deff'),
			status: t('export.col.weightedStatus'),
			frame: t('export.weighted.frame'),
			coverage: t('export.weighted.coverage'),
			responseRate: t('export.weighted.responseRate')
		}
	};
}
