/**
 * Keeps the citizen's unsent answers on the phone (localStorage), so a dropped connection or a
 * reload does not lose them. The submission id is kept too: sending the restored draft later is
 * still the same submission, stored at most once.
 */
const key = (counterCode: string) => `hai-long:draft:${counterCode}`;

export function saveDraft(counterCode: string, form: HTMLFormElement): void {
	const entries = [...new FormData(form)].filter((e): e is [string, string] => typeof e[1] === 'string');
	try {
		localStorage.setItem(key(counterCode), JSON.stringify(entries));
	} catch {
		// Private mode or a full storage: the form still works, only the draft is not kept.
	}
}

export function restoreDraft(counterCode: string, form: HTMLFormElement): boolean {
	let entries: [string, string][];
	try {
		entries = JSON.parse(localStorage.getItem(key(counterCode)) ?? '[]');
	} catch {
		return false;
	}
	for (const [name, value] of entries) {
		for (const element of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`)) {
			if (element instanceof HTMLInputElement && element.type === 'radio') element.checked = element.value === value;
			else element.value = value;
		}
	}
	return entries.length > 0;
}

export function clearDraft(counterCode: string): void {
	try {
		localStorage.removeItem(key(counterCode));
	} catch {
		/* nothing kept, nothing to clear */
	}
}
