import { describe, expect, it } from 'vitest';
import { audioTypeOf } from './clips';
import { repeatKey } from './receive';
import { parseTranslationCsv } from './translations';
import type { Submission } from '../survey/validation';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const pad = (b: Uint8Array) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe('audioTypeOf reads the type from the first bytes', () => {
	it('knows MP3 (ID3 tag or frame sync), OGG, WAV and M4A', () => {
		expect(audioTypeOf(pad(bytes('ID3', [4, 0])))).toBe('audio/mpeg');
		expect(audioTypeOf(pad(bytes([0xff, 0xfb, 0x90, 0x64])))).toBe('audio/mpeg');
		expect(audioTypeOf(pad(bytes('OggS')))).toBe('audio/ogg');
		expect(audioTypeOf(pad(bytes('RIFF', [0, 0, 0, 0], 'WAVE')))).toBe('audio/wav');
		expect(audioTypeOf(pad(bytes([0, 0, 0, 0x20], 'ftypM4A ')))).toBe('audio/mp4');
	});
	it('refuses anything else, and files too short to tell', () => {
		expect(audioTypeOf(pad(bytes('RIFF', [0, 0, 0, 0], 'AVI ')))).toBeUndefined();
		expect(audioTypeOf(pad(bytes('%PDF-1.7')))).toBeUndefined();
		expect(audioTypeOf(pad(bytes([0xff, 0xd8, 0xff, 0xe0])))).toBeUndefined(); // JPEG
		expect(audioTypeOf(bytes('ID3'))).toBeUndefined();
	});
});

describe('parseTranslationCsv', () => {
	it('reads key,text rows with quotes, a BOM and an optional header', () => {
		expect(parseTranslationCsv('\uFEFFkey,text\r\ncrit.PA1,"Một, hai ""ba"""\nlead_in,x\n')).toEqual([
			['crit.PA1', 'Một, hai "ba"'],
			['lead_in', 'x']
		]);
		expect(parseTranslationCsv('crit.PA1,y')).toEqual([['crit.PA1', 'y']]);
	});
	it('refuses rows of another width and broken quoting', () => {
		expect(parseTranslationCsv('crit.PA1\n')).toBeUndefined();
		expect(parseTranslationCsv('crit.PA1,"open\n')).toBeUndefined();
	});
});

describe('repeatKey (the repeat-press guard)', () => {
	const submission = (answers: Submission['answers']): Submission => ({
		submission_id: '00000000-0000-4000-8000-000000000000',
		survey_version: 1,
		answers,
		respondent_type: null,
		gender: null,
		age_group: null,
		ethnicity: null,
		channel: 'in_person',
		procedure_field: null,
		dossier_code: null,
		comment: null
	});
	const at = new Date('2026-12-03T03:01:00Z');
	it('is the same for the same answers in any order within the window, shaped kiosk:<id>:<hash>', () => {
		const a = repeatKey(7, submission({ PA1: 5, PA2: 4 }), at, 5);
		expect(repeatKey(7, submission({ PA2: 4, PA1: 5 }), new Date('2026-12-03T03:04:59Z'), 5)).toBe(a);
		expect(a).toMatch(/^kiosk:7:[A-Za-z0-9_-]{24}$/);
	});
	it('differs with other answers, another kiosk or the next window', () => {
		const a = repeatKey(7, submission({ PA1: 5 }), at, 5);
		expect(repeatKey(7, submission({ PA1: 4 }), at, 5)).not.toBe(a);
		expect(repeatKey(8, submission({ PA1: 5 }), at, 5)).not.toBe(a);
		expect(repeatKey(7, submission({ PA1: 5 }), new Date('2026-12-03T03:05:00Z'), 5)).not.toBe(a);
	});
});
