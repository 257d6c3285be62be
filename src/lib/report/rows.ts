import type { DimensionKey, EstimateCell, IndexKey } from '../sipas';

/**
 * The rows of an estimate table — the monthly report, the dashboard, the estimate exports: each
 * index and dimension with its cell. The server arranges them (server/report/monthly-report.ts);
 * EstimateTable.svelte draws them, so the shape lives outside the server.
 */
export type RowKey = DimensionKey | IndexKey;
export type RowKind = 'index' | 'dimension';

export interface ReportRow {
	key: RowKey;
	kind: RowKind;
	cell: EstimateCell;
	/** An index without an estimate: the dimensions that had no answer. */
	missing: DimensionKey[];
}
