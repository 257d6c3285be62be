import type { KioskQuestionnaire } from './questionnaire';

/**
 * The kiosk page: one small HTML document carrying its questionnaire as JSON, its style inline
 * and one script (/k/kiosk.js). No SvelteKit hydration: the page must weigh little and be
 * cacheable whole by the service worker, which a page of hashed chunks would not be.
 */
export const KIOSK_CSP =
	"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; " +
	"worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: "<" escaped so no "</script>" can end it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function kioskPage(questionnaire: KioskQuestionnaire): string {
	return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(questionnaire.counter.name)} — Hài Lòng</title>
<style>${STYLE}</style>
</head>
<body>
<header><span>Hài Lòng</span><span id="status" role="status" aria-live="polite"></span></header>
<main id="app"><noscript>Cần bật JavaScript. / JavaScript is required.</noscript></main>
<audio id="kiosk-audio" preload="none"></audio>
<script type="application/json" id="kiosk-data">${scriptJson(questionnaire)}</script>
<script src="/k/kiosk.js" defer></script>
</body>
</html>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.25rem/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;background:#f6f7f9}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.5rem 1rem;background:#0b4f8a;color:#fff;font-weight:700;min-height:3rem}
.badge{display:inline-block;margin-left:.5rem;padding:.125rem .75rem;border-radius:1rem;background:#fff;color:#0b4f8a;font-size:1rem}
.badge.refused{background:#fde8e8;color:#8a1010}.badge.offline{background:#fff4d6;color:#5c4300}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:2rem;margin:.5rem 0 1rem}h2{font-size:1.5rem;margin:2rem 0 .5rem}
h1:focus{outline:none}
.counter{color:#4a5563;margin:0}
button{font:inherit;cursor:pointer}
.big{min-height:4.5rem;min-width:12rem;padding:.75rem 1.5rem;border:2px solid #0b4f8a;border-radius:.75rem;background:#fff;color:#0b4f8a;font-size:1.5rem;font-weight:700}
.big.primary{background:#0b4f8a;color:#fff}
.languages,.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1rem}
.listen{display:inline-flex;align-items:center;gap:.4rem;min-height:3rem;min-width:6rem;margin:.25rem 0;padding:.25rem 1rem;border:2px solid #0b4f8a;border-radius:2rem;background:#eef5fc;color:#0b4f8a;font-weight:700}
.icon{width:1.5rem;height:1.5rem}
button:focus-visible,input:focus-visible+b,.choice:focus-within{outline:3px solid #d97706;outline-offset:2px}
.question{border:0;border-top:1px solid #d5d9e0;margin:0;padding:1rem 0}
legend{font-weight:700;padding:0;margin-bottom:.25rem}
.choices{display:grid;grid-template-columns:repeat(6,1fr);gap:.5rem;margin-top:.5rem}
.choice{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:5.5rem;padding:.25rem;border:2px solid #8a94a3;border-radius:.75rem;background:#fff;text-align:center;font-size:.95rem;line-height:1.2}
.choice b{font-size:1.75rem}
.choice input{position:absolute;opacity:0;width:1px;height:1px}
.choice:has(input:checked){background:#0b4f8a;border-color:#0b4f8a;color:#fff}
.alert{color:#8a1010;font-weight:700;min-height:1.5rem}
.thanks,.welcome{text-align:center;padding-top:3rem}.welcome .languages,.thanks{justify-content:center}
@media (max-width:40rem){.choices{grid-template-columns:repeat(3,1fr)}}
`;
