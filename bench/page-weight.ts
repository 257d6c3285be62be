/**
 * First-load weight of one page: its HTML plus every stylesheet, script and font it loads before
 * the citizen can use it. Bytes are counted as served (body only, headers excluded) and, for what
 * the server sends uncompressed, also as gzip (level 6) and brotli (quality 11) would send them.
 *
 * Found from the HTML's and the Link header's stylesheets, (module)preloads, <script src> and the
 * import("…") calls of SvelteKit's inline start script, then the static imports
 * (`import … from"./x.js"`, `import"./x.js"`) of every script, recursively, and the fonts in the
 * stylesheets' url(…). Dynamic import() calls inside chunks load other pages' code on navigation,
 * not this page: they are listed as lazy and not counted, except the route's own nodes, which the
 * start script's node_ids name.
 */
import { get } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

export interface Resource {
	url: string;
	kind: 'html' | 'css' | 'js' | 'font';
	encoding: string; // as served: br, gzip or identity
	served: number;
	raw: number;
	gzip: number;
	brotli: number;
	/** What a compressing server sends: as served when compressed, else the gzip size. */
	compressed: number;
}

export interface PageWeight {
	resources: Resource[];
	lazy: string[];
	totalServed: number;
	totalCompressed: number;
}

function fetchRaw(url: string): Promise<{ status: number; encoding: string; link: string; body: Buffer }> {
	return new Promise((resolve, reject) => {
		get(url, { headers: { 'accept-encoding': 'gzip, br', accept: 'text/html,*/*' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					encoding: String(res.headers['content-encoding'] ?? 'identity'),
					link: String(res.headers.link ?? ''),
					body: Buffer.concat(chunks)
				})
			);
			res.on('error', reject);
		}).on('error', reject);
	});
}

function decode(body: Buffer, encoding: string): Buffer {
	if (encoding === 'br') return brotliDecompressSync(body);
	if (encoding === 'gzip') return gunzipSync(body);
	return body;
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
const QUOTED = `(["'\`])([^"'\`]+)\\1`;
const STATIC_IMPORT = new RegExp(`(?:\\bfrom|\\bimport)\\s*${QUOTED}`, 'g');
const DYNAMIC_IMPORT = new RegExp(`\\bimport\\s*\\(\\s*${QUOTED}\\s*\\)`, 'g');
const CSS_URL = /url\(\s*["']?([^"')]+?)["']?\s*\)/g;
const FONT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;

/**
 * The page's own references: stylesheets, scripts and fonts in <link> tags and in the Link response
 * header (SvelteKit sends its modulepreloads there), and the start script's imports.
 */
function referencesOf(html: string, linkHeader: string): { css: string[]; js: string[]; font: string[] } {
	const css: string[] = [];
	const js: string[] = [];
	const font: string[] = [];
	const links = [
		...[...html.matchAll(/<link\b[^>]*>/gi)].map(([tag]) => tag),
		// <url>; rel="modulepreload"; nopush  →  <link href="url" rel="modulepreload">
		...[...linkHeader.matchAll(/<([^>]*)>([^,]*)/g)].map(([, href, params]) => `<link href="${href}" ${params!.replace(/;/g, ' ')}>`)
	];
	for (const tag of links) {
		const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
		const as = attribute(tag, 'as');
		const href = attribute(tag, 'href');
		if (!href) continue;
		if (rel === 'stylesheet' || (rel === 'preload' && as === 'style')) css.push(href);
		else if (rel === 'modulepreload' || (rel === 'preload' && as === 'script')) js.push(href);
		else if (rel === 'preload' && as === 'font') font.push(href);
	}
	for (const [, attrs, content] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const src = attribute(`<script ${attrs}>`, 'src');
		if (src) js.push(src);
		else for (const m of content!.matchAll(DYNAMIC_IMPORT)) js.push(m[2]!);
	}
	return { css, js, font };
}

/**
 * `alsoLoaded`: scripts the page fetches at run time that no tag names, counted too (the kiosk's
 * service worker, registered by its script).
 */
export async function measurePageWeight(pageUrl: string, alsoLoaded: string[] = []): Promise<PageWeight> {
	const resources: Resource[] = [];
	const lazy = new Set<string>();
	const seen = new Set<string>();

	let pageLink = '';
	async function add(url: string, kind: Resource['kind']): Promise<string> {
		const { status, encoding, link, body } = await fetchRaw(url);
		if (kind === 'html') pageLink = link;
		if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
		const raw = decode(body, encoding);
		const gzip = gzipSync(raw, { level: 6 }).length;
		resources.push({
			url,
			kind,
			encoding,
			served: body.length,
			raw: raw.length,
			gzip,
			brotli: brotliCompressSync(raw).length,
			compressed: encoding === 'identity' ? gzip : body.length
		});
		return raw.toString('utf8');
	}

	async function follow(href: string, base: string, kind: Resource['kind']): Promise<void> {
		const url = new URL(href, base).toString();
		if (seen.has(url) || url.startsWith('data:')) return;
		seen.add(url);
		const text = await add(url, kind);
		if (kind === 'js') {
			for (const m of text.matchAll(STATIC_IMPORT)) if (m[2]!.endsWith('.js')) await follow(m[2]!, url, 'js');
			for (const m of text.matchAll(DYNAMIC_IMPORT)) lazy.add(new URL(m[2]!, url).toString());
		} else if (kind === 'css') {
			for (const m of text.matchAll(CSS_URL)) if (FONT.test(m[1]!)) await follow(m[1]!, url, 'font');
		}
	}

	seen.add(pageUrl);
	const html = await add(pageUrl, 'html');
	const refs = referencesOf(html, pageLink);
	for (const href of refs.css) await follow(href, pageUrl, 'css');
	for (const href of refs.font) await follow(href, pageUrl, 'font');
	for (const href of refs.js) await follow(href, pageUrl, 'js');
	for (const href of alsoLoaded) await follow(href, pageUrl, 'js');
	// The route's nodes (layout, page) that the start script hydrates are imported dynamically by
	// app.js; without a preload for them they would be missed, so load them from the lazy list.
	const nodeIds = /node_ids:\s*\[([\d,\s]*)\]/.exec(html)?.[1]?.split(',').map((id) => id.trim()).filter(Boolean) ?? [];
	for (const id of nodeIds) {
		const node = [...lazy].find((url) => new RegExp(`/nodes/${id}\\.[^/]*js$`).test(url));
		if (node) await follow(node, pageUrl, 'js');
	}

	const sum = (pick: (r: Resource) => number) => resources.reduce((total, r) => total + pick(r), 0);
	return {
		resources,
		lazy: [...lazy].filter((url) => !seen.has(url)),
		totalServed: sum((r) => r.served),
		totalCompressed: sum((r) => r.compressed)
	};
}
