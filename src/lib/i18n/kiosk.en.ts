import type { KioskUiKey } from './kiosk.vi';

export const kioskUiEn: { readonly [K in KioskUiKey]: string } = {
	'ui.welcome': 'Please rate our service',
	'ui.welcomeHint': 'It takes about 2 minutes. No name needed.',
	'ui.language': 'Choose a language',
	'ui.start': 'Start',
	'ui.scale': 'Touch one box for each statement: 1 is very dissatisfied, 5 is very satisfied.',
	'ui.scale.1': 'Very dissatisfied',
	'ui.scale.2': 'Dissatisfied',
	'ui.scale.3': 'Neutral',
	'ui.scale.4': 'Satisfied',
	'ui.scale.5': 'Very satisfied',
	'ui.na': 'Not applicable',
	'ui.listen': 'Listen',
	'ui.submit': 'Send',
	'ui.cancel': 'Start over',
	'ui.thanks': 'Thank you!',
	'ui.thanksHint': 'Your answers are recorded. The screen returns to the start by itself.',
	'ui.again': 'Back to start',
	'ui.queued': 'Waiting to send: {n}',
	'ui.offline': 'No connection — answers are kept on this device and sent later.',
	'ui.full': 'This device’s storage is full; no more answers for now. Please tell the official at the counter.',
	'ui.notEnrolled': 'This device is not enrolled. Ask an administrator to open an enrolment code.',
	'ui.refused': 'Refused: {n}',
	'ui.noAnswer': 'Please choose at least one answer.'
};
