import { formatDate } from '../../sipas/format';
import { parseDayKey, instantOfLocal } from '../../sipas/calendar';
import type { PetitionCategory } from '../../domain/enums';
import { groupSecret } from './secret';

/**
 * The texts of messages that leave through the outbox, in Vietnamese (citizens and leaders of a
 * Vietnamese agency). Short enough for an SMS where it matters; the answer itself goes in full.
 */
export const CATEGORY_VI: Record<PetitionCategory, string> = {
	procedures: 'thủ tục hành chính',
	regulations: 'quy định, chính sách',
	official_attitude: 'thái độ của cán bộ, công chức',
	results: 'kết quả giải quyết',
	other: 'nội dung khác'
};

export function trackingUrl(origin: string, code: string): string {
	return `${origin}/y/t/${code}`;
}

export function dueText(dueOn: string): string {
	const { year, month, day } = parseDayKey(dueOn);
	return formatDate(instantOfLocal(year, month, day, 12), 'vi');
}

export function receivedText(agency: string, code: string, secret: string, dueOn: string, origin: string): string {
	return `${agency} đã nhận phản ánh, kiến nghị ${code} của Ông/Bà; hạn trả lời ${dueText(dueOn)}. Theo dõi tại ${trackingUrl(origin, code)} với mã bí mật ${groupSecret(secret)}.`;
}

export function answerText(agency: string, code: string, answer: string, origin: string): string {
	return `${agency} trả lời phản ánh, kiến nghị ${code}:\n\n${answer}\n\nXem và đánh giá câu trả lời tại ${trackingUrl(origin, code)}.`;
}

export function declinedText(agency: string, code: string, reason: string, origin: string): string {
	return `${agency} không thụ lý phản ánh, kiến nghị ${code}. Lý do: ${reason}\n\nChi tiết tại ${trackingUrl(origin, code)}.`;
}

/** Phone numbers and email addresses taken out of a text to be published (a safety net; the administrator edits the rest). */
export function redactContacts(text: string): string {
	return text
		.replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, '[…]')
		.replace(/(?:\+?84|0)(?:[\s.-]?\d){9,10}/g, '[…]');
}
