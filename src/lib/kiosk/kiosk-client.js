// @ts-nocheck -- a plain browser script served as is (no bundler, no types); tests/e2e/kiosk.spec.ts exercises it.
// The kiosk page's whole script (/k/kiosk.js): plain JavaScript, no framework, so that the page
// with its service worker stays far below 60 KB and runs offline from the cache. Answers go to an
// IndexedDB queue first and are sent from there, each with its submission id: the server stores
// an id once, so a resend after a lost connection never doubles an answer, and an entry leaves
// the queue only once the server has answered for it.
(() => {
	'use strict';
	const data = JSON.parse(document.getElementById('kiosk-data').textContent);
	const base = '/k/' + data.counter.code;
	const credentialKey = 'hailong.kiosk.' + data.counter.code;
	const QUEUE_MAX = 500;
	const app = document.getElementById('app');
	const status = document.getElementById('status');
	const audio = document.getElementById('kiosk-audio');
	let language = data.languages[0];
	let timer = 0;
	let flushing = false;
	let offline = false;
	let credential = localStorage.getItem(credentialKey);

	const t = (key, params) => {
		let text = language.texts[key] ?? data.languages[0].texts[key] ?? key;
		for (const [name, value] of Object.entries(params || {})) text = text.replace('{' + name + '}', String(value));
		return text;
	};

	/** A DOM element: h('p', { class: 'x', onclick: f }, 'text', child…). */
	function h(tag, attributes, ...children) {
		const element = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes || {})) {
			if (value === undefined || value === null || value === false) continue;
			if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
			else element.setAttribute(name, value === true ? '' : String(value));
		}
		for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) element.append(child);
		return element;
	}

	// --- IndexedDB: the queue of answers to send, and those the server refused (with its reason) ---
	let database;
	function openQueue() {
		database ??= new Promise((resolve, reject) => {
			const request = indexedDB.open('hailong-kiosk-' + data.counter.code, 1);
			request.onupgradeneeded = () => {
				request.result.createObjectStore('queue', { keyPath: 'submission_id' });
				request.result.createObjectStore('refused', { keyPath: 'submission_id' });
			};
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		return database;
	}
	async function store(name, mode, work) {
		const db = await openQueue();
		return new Promise((resolve, reject) => {
			const transaction = db.transaction(name, mode);
			const request = work(transaction.objectStore(name));
			transaction.oncomplete = () => resolve(request && request.result);
			transaction.onerror = () => reject(transaction.error);
			transaction.onabort = () => reject(transaction.error);
		});
	}
	const queued = () => store('queue', 'readonly', (s) => s.getAll());
	const queueSize = () => store('queue', 'readonly', (s) => s.count());
	const refusals = () => store('refused', 'readonly', (s) => s.getAll());

	// --- Sending ---
	async function flush() {
		if (flushing || !credential) return;
		flushing = true;
		let settled = 0;
		try {
			const entries = (await queued()).sort((a, b) => a.answered_at.localeCompare(b.answered_at));
			for (const entry of entries) {
				let response;
				try {
					response = await fetch(base + '/answers', {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: 'Bearer ' + credential, 'x-kiosk-queue': String(entries.length) },
						body: JSON.stringify(entry)
					});
				} catch {
					offline = true;
					break; // no connection: the entry stays queued, sent again later
				}
				offline = false;
				if (response.ok) {
					settled++;
					await store('queue', 'readwrite', (s) => s.delete(entry.submission_id));
				} else if (response.status === 400 || response.status === 403 || response.status === 422) {
					const body = await response.json().catch(() => ({}));
					const reason = body.reason || 'invalid';
					// Refused for good (revoked kiosk, too old, in the future, invalid): kept with the reason.
					await store('refused', 'readwrite', (s) => s.put({ submission_id: entry.submission_id, reason, answered_at: entry.answered_at }));
					await store('queue', 'readwrite', (s) => s.delete(entry.submission_id));
					settled++;
				} else {
					if (response.status === 401) forget();
					break; // unknown kiosk or server trouble: keep the queue and try later
				}
			}
		} finally {
			flushing = false;
			// The administrator's page shows the queue as the kiosk last reported it: report the change.
			if (settled) await contact();
			else await showStatus();
		}
	}

	async function contact() {
		if (!credential) return;
		try {
			const response = await fetch(base + '/contact', {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: 'Bearer ' + credential, 'x-kiosk-queue': String(await queueSize()) },
				body: '{}'
			});
			offline = false;
			if (response.status === 401) forget();
		} catch {
			offline = true;
		}
		await showStatus();
	}

	function forget() {
		credential = null;
		localStorage.removeItem(credentialKey);
		notEnrolled();
	}

	async function showStatus() {
		const [waiting, refused] = await Promise.all([queueSize(), refusals()]);
		// Each reason the server gave, with how many answers it refused for it.
		const reasons = {};
		for (const r of refused) reasons[r.reason] = (reasons[r.reason] || 0) + 1;
		const why = Object.entries(reasons).map(([reason, n]) => t('ui.reason.' + reason) + ' (' + n + ')').join(', ');
		status.replaceChildren(
			...(waiting ? [h('span', { class: 'badge', 'data-queued': waiting }, t('ui.queued', { n: waiting }))] : []),
			...(refused.length ? [h('span', { class: 'badge refused', 'data-refused': refused.length }, t('ui.refused', { n: refused.length }) + ' — ' + why)] : []),
			...(offline ? [h('span', { class: 'badge offline' }, t('ui.offline'))] : [])
		);
	}

	// --- Read-aloud: a recorded clip if the administrator uploaded one, else the browser's voice ---
	function voiceFor(code) {
		if (!('speechSynthesis' in window) || (code !== 'vi' && code !== 'en')) return undefined;
		return speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(code));
	}
	/** A loudspeaker drawn inline (an emoji would need a font the tablet may not have). */
	function speaker() {
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		svg.setAttribute('viewBox', '0 0 24 24');
		svg.setAttribute('aria-hidden', 'true');
		svg.setAttribute('class', 'icon');
		svg.innerHTML = '<path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/>';
		return svg;
	}

	function listen(key, text) {
		const clip = (data.clips[language.code] || []).includes(key);
		const voice = voiceFor(language.code);
		if (!clip && !voice) return null;
		return h(
			'button',
			{
				type: 'button',
				class: 'listen',
				'data-key': key,
				'aria-label': t('ui.listen') + ': ' + text,
				onclick: () => {
					audio.pause();
					if ('speechSynthesis' in window) speechSynthesis.cancel();
					if (clip) {
						audio.src = base + '/clips/' + language.code + '/' + encodeURIComponent(key);
						audio.play().catch(() => {});
					} else {
						const utterance = new SpeechSynthesisUtterance(text);
						utterance.lang = voice.lang;
						try {
							utterance.voice = voice;
						} catch {
							// the language alone picks a voice
						}
						speechSynthesis.speak(utterance);
					}
				}
			},
			speaker(),
			t('ui.listen')
		);
	}

	// --- Screens ---
	function stopTimer() {
		clearTimeout(timer);
		document.removeEventListener('pointerdown', idle, true);
		document.removeEventListener('keydown', idle, true);
	}
	function idle() {
		clearTimeout(timer);
		timer = setTimeout(welcome, data.resetWhenIdle * 1000);
	}
	function show(screen, heading) {
		audio.pause();
		if ('speechSynthesis' in window) speechSynthesis.cancel();
		app.replaceChildren(screen);
		document.documentElement.lang = language.code === 'en' ? 'en' : language.code === 'vi' ? 'vi' : language.code === 'jrai' ? 'jra' : 'bdq';
		(heading || screen.querySelector('h1'))?.focus();
	}

	function welcome() {
		stopTimer();
		language = data.languages[0];
		show(
			h(
				'section',
				{ class: 'welcome', 'data-screen': 'welcome' },
				h('p', { class: 'counter' }, data.agency + ' — ' + data.counter.name),
				h('h1', { tabindex: '-1' }, t('ui.welcome')),
				h('p', {}, t('ui.welcomeHint')),
				h('h2', {}, t('ui.language')),
				h(
					'div',
					{ class: 'languages' },
					data.languages.map((l) => h('button', { type: 'button', class: 'big', lang: l.code === 'en' ? 'en' : 'vi', 'data-language': l.code, onclick: () => survey(l) }, l.name))
				)
			)
		);
	}

	function survey(chosen) {
		language = chosen;
		const message = h('p', { class: 'alert', role: 'alert' });
		const form = h(
			'form',
			{ class: 'survey', 'data-screen': 'survey', onsubmit: (event) => send(event, form, message) },
			h('h1', { tabindex: '-1' }, data.counter.name),
			h('p', { class: 'lead' }, t('lead_in'), ' ', listen('lead_in', t('lead_in'))),
			h('p', { class: 'scale' }, t('ui.scale'), ' ', listen('ui.scale', t('ui.scale'))),
			data.dimensions.map((d) =>
				h(
					'section',
					{},
					h('h2', {}, t('dim.' + d.key)),
					d.criteria.map((key) =>
						h(
							'fieldset',
							{ class: 'question' },
							h('legend', {}, t('crit.' + key)),
							listen('crit.' + key, t('crit.' + key)),
							h(
								'div',
								{ class: 'choices' },
								[1, 2, 3, 4, 5].map((v) =>
									h('label', { class: 'choice v' + v }, h('input', { type: 'radio', name: key, value: String(v) }), h('b', {}, String(v)), h('span', {}, t('ui.scale.' + v)))
								),
								h('label', { class: 'choice na' }, h('input', { type: 'radio', name: key, value: 'na' }), h('span', {}, t('ui.na')))
							)
						)
					)
				)
			),
			message,
			h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'big primary' }, t('ui.submit')), h('button', { type: 'button', class: 'big', onclick: welcome }, t('ui.cancel')))
		);
		show(form);
		document.addEventListener('pointerdown', idle, true);
		document.addEventListener('keydown', idle, true);
		idle();
	}

	async function send(event, form, message) {
		event.preventDefault();
		const answers = {};
		for (const [name, value] of new FormData(form)) answers[name] = value === 'na' ? 'na' : Number(value);
		if (!Object.keys(answers).length) return void (message.textContent = t('ui.noAnswer'));
		if ((await queueSize()) >= QUEUE_MAX) return void (message.textContent = t('ui.full'));
		const entry = { submission_id: uuid(), survey_version: data.versionId, answers, answered_at: new Date().toISOString() };
		try {
			await store('queue', 'readwrite', (s) => s.add(entry));
		} catch {
			return void (message.textContent = t('ui.full')); // quota exceeded: the device is full
		}
		thanks();
		void flush();
	}

	function thanks() {
		stopTimer();
		show(
			h(
				'section',
				{ class: 'thanks', 'data-screen': 'thanks' },
				h('h1', { tabindex: '-1' }, t('ui.thanks')),
				h('p', {}, t('ui.thanksHint')),
				h('button', { type: 'button', class: 'big', onclick: welcome }, t('ui.again'))
			)
		);
		timer = setTimeout(welcome, data.resetAfterThanks * 1000);
	}

	function notEnrolled(reason) {
		stopTimer();
		show(h('section', { 'data-screen': 'not-enrolled' }, h('h1', { tabindex: '-1' }, t('ui.notEnrolled')), reason ? h('p', {}, reason) : null));
	}

	function uuid() {
		if (crypto.randomUUID) return crypto.randomUUID();
		const b = crypto.getRandomValues(new Uint8Array(16));
		b[6] = (b[6] & 0x0f) | 0x40;
		b[8] = (b[8] & 0x3f) | 0x80;
		const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
		return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) + '-' + x.slice(20);
	}

	// --- Start: enrol if the URL carries a code, keep the page and clips for offline use ---
	async function start() {
		const code = new URLSearchParams(location.search).get('enrol');
		if (code) {
			history.replaceState(null, '', base);
			try {
				const response = await fetch(base + '/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
				if (response.ok) {
					credential = (await response.json()).credential;
					localStorage.setItem(credentialKey, credential);
				}
			} catch {
				// offline: the code stays unused, the administrator can give it again
			}
		}
		if (!credential) return notEnrolled();
		welcome();
		if ('serviceWorker' in navigator) {
			navigator.serviceWorker.register('/k/sw.js', { scope: '/k/' }).catch(() => {});
			const clips = Object.entries(data.clips).flatMap(([l, keys]) => keys.map((k) => base + '/clips/' + l + '/' + encodeURIComponent(k)));
			caches.open('hailong-kiosk').then((cache) => cache.addAll([base, '/k/kiosk.js', ...clips])).catch(() => {});
		}
		if ('speechSynthesis' in window) speechSynthesis.addEventListener?.('voiceschanged', () => app.querySelector('[data-screen=survey]') || welcome());
		addEventListener('online', () => void flush());
		setInterval(() => void flush(), 30_000);
		setInterval(() => void contact(), 60_000);
		await contact();
		await flush();
	}
	void start();
})();
