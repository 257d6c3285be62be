// Starts the built server (build/index.js) with defaults that make a plain `npm start` work on
// http://localhost. adapter-node assumes https unless ORIGIN says otherwise, and form posts are
// checked against that origin, so a local http start needs ORIGIN. Behind a TLS proxy, set
// ORIGIN (or PUBLIC_ORIGIN) to the public https address.
const port = process.env.PORT || '3000';
process.env.PORT = port;
process.env.ORIGIN ||= process.env.PUBLIC_ORIGIN || `http://localhost:${port}`;
// adapter-node's limit applies to every route, so it must let the paper-survey upload through
// (IMPORT_MAX_BYTES, 20 MiB by default) and the petition form (PETITION_MAX_BODY_BYTES, 16 MiB);
// hooks.server.ts holds every other route to SURVEY_MAX_BODY_BYTES (64 KiB) by the length its
// request declares.
process.env.BODY_SIZE_LIMIT ||= String(Math.max(Number(process.env.IMPORT_MAX_BYTES || 20 * 1024 * 1024), Number(process.env.PETITION_MAX_BODY_BYTES || 16 * 1024 * 1024)));
// On SIGTERM or SIGINT, requests in flight get this many seconds (adapter-node's default is 30);
// then hooks.server.ts closes the database and the process exits.
process.env.SHUTDOWN_TIMEOUT ||= '10';

await import('../build/index.js');
