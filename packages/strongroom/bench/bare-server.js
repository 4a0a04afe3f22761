#!/usr/bin/env node
// The ceiling for `npm run bench`: a bare node:http server that reads each
// request body and answers 200 with a fixed small body, doing nothing else.
// Plain JavaScript run by plain node (as bin/strongroom.js runs dist/), so its
// cold start is comparable. Takes `--port N` and `--host H` and prints the same
// JSON "listening" line as strongroom; every other argument is ignored.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' } }, strict: false });

const BODY = Buffer.from(
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
    '<Arn>arn:aws:iam::000000000000:user/admin</Arn><UserId>AIDAAAAAAAAAAAAAAAAAA</UserId><Account>000000000000</Account>' +
    '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
);
const HEADERS = { 'Content-Type': 'text/xml', 'Content-Length': BODY.length };

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, HEADERS);
    res.end(BODY);
  });
});

server.listen(Number(values.port), String(values.host), () => {
  const { port } = server.address();
  const url = `http://${values.host}:${port}`;
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: 'listening', url })}\n`);
});

const stop = () => {
  server.close();
  server.closeIdleConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
