import type { errorsVi } from './errors.vi';

export const errorsEn: { readonly [K in keyof typeof errorsVi]: string } = {
	'error.pageNotFoundHint': 'The address may be mistyped, or the page no longer exists.',
	'error.badRequest': 'The request is not valid',
	'error.badRequestHint': 'The page could not understand this request. Please go back and try again.',
	'error.signInNeeded': 'Sign-in needed',
	'error.signInNeededHint': 'This page is only for signed-in staff.',
	'error.forbidden': 'You may not see this page',
	'error.forbiddenHint': 'Your account may not see or change this. If you need to, please ask your agency’s administrator.',
	'error.methodNotAllowed': 'This action is not possible here',
	'error.tooLargeTitle': 'What was sent is too large',
	'error.tooLargeHint': 'Please shorten it and send again.',
	'error.tooManyTitle': 'Too many requests',
	'error.tooManyHint': 'Please wait a few minutes and try again.',
	'error.internal': 'The system ran into an error',
	'error.internalHint': 'The error has been logged. Please try again in a few minutes.',
	'error.code': 'Error code: {status}',
	'error.startPage': 'Back to your start page',
	'crossOrigin.title': 'Not sent: this page is open at another address',
	'crossOrigin.text': 'This page was opened at {here}, but the system only takes what is sent from pages opened at {origin}. To protect you, what you just filled in was not sent.',
	'crossOrigin.textUnknown': 'This page was opened at an address other than {origin}, the only one the system takes submissions from. To protect you, what you just filled in was not sent.',
	'crossOrigin.keep': 'What you filled in is still there: press your browser’s Back button to return to the previous page.',
	'crossOrigin.open': 'Open the page at the system’s address'
};
