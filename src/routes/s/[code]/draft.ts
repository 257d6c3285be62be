/**
 * Keeps the citizen's unsent answers on the phone (localStorage), so a dropped connection or a
 * reload does not lose them. The submission id is kept too: sending the restored draft later is
 * still the same submission, stored at most once.
 */
const key = (counterCode: string) => `hai-long:draft:${counterCode}`;

type Entry = [name: string, value: string];
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function saveDraft(counterCode: string, form: HTMLFormElement): void {
	const entries = [...new FormData(form)].filter((e): e is Entry => typeof e[1] === 'string');
	try {
		localStorage.setItem(key(counterCode), JSON.stringify(entries));
	} catch {
		// Private mode or a full storage: the form still works, only the draft is not kept.
	}
}

export function restoreDraft(counterCode: string, form: HTMLFormElement): boolean {
	let entries: Entry[];
	try {
		entries = JSON.parse(localStorage.getItem(key(counterCode)) ?? '[]');
	} catch {
		return false;
	}
	applyEntries(form, entries);
	return entries.length > 0;
}

export function clearDraft(counterCode: string): void {
	try {
		localStorage.removeItem(key(counterCode));
	} catch {
		/* nothing kept, nothing to clear */
	}
}

/**
 * What the citizen changed in the server-rendered form before the scripts arrived: on a slow
 * network the form is on screen, and works, a second or more before it is hydrated, and hydrating
 * sets every control back to the state the server rendered. Read before hydration, each control
 * still knows that state (its default) beside the one the citizen gave it.
 */
export function changedEntries(form: HTMLFormElement): Entry[] {
	const entries: Entry[] = [];
	for (const control of form.querySelectorAll<Control>('input[name], select[name], textarea[name]')) {
		if (control instanceof HTMLInputElement) {
			if (control.type === 'radio' || control.type === 'checkbox') {
				if (control.checked && !control.defaultChecked) entries.push([control.name, control.value]);
			} else if (control.type !== 'hidden' && control.value !== control.defaultValue) entries.push([control.name, control.value]);
		} else if (control instanceof HTMLSelectElement) {
			// With no option marked selected, a select shows its first.
			const rendered = Math.max(0, [...control.options].findIndex((o) => o.defaultSelected));
			if (control.selectedIndex !== rendered) entries.push([control.name, control.value]);
		} else if (control.value !== control.defaultValue) entries.push([control.name, control.value]);
	}
	return entries;
}

/** Puts name/value pairs back into the form's controls (a radio group: the one with that value). */
export function applyEntries(form: HTMLFormElement, entries: Entry[]): void {
	for (const [name, value] of entries) {
		for (const element of form.querySelectorAll<Control>(`[name="${CSS.escape(name)}"]`)) {
			if (element instanceof HTMLInputElement && element.type === 'radio') element.checked = element.value === value;
			else element.value = value;
		}
	}
}
