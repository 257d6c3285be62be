import { sql } from 'kysely';
import { startOfLocalMonth } from '../sipas/calendar';
import type { Config } from './config-schema';
import { migrateToLatest, type DatabaseHandle } from './db/connect';
import { withStartLock } from './db/start-lock';
import { seedDemo } from './seed/demo';
import { seedReference } from './seed/reference';
import { seedDemoPlan } from './seed/demo-plan';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from './auth/users';
import { rebuildSums, sumsMissing } from './sums/rebuild';

/**
 * Brings a database up to date at start: migrations, the reference data on an empty database,
 * and, in demo mode, synthetic responses when there are none yet. Safe to run again after an
 * interruption; `signal` (the app stopping) rolls back the demo data or the sums being written.
 * Processes that start together on one server take turns (db/start-lock.ts): the first prepares,
 * the others find it done.
 */
export async function prepareDatabase(handle: DatabaseHandle, config: Config, log = console.log, signal?: AbortSignal): Promise<void> {
	await withStartLock(handle, (db) => prepareLocked({ ...handle, db }, config, log, signal));
}

async function prepareLocked(handle: DatabaseHandle, config: Config, log: typeof console.log, signal?: AbortSignal): Promise<void> {
	const migrated = await migrateToLatest(handle.db);
	const applied = migrated.results?.filter((r) => r.status === 'Success').length ?? 0;
	if (applied) log(`Đã áp dụng ${applied} migration (${handle.kind}: ${handle.location}).`);

	const { created } = await seedReference(handle.db);
	if (created) log('Đã tạo dữ liệu tham chiếu: Sở Công Thương tỉnh Gia Lai, 7 quầy, phiếu khảo sát phiên bản 1.');

	if ((await seedDemoPlan(handle.db)).created) log('Đã tạo kế hoạch cải thiện năm 2024 của Sở Công Thương tỉnh Gia Lai.');
	if (config.seedDemo && (await seedDemoUsers(handle.db))) log('Đã tạo tài khoản demo cho từng vai trò.');

	if (config.seedDemo && config.DEMO_RESPONSES > 0) {
		const { rows } = await sql<{ any: boolean }>`select exists (select 1 from responses) as any`.execute(handle.db);
		if (!rows[0]?.any) {
			log(`Đang tạo ${config.DEMO_RESPONSES.toLocaleString('vi-VN')} phiếu trả lời mẫu (chế độ demo)…`);
			const started = Date.now();
			await seedDemo(handle.db, {
				responses: config.DEMO_RESPONSES,
				from: startOfLocalMonth('2024-01'),
				until: new Date(),
				signal
			});
			log(`Xong sau ${Math.round((Date.now() - started) / 1000)} giây.`);
		}
	}
	// Responses without sums (just seeded, or a database from before the sums existed): fill them,
	// or every report would read as empty.
	if (await sumsMissing(handle.db)) {
		log('Đang tính bảng tổng hợp cho ước tính SIPAS từ các phiếu đã có…');
		const rebuilt = await rebuildSums(handle.db, undefined, {
			onMonth: () => signal?.throwIfAborted(),
			workMem: handle.kind === 'pglite' ? '32MB' : '256MB'
		});
		log(`Xong: ${rebuilt.responses.toLocaleString('vi-VN')} phiếu sau ${Math.round(rebuilt.ms / 1000)} giây.`);
	}
}

/** What the app prints last once it serves: the demo accounts and where to open it. */
export function startupSummary(handle: DatabaseHandle, config: Config): string {
	const lines: string[] = [];
	if (config.seedDemo) {
		lines.push(`\nTài khoản demo (mật khẩu: ${DEMO_PASSWORD}) — đăng nhập tại /login:`);
		for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(15)} ${user.email}`);
	}
	lines.push(
		`\nHài Lòng đang chạy: http://localhost:${config.PORT}/  (cơ sở dữ liệu: ${handle.kind === 'pglite' ? `PGlite nhúng tại ${handle.location}` : handle.location}${config.seedDemo ? ', dữ liệu demo' : ''})\n`
	);
	return lines.join('\n');
}
