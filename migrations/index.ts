import type { Migration, MigrationProvider } from 'kysely';
import * as surveyCore from './2026-11-27_001_survey_core';
import * as accounts from './2026-11-27_002_accounts';
import * as estimateSums from './2026-11-27_003_estimate_sums';
import * as tokenRoles from './2026-12-03_004_token_roles';
import * as counterNameEn from './2026-12-03_005_counter_name_en';
import * as dossiers from './2026-12-03_006_dossiers';
import * as foldedSums from './2026-12-03_007_folded_sums';
import * as kiosk from './2026-12-03_010_kiosk';
import * as petitions from './2026-12-03_008_petitions';
import * as plan from './2026-12-03_009_plan';
import * as estimatesPublic from './2026-12-03_011_estimates_public';
import * as registerMonths from './2026-12-03_012_register_months';
import * as cellSums from './2026-12-03_013_cell_sums';

/**
 * Every migration, listed by name in order. Static imports (rather than reading the folder at run
 * time) let the same list run in the built server, in the CLI and in tests.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-27_001_survey_core': surveyCore,
	'2026-11-27_002_accounts': accounts,
	'2026-11-27_003_estimate_sums': estimateSums,
	'2026-12-03_004_token_roles': tokenRoles,
	'2026-12-03_005_counter_name_en': counterNameEn,
	'2026-12-03_006_dossiers': dossiers,
	'2026-12-03_007_folded_sums': foldedSums,
	'2026-12-03_010_kiosk': kiosk,
	'2026-12-03_008_petitions': petitions,
	'2026-12-03_009_plan': plan,
	'2026-12-03_011_estimates_public': estimatesPublic,
	'2026-12-03_012_register_months': registerMonths,
	'2026-12-03_013_cell_sums': cellSums
};

export const migrationProvider: MigrationProvider = {
	getMigrations: async () => migrations
};
