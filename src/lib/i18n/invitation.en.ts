import type { invitationVi } from './invitation.vi';

export const invitationEn: { readonly [K in keyof typeof invitationVi]: string } = {
	'invitation.enter.title': 'Rate a dossier with its code',
	'invitation.enter.intro': 'Type the rating code printed on your receipt or sent in the message (21 characters, dashes optional).',
	'invitation.enter.label': 'Rating code',
	'invitation.enter.submit': 'Open the survey',
	'invitation.enter.invalid': 'This code is not right. Please check each character.',
	'invitation.title': 'Rate how your dossier was handled',
	'invitation.procedure': 'Procedure: {name}',
	'invitation.privacy':
		'Your answers are linked to the dossier to count response rates; staff do not see who answered what unless you ask to be contacted.',
	'invitation.wantsContact': 'I would like to be contacted about this feedback',
	'invitation.wantsContactHint': 'If ticked, staff may see that this feedback is about your dossier, to contact you.',
	'invitation.used.title': 'This dossier has already been rated',
	'invitation.used.text': 'Each code can be used once. Thank you for your time.',
	'invitation.expired.title': 'This rating code has expired',
	'invitation.expired.text': 'A code can be used for {days} days after the result of the dossier.',
	'invitation.notFound.title': 'Rating code not found',
	'invitation.notFound.text': 'Please check the code on your receipt or in the message.',
	'invitation.tooMany.title': 'Too many wrong codes',
	'invitation.tooMany.text': 'Please try again in an hour.',
	'invitation.thanks.text': 'Your answers about your dossier have been recorded.'
};
