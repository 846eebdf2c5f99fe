// The chat page: two Web Chat instances on Direct Line. Left, the brand's public wall (a conversation marked public);
// right, the private DM that opens when the channel announces one (event "carebot.privateConversation").
//
// Against the built-in channel (default) the page gets tokens from this server's POST chat/token: the secret never
// reaches the browser. Against an external Direct Line-compatible channel pass ?domain=<…/v3/directline> and either
// &token=<token> or &tokenUrl=<url answering {"token": …}> (POSTed), e.g. Azure Bot Service's Direct Line; add
// &webSocket=false for channels without a stream. The page follows ?domain= only when the server allows it
// (Chat:AllowExternalDirectLine, read from chat/config): otherwise a link could send a visitor's messages anywhere. ?name=<name> sets the customer's display name (default Alex), which
// the bot uses to greet them.
(function () {
  'use strict';

  const PRIVATE_CONVERSATION_EVENT = 'carebot.privateConversation';
  const params = new URLSearchParams(window.location.search);
  const builtInDomain = new URL('v3/directline', window.location.href).href;
  let external = null;
  let domain = builtInDomain;
  const webSocket = params.get('webSocket') !== 'false'; // ?webSocket=false polls instead (e.g. for offline-directline)
  const userName = params.get('name') || 'Alex';
  const status = document.getElementById('status');
  let dmOpen = false;
  let config = {};

  function say(text) {
    status.textContent = text;
  }

  async function publicToken() {
    if (external) {
      if (params.get('token')) {
        return { token: params.get('token'), userId: params.get('userId') || undefined };
      }

      const response = await fetch(params.get('tokenUrl'), { method: 'POST' });
      return response.json();
    }

    const response = await fetch('chat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true }),
    });
    if (!response.ok) {
      throw new Error('chat/token answered ' + response.status);
    }

    return response.json();
  }

  // Marks every post of the wall public (the built-in channel also knows from the token; other channels pass it on),
  // and opens the DM panel when the channel announces a private conversation.
  function wallStore(userId) {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          markConnected('wall', action);
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
            const activity = action.payload.activity;
            const channelData = Object.assign({}, activity.channelData, { carebot: { public: true } });
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) }) });
          } else if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
            const activity = action.payload.activity;
            if (activity.type === 'event' && activity.name === PRIVATE_CONVERSATION_EVENT && activity.value) {
              // Render outside the wall's dispatch: one Web Chat must not render another in the middle of an action.
              const value = activity.value;
              window.setTimeout(function () { openDm(value, userId); }, 0);
            }
          }

          return next(action);
        };
      };
    });
  }

  // data-wall / data-dm = "online" once that pane's Direct Line is connected (tests and styling can wait for it).
  function markConnected(pane, action) {
    if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
      document.body.dataset[pane] = 'online';
    }
  }

  // What the built-in channel keeps (it checks the bytes; this is the browser's word, from the file's extension).
  const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

  // Files the built-in channel would refuse for their size, type or number are taken out of the send box at once, with
  // a notice in the chat, rather than failing after the customer pressed send ("Send failed. Retry").
  function dmStore() {
    return window.WebChat.createStore({}, function (store) {
      return function (next) {
        return function (action) {
          markConnected('dm', action);
          if (action.type === 'WEB_CHAT/SET_SEND_BOX_ATTACHMENTS' && !external && config.maxUploadBytes) {
            action = withSendableFiles(action, store.dispatch);
          }

          return next(action);
        };
      };
    });
  }

  function withSendableFiles(action, dispatch) {
    const attachments = action.payload.attachments || [];
    const megabytes = Math.round(config.maxUploadBytes / (1024 * 1024));
    let kept = attachments.filter(function (attachment) {
      return !attachment.blob || attachment.blob.size <= config.maxUploadBytes;
    });
    let notice = kept.length < attachments.length
      ? 'That file is larger than ' + megabytes + ' MB, so it was not added. Please send a smaller one.'
      : '';
    // "All files" in the picker lets anything through its filter.
    const typed = kept.filter(function (attachment) {
      return !attachment.blob || UPLOAD_TYPES.indexOf(attachment.blob.type) >= 0;
    });
    if (typed.length < kept.length) {
      kept = typed;
      notice = 'Only photos (PNG, JPEG, GIF or WebP) and PDFs can be sent here, so that file was not added.';
    }

    if (config.maxUploadFiles && kept.length > config.maxUploadFiles) {
      kept = kept.slice(0, config.maxUploadFiles);
      notice = 'You can send up to ' + config.maxUploadFiles + ' files at once; the first ' + config.maxUploadFiles + ' were added.';
    }

    if (!notice) {
      return action;
    }

    dispatch({ type: 'WEB_CHAT/SET_NOTIFICATION', payload: { id: 'carebot-upload', level: 'warn', message: notice } });
    return Object.assign({}, action, { payload: Object.assign({}, action.payload, { attachments: kept }) });
  }

  // Web Chat ignores a "dl_" user id with a console warning: such an id must come inside the token, and the built-in
  // channel's tokens carry it. Other ids (an external channel's ?userId=) are passed on.
  function webChatUserId(id) {
    return id && id.indexOf('dl_') === 0 ? undefined : id;
  }

  function openDm(value, userId) {
    if (dmOpen) {
      return;
    }

    dmOpen = true;
    document.getElementById('dm-placeholder').hidden = true;
    const dm = document.getElementById('dm');
    dm.hidden = false;
    window.WebChat.renderWebChat({
      directLine: window.WebChat.createDirectLine({ token: value.token, domain: domain, webSocket: webSocket }),
      store: dmStore(),
      userID: webChatUserId(value.userId || userId),
      username: userName,
      // Photos and PDFs in the private chat only (the channel refuses files on the public wall, and anything else). No
      // thumbnail: Web Chat would draw it in a blob: worker, which the page's policy forbids, and the channel drops it.
      styleOptions: {
        bubbleFromUserBackground: '#d6f0df',
        uploadAccept: UPLOAD_TYPES.join(','),
        enableUploadThumbnail: false,
      },
    }, dm);
    say('CareBot opened a private conversation with you.');
  }

  // The server's settings for this page (no inline script carries them: the Content-Security-Policy forbids it).
  async function loadConfig() {
    const response = await fetch('chat/config');
    config = response.ok ? await response.json() : {};
  }

  async function chooseChannel() {
    const requested = params.get('domain');
    if (!requested) {
      return '';
    }

    if (!config.allowExternalDirectLine) {
      return 'This server does not allow another Direct Line channel (?domain=); using its own. (Chat:AllowExternalDirectLine is off.)';
    }

    external = requested;
    domain = requested;
    return '';
  }

  async function start() {
    try {
      await loadConfig();
      const refusal = await chooseChannel();
      const conversation = await publicToken();
      const userId = conversation.userId;
      window.WebChat.renderWebChat({
        directLine: window.WebChat.createDirectLine({ token: conversation.token, domain: domain, webSocket: webSocket }),
        store: wallStore(userId),
        userID: webChatUserId(userId),
        username: userName,
        styleOptions: { bubbleFromUserBackground: '#fde8c8', hideUploadButton: true },
      }, document.getElementById('wall'));
      say(refusal || (external ? 'Connected to ' + domain : ''));
    } catch (error) {
      say('Could not start the chat: ' + error.message);
    }
  }

  start();
}());
