// Drives CareBot's built-in Direct Line 3.0 channel with Microsoft's botframework-directlinejs, the client Web Chat
// uses. Run by DirectLineJsTests (xunit), which starts the server and passes its address and secret:
//   CAREBOT_DL_DOMAIN=http://127.0.0.1:PORT/v3/directline CAREBOT_DL_SECRET=... node directline.test.mjs
// The server's test bot answers "echo: <text>" to every message.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
// DirectLineJS is written for browsers: it needs XMLHttpRequest and WebSocket globals (Node 20 has neither).
globalThis.XMLHttpRequest = require('xhr2');
globalThis.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const domain = process.env.CAREBOT_DL_DOMAIN;
const secret = process.env.CAREBOT_DL_SECRET;
assert.ok(domain && secret, 'set CAREBOT_DL_DOMAIN and CAREBOT_DL_SECRET');

const withTimeout = (promise, what, ms = 20000) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);

// Collects activities from a client and resolves when `predicate` holds for the collected list.
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
    activities,
    until(predicate, what) {
      if (predicate(activities)) return Promise.resolve([...activities]);
      return withTimeout(new Promise((resolve, reject) => waiters.push({ predicate, resolve, reject })), what);
    },
    stop() { subscription.unsubscribe(); },
  };
}

const post = (client, text, userId = 'dl_directlinejs') =>
  withTimeout(new Promise((resolve, reject) =>
    client.postActivity({ type: 'message', text, from: { id: userId, name: 'DirectLineJS' }, channelData: { clientActivityID: `c-${text}` } })
      .subscribe(resolve, reject)), `the post of "${text}"`);

const texts = (activities) => activities.filter((a) => a.type === 'message').map((a) => a.text);

async function generateToken() {
  const response = await fetch(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: 'dl_directlinejs' } }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

test('start with a token, send, and receive the echo and the reply over the WebSocket', async () => {
  const { token } = await generateToken();
  const client = new DirectLine({ token, domain, webSocket: true });
  const seen = collect(client);
  try {
    const id = await post(client, 'hello over the socket');
    const activities = await seen.until((list) => texts(list).includes('echo: hello over the socket'), 'the reply');
    const echo = activities.find((a) => a.id === id);
    assert.ok(echo, 'the posted activity comes back with the id the post answered');
    assert.equal(echo.channelData.clientActivityID, 'c-hello over the socket');
    assert.equal(client.connectionStatus$.getValue(), ConnectionStatus.Online);
    assert.ok(Number(client.watermark) >= 2, `watermark after two activities, got "${client.watermark}"`);
  } finally {
    seen.stop();
    client.end();
  }
});

test('poll with watermarks: each activity arrives once, and a new client resumes after the watermark', async () => {
  const client = new DirectLine({ secret, domain, webSocket: false, pollingInterval: 200 });
  const seen = collect(client);
  let conversationId;
  let watermark;
  try {
    await post(client, 'poll one');
    await post(client, 'poll two');
    const activities = await seen.until((list) => texts(list).includes('echo: poll two'), 'two polled replies');
    assert.deepEqual(texts(activities), ['poll one', 'echo: poll one', 'poll two', 'echo: poll two']);
    assert.equal(new Set(activities.map((a) => a.id)).size, activities.length, 'no activity twice');
    conversationId = client.conversationId;
    watermark = client.watermark;
    assert.equal(watermark, '4');
  } finally {
    seen.stop();
    client.end();
  }

  const resumed = new DirectLine({ secret, domain, webSocket: false, pollingInterval: 200, conversationId, watermark });
  const later = collect(resumed);
  try {
    await post(resumed, 'poll three');
    const activities = await later.until((list) => texts(list).includes('echo: poll three'), 'the resumed reply');
    assert.deepEqual(texts(activities), ['poll three', 'echo: poll three'], 'only what came after the watermark');
  } finally {
    later.stop();
    resumed.end();
  }
});

test('reconnect: a client resuming a conversation over the WebSocket gets only what it missed', async () => {
  const { token, conversationId } = await generateToken();
  const first = new DirectLine({ token, domain, webSocket: true });
  const seen = collect(first);
  let watermark;
  try {
    await post(first, 'before the break');
    await seen.until((list) => texts(list).includes('echo: before the break'), 'the first reply');
    watermark = first.watermark;
  } finally {
    seen.stop();
    first.end();
  }

  // Something happens while nobody is connected (a proactive message would land the same way).
  const offline = new DirectLine({ token, domain, webSocket: false, conversationId, watermark, pollingInterval: 200 });
  await post(offline, 'while away');
  offline.end();

  const second = new DirectLine({ token, domain, webSocket: true, conversationId, watermark });
  const resumed = collect(second);
  try {
    const activities = await resumed.until((list) => texts(list).includes('echo: while away'), 'the replayed reply');
    assert.deepEqual(texts(activities), ['while away', 'echo: while away']);
    assert.equal(second.connectionStatus$.getValue(), ConnectionStatus.Online);
  } finally {
    resumed.stop();
    second.end();
  }
});

test('a new socket on a long conversation catches up: every activity once, in order', async () => {
  // Polling pages by three (DirectLine:MaxActivitiesPerPage=3 in this run); the socket catches up one activity per frame.
  const { token, conversationId } = await generateToken();
  const writer = new DirectLine({ token, domain, webSocket: false, conversationId, pollingInterval: 200 });
  for (const n of [1, 2, 3, 4, 5]) {
    await post(writer, `long ${n}`);
  }
  writer.end();

  const reader = new DirectLine({ token, domain, webSocket: true, conversationId, watermark: '0' });
  const seen = collect(reader);
  try {
    const activities = await seen.until((list) => texts(list).includes('echo: long 5'), 'the last replayed reply');
    assert.deepEqual(texts(activities), [1, 2, 3, 4, 5].flatMap((n) => [`long ${n}`, `echo: long ${n}`]));
    assert.equal(new Set(activities.map((a) => a.id)).size, activities.length, 'no activity twice');
    assert.equal(reader.watermark, '10');
  } finally {
    seen.stop();
    reader.end();
  }
});

test('an unknown token puts the client in a failed state instead of hanging', async () => {
  const client = new DirectLine({ token: 'not-a-token', domain, webSocket: false, pollingInterval: 200, timeout: 1000 });
  const statuses = [];
  const done = new Promise((resolve) => {
    client.connectionStatus$.subscribe((status) => {
      statuses.push(status);
      if (status === ConnectionStatus.FailedToConnect) resolve();
    });
  });
  client.activity$.subscribe(() => {}, () => {});
  await withTimeout(done, 'FailedToConnect');
  client.end();
  assert.ok(statuses.includes(ConnectionStatus.Connecting));
});
