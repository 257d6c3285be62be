// npm run sums:rebuild [-- --agency CODE]
// Recomputes the pre-aggregated estimate sums from raw answers: for one agency, or for all.
// Safe while the app runs: submissions wait for the rebuild to commit, then add their own sums.
import { rebuildSums } from '../src/lib/server/sums/rebuild';
import { fail, options, withDatabase } from './cli';

const USAGE = 'Usage: npm run sums:rebuild [-- --agency CODE]';
const { values } = options({ agency: { type: 'string' } }, USAGE);

await withDatabase(async ({ db, location }) => {
	let agencyId: number | undefined;
	if (values.agency !== undefined) {
		const agency = await db.selectFrom('agencies').select('id').where('code', '=', values.agency).executeTakeFirst();
		if (!agency) fail(`No agency has the code ${values.agency}.`);
		agencyId = agency.id;
	}
	console.log(`Rebuilding the estimate sums of ${values.agency ?? 'every agency'} (${location}) …`);
	const result = await rebuildSums(db, agencyId, { onMonth: (month) => process.stdout.write(` ${month}`) });
	if (result.responses) process.stdout.write('\n');
	console.log(
		`Done in ${(result.ms / 1000).toFixed(1)} s: ${result.responses} responses → ${result.estimateRows} sums rows, ${result.dailyRows} daily count rows, ${result.registerRows} register month rows.`
	);
});
