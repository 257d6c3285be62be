// Starts the built server (build/index.js) with defaults that make a plain `npm start` work on
// http://localhost. adapter-node assumes https unless ORIGIN says otherwise, and form posts are
// checked against that origin, so a local http start needs ORIGIN. Behind a TLS proxy, set
// ORIGIN (or PUBLIC_ORIGIN) to the public https address.
const port = process.env.PORT || '3000';
process.env.PORT = port;
process.env.ORIGIN ||= process.env.PUBLIC_ORIGIN || `http://localhost:${port}`;
// Room for a long comment in Vietnamese, far below anything that could hurt the server.
process.env.BODY_SIZE_LIMIT ||= '128K';

await import('../build/index.js');
