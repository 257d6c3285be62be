import { AGE_GROUPS } from '../src/lib/domain/enums';

/**
 * What the survey page's form asks, read from its HTML, and a citizen's filled-in answer to it as
 * the browser would post it (application/x-www-form-urlencoded).
 */
export interface SurveyForm {
	surveyVersion: string;
	criterionKeys: string[];
	procedureFields: string[];
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];

export function readSurveyForm(html: string): SurveyForm {
	const inputs = [...html.matchAll(/<input\b[^>]*>/gi)].map(([tag]) => tag);
	const surveyVersion = inputs.map((tag) => attribute(tag, 'name') === 'survey_version' && attribute(tag, 'value')).find(Boolean);
	if (!surveyVersion) throw new Error('The survey page has no survey_version input');
	const criterionKeys = [
		...new Set(inputs.map((tag) => attribute(tag, 'name')).filter((n): n is string => !!n?.startsWith('a.')).map((n) => n.slice(2)))
	];
	const select = /<select\b[^>]*name=["']procedure_field["'][^>]*>([\s\S]*?)<\/select>/i.exec(html)?.[1] ?? '';
	const procedureFields = [...select.matchAll(/<option\b[^>]*>/gi)].map(([tag]) => attribute(tag, 'value') ?? '').filter(Boolean);
	return { surveyVersion, criterionKeys, procedureFields };
}

const COMMENTS = ['Cán bộ hướng dẫn tận tình, thủ tục nhanh.', 'Chờ hơi lâu nhưng được giải thích rõ ràng.', 'Nên có thêm ghế chờ.'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** One citizen's submission; `marker` ends the comment so the rows of one run can be counted. */
export function filledForm(form: SurveyForm, marker: string): string {
	const body = new URLSearchParams();
	body.set('submission_id', crypto.randomUUID());
	body.set('survey_version', form.surveyVersion);
	for (const key of form.criterionKeys) body.set(`a.${key}`, String(2 + Math.floor(Math.random() * 4)));
	body.set('gender', pick(['female', 'male']));
	body.set('age_group', pick(AGE_GROUPS));
	if (form.procedureFields.length) body.set('procedure_field', pick(form.procedureFields));
	body.set('comment', `${pick(COMMENTS)} ${marker}`);
	return body.toString();
}
