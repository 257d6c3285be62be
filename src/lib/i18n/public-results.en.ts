import type { publicResultsVi } from './public-results.vi';

export const publicResultsEn: { readonly [K in keyof typeof publicResultsVi]: string } = {
	'pub.title': 'Satisfaction survey results — {agency}',
	'pub.notice': 'Internal estimate from the survey at the one-stop counter — not the official SIPAS figure.',
	'pub.intro': 'The share of citizens and organisations satisfied with the service of {agency}, month by month. Published under the plan to raise the satisfaction index (accountability dimension).',
	'pub.monthTitle': 'Results for {month}',
	'pub.responses': '{n} survey responses counted.',
	'pub.rate': 'Response rate: {rate} ({responded}/{invited} dossiers invited to rate).',
	'pub.rateNone': 'Response rate: no dossier was invited to rate.',
	'pub.caption': 'Share satisfied by index and dimension, {month}',
	'pub.col.name': 'Index, dimension',
	'pub.col.estimate': 'Share satisfied',
	'pub.col.interval': '95% confidence interval',
	'pub.col.n': 'Responses',
	'pub.col.target': 'Target',
	'pub.col.status': 'Status',
	'pub.index.overall': 'Overall satisfaction index',
	'pub.index.service': 'Administrative service index',
	'pub.index.policy': 'Policy index',
	'pub.trendTitle': 'Overall index, last {months} months',
	'pub.trendCaption': 'Overall satisfaction index by month',
	'pub.chartLabel': 'Chart of the overall satisfaction index by month with its 95% confidence interval; the numbers are in the table above.',
	'pub.col.month': 'Month',
	'pub.tooFew': 'Too few responses (under {minimum})',
	'pub.method':
		'The share satisfied is the share of “Satisfied” or “Very satisfied” among answers from 1 to 5. The 95% confidence interval shows the range due to sampling. Figures under {minimum} responses are not published. Citizens’ comments are not published.',
	'pub.status.met': 'Target met',
	'pub.status.on_track': 'On track',
	'pub.status.below': 'Below target',
	'pub.status.clearly_below': 'Clearly below target',
	'pub.status.insufficient': 'Too few responses',
	'pub.print': 'Print this page'
};
