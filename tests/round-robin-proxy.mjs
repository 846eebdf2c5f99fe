// A small round-robin HTTP load balancer for the capacity bench (tests/bench-postgres.sh): no affinity, each request to
// the next instance, keep-alive connections to the instances (as a real balancer keeps), Host header kept.
//   node tests/round-robin-proxy.mjs LISTEN_PORT http://127.0.0.1:5001 http://127.0.0.1:5002 ...
// HTTP only (the bench posts activities); the Direct Line WebSocket proxy of the scale-out test lives in
// tests/CareBot.Server.Tests/DirectLineJs/scaleout.test.mjs.
import http from 'node:http';

const [listenPort, ...instances] = process.argv.slice(2);
if (!listenPort || instances.length === 0) {
  console.error('usage: node round-robin-proxy.mjs LISTEN_PORT INSTANCE_URL...');
  process.exit(2);
}

const targets = instances.map((url) => new URL(url));
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let turn = 0;

http.createServer((request, response) => {
  const target = targets[turn++ % targets.length];
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
  upstream.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(String(error));
  });
  request.pipe(upstream);
}).listen(Number(listenPort), '127.0.0.1', () => console.log(`round-robin proxy on 127.0.0.1:${listenPort} over ${instances.join(' ')}`));
