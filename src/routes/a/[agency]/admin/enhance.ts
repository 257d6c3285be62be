import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * Forms post without JavaScript; with it, the page stays where it is and, when the form is refused,
 * the first field marked invalid gets the focus, so a keyboard or screen-reader user lands on the
 * message instead of the top of the page.
 */
export const keepFocus: SubmitFunction = () => {
	return async ({ result, update }) => {
		await update();
		if (result.type !== 'failure') return;
		await tick();
		const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"]');
		if (invalid) invalid.focus();
		else document.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView({ block: 'center' });
	};
};
