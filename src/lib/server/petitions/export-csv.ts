import type { Kysely } from 'kysely';
import { addMonths, localDayKey, startOfLocalMonth, type MonthKey } from '../../sipas/calendar';
import type { Database } from '../db/schema';
import { csvLine } from '../tabular/csv';
import { petitionCommonVi } from '$lib/i18n/petitions-common.vi';
import { redactContacts } from './messages';

/**
 * The cases of some months as CSV for entry into the national public-service portal's feedback
 * system (Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị): one row per case received in the
 * months, UTF-8 with BOM (Excel), comma-separated, dates dd/mm/yyyy, Vietnamese values. No
 * name, phone or email of the citizen; phone numbers and emails typed in the texts are removed.
 */
export const EXPORT_COLUMNS = [
	'ma_pakn',
	'ngay_tiep_nhan',
	'hinh_thuc_tiep_nhan',
	'linh_vuc',
	'noi_dung',
	'don_vi_xu_ly',
	'trang_thai',
	'han_tra_loi',
	'ngay_tra_loi',
	'noi_dung_tra_loi',
	'dung_han',
	'cong_khai',
	'danh_gia_cua_nguoi_dan'
] as const;

const SOURCE_VI = { survey: 'Khảo sát sự hài lòng', public_form: 'Trực tuyến', paper: 'Văn bản', phone: 'Điện thoại', counter: 'Trực tiếp' } as const;
const STATE_VI = { received: 'Đã tiếp nhận', assigned: 'Đang xử lý', answered: 'Đã trả lời', closed: 'Đã trả lời', declined: 'Không thụ lý' } as const;

const date = (day: string) => day.split('-').reverse().join('/');

export async function petitionsCsv(db: Kysely<Database>, agencyId: number, from: MonthKey, to: MonthKey): Promise<string> {
	const rows = await db
		.selectFrom('petitions')
		.leftJoin('units', 'units.id', 'petitions.unit_id')
		.select(['petitions.code', 'petitions.received_at as receivedAt', 'petitions.source', 'petitions.category', 'petitions.body', 'units.name as unitName', 'petitions.state', 'petitions.due_on as dueOn', 'petitions.answered_at as answeredAt', 'petitions.closed_at as closedAt', 'petitions.answer', 'petitions.decline_reason as declineReason', 'petitions.published_at as publishedAt', 'petitions.citizen_satisfied as satisfied'])
		.where('petitions.agency_id', '=', agencyId)
		.where('petitions.received_at', '>=', startOfLocalMonth(from))
		.where('petitions.received_at', '<', startOfLocalMonth(addMonths(to, 1)))
		.orderBy('petitions.id')
		.execute();
	const lines = [csvLine(EXPORT_COLUMNS, ',')];
	for (const r of rows) {
		const answered = r.answeredAt ? new Date(r.answeredAt) : r.state === 'declined' && r.closedAt ? new Date(r.closedAt) : null;
		const answeredDay = answered ? localDayKey(answered) : null;
		lines.push(
			csvLine(
				[
					r.code,
					date(localDayKey(new Date(r.receivedAt))),
					SOURCE_VI[r.source],
					petitionCommonVi[`petitions.category.${r.category}`],
					redactContacts(r.body),
					r.unitName ?? '',
					STATE_VI[r.state],
					date(r.dueOn),
					answeredDay ? date(answeredDay) : '',
					redactContacts(r.answer ?? r.declineReason ?? ''),
					answeredDay ? (answeredDay <= r.dueOn ? 'Có' : 'Không') : '',
					r.publishedAt ? 'Có' : 'Không',
					r.satisfied === null ? '' : r.satisfied ? 'Hài lòng' : 'Chưa hài lòng'
				],
				','
			)
		);
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
