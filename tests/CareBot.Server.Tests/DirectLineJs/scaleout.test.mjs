// The whole care flow through botframework-directlinejs (the client inside Web Chat) with every request -- REST calls and
// the WebSocket alike -- going to the next of several CareBot instances on one PostgreSQL, through the tiny round-robin
// proxy below (a load balancer without affinity). Run by DirectLineJsScaleOutTests (xunit), which starts the instances:
//   CAREBOT_DL_TARGETS=http://127.0.0.1:A,http://127.0.0.1:B CAREBOT_DL_SECRET=... node --test scaleout.test.mjs
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
globalThis.XMLHttpRequest = require('xhr2');
globalThis.WebSocket = require('ws');
const { DirectLine } = require('botframework-directlinejs');

const targets = (process.env.CAREBOT_DL_TARGETS ?? '').split(',').filter(Boolean).map((url) => new URL(url));
const secret = process.env.CAREBOT_DL_SECRET;
assert.ok(targets.length >= 2 && secret, 'set CAREBOT_DL_TARGETS (two or more base URLs) and CAREBOT_DL_SECRET');

const customer = [
  'I want to talk to a real person please',
  "I don't have one",
  'sam@example.com',
  'Wrong size delivered',
];

// Round robin per request (and per WebSocket), Host header kept: the streamUrl an instance builds points at the proxy.
const served = targets.map(() => 0);
let turn = 0;
const nextTarget = () => {
  const index = turn++ % targets.length;
  served[index]++;
  return targets[index];
};
const proxy = http.createServer((request, response) => {
  const target = nextTarget();
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers, agent: false },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
  upstream.on('error', (error) => {
    response.writeHead(502);
    response.end(String(error));
  });
  request.pipe(upstream);
});
proxy.on('upgrade', (request, socket, head) => {
  const target = nextTarget();
  const upstream = net.connect(Number(target.port), target.hostname, () => {
    const headers = [];
    for (let i = 0; i < request.rawHeaders.length; i += 2) headers.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
    upstream.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
    upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});

const withTimeout = (promise, what, ms = 30000) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);

function collect(client) {
  const activities = [];
  const waiters = [];
  const subscription = client.activity$.subscribe(
    (activity) => {
      activities.push(activity);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(activities)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve([...activities]);
        }
      }
    },
    (error) => waiters.forEach((w) => w.reject(error)));
  return {
    until(predicate, what) {
      if (predicate(activities)) return Promise.resolve([...activities]);
      return withTimeout(new Promise((resolve, reject) => waiters.push({ predicate, resolve, reject })), what);
    },
    stop() { subscription.unsubscribe(); },
  };
}

const userId = 'dl_roundrobin';
const messages = (activities) => activities.filter((a) => a.type === 'message');
const post = (client, text) =>
  withTimeout(new Promise((resolve, reject) =>
    client.postActivity({ type: 'message', text, from: { id: userId } }).subscribe(resolve, reject)), `the post of "${text}"`);
// True once the bot answered after the activity with this id.
const answered = (id) => (list) => {
  const at = list.findIndex((a) => a.id === id);
  return at >= 0 && list.slice(at + 1).some((a) => a.type === 'message' && a.from.id !== userId);
};

test('the care flow completes with every request going to the next instance', async () => {
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const domain = `http://127.0.0.1:${proxy.address().port}/v3/directline`;
  try {
    const response = await fetch(`${domain}/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
    });
    assert.equal(response.status, 200);
    const { token, conversationId } = await response.json();

    const client = new DirectLine({ token, domain, webSocket: true });
    const seen = collect(client);
    let streamed;
    try {
      for (const text of customer) {
        const id = await post(client, text);
        streamed = await seen.until(answered(id), `the bot's answer to "${text}"`);
      }

      streamed = await seen.until((list) => messages(list).some((a) => /\bC-\d+\b/.test(a.text ?? '')), 'the case number');
    } finally {
      seen.stop();
      client.end();
    }

    assert.deepEqual(messages(streamed).filter((a) => a.from.id === userId).map((a) => a.text), customer, 'each line once, in order');
    assert.equal(new Set(streamed.map((a) => a.id)).size, streamed.length, 'no activity twice');

    // A polling client (every poll to the next instance) reads the same conversation from the start.
    const poller = new DirectLine({ token, domain, webSocket: false, conversationId, watermark: '0', pollingInterval: 200 });
    const polled = collect(poller);
    try {
      const last = messages(streamed).at(-1).id;
      const all = await polled.until((list) => list.some((a) => a.id === last), 'the polled conversation');
      assert.deepEqual(messages(all).map((a) => a.id), messages(streamed).map((a) => a.id));
    } finally {
      polled.stop();
      poller.end();
    }

    console.log(`requests per instance: ${served.join(', ')}`);
    assert.ok(served.every((count) => count > 2), `every instance served requests: ${served.join(', ')}`);
  } finally {
    proxy.close();
  }
});
