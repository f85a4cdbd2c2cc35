// Parley web chat: a small page over /api/conversations. It keeps the conversation and its token
// across reloads (sessionStorage), renews the token before it expires, shows each transcript entry
// once (by id, whether it came in a reply or on the event stream), and keeps unsent messages
// through network blips, retrying with backoff. The server writes the bot's welcome and its
// longest message (the input's maxlength) into the page; no conversation starts until one is sent.

const storageKey = 'parley.web-chat';
const localePattern = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;

const log = byId('log');
const typing = byId('typing');
const quickReplies = byId('quick-replies');
const statusLine = byId('status');
const composer = byId('composer');
const input = byId('message');
const newConversation = byId('new-conversation');
const lengthNote = byId('length');
const lengthCount = byId('length-count');
const lengthLimit = byId('length-limit');
const lengthStatus = byId('length-status');

/** The greeting and suggestions the page came with, shown again for a new conversation. */
const welcome = {
  messages: [...log.children].map((element) => element.cloneNode(true)),
  suggestions: [...quickReplies.querySelectorAll('button')].map((button) => ({ title: button.textContent ?? '', value: button.value })),
};

const state = {
  conversationId: null,
  /** The conversation's token, and when it expires (ms since the epoch, by this page's clock). */
  token: null,
  tokenExpires: 0,
  tokenLifetime: 0,
  /** Highest entry id shown, and every id shown: entries arrive both in replies and on the stream. */
  lastId: 0,
  seen: new Set(),
  /** The name of the person who has the conversation, once they joined. */
  agentName: null,
  /** Messages not yet answered, oldest first: `{ clientMessageId, text, bubble }`. */
  outbox: [],
  sending: false,
  /** Bumped by "new conversation": work started for an older generation stops quietly. */
  generation: 0,
  events: null,
  trouble: new Set(),
  inFlight: 0,
  ready: Promise.resolve(),
  /** Whether the suggestions shown are the welcome's, until the conversation begins. */
  welcoming: true,
};

/** A network failure, or a gateway that could not reach the server: worth trying again. */
class Blip extends Error {}

function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the chat page has no #${id}`);
  return element;
}

function api(path) {
  return new URL(`api/conversations${path}`, document.baseURI).toString();
}

function conversationPath(suffix) {
  return api(`/${encodeURIComponent(state.conversationId)}${suffix}`);
}

async function request(url, init = {}) {
  let response;
  try {
    response = await fetch(url, {
      ...init,
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(init.auth === false || !state.token ? {} : { Authorization: `Bearer ${state.token}` }),
      },
    });
  } catch {
    throw new Blip('network');
  }
  if (response.status === 502 || response.status === 503 || response.status === 504) throw new Blip(String(response.status));
  let body = null;
  try {
    body = await response.json();
  } catch {
    if (response.ok) throw new Blip('truncated');
  }
  return { status: response.status, body };
}

// ---- waiting and status

const wakers = new Set();
window.addEventListener('online', () => {
  for (const wake of [...wakers]) wake();
});

function pause(attempt) {
  const ms = Math.min(10_000, 400 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      wakers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    wakers.add(wake);
  });
}

function setTrouble(kind, on) {
  if (on) state.trouble.add(kind);
  else state.trouble.delete(kind);
  statusLine.textContent = state.trouble.size > 0 ? 'Reconnecting…' : '';
}

function showTyping(change) {
  state.inFlight = Math.max(0, state.inFlight + change);
  typing.hidden = state.inFlight === 0;
  if (!typing.hidden) scrollToEnd();
}

// ---- storage

function save() {
  try {
    const outbox = state.outbox.map(({ clientMessageId, text }) => ({ clientMessageId, text }));
    const { conversationId, token, tokenExpires, tokenLifetime } = state;
    sessionStorage.setItem(storageKey, JSON.stringify({ conversationId, token, tokenExpires, tokenLifetime, outbox }));
  } catch {
    // Storage can be full or disabled; the chat still works, only a reload forgets it.
  }
}

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

function makeId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// ---- the log

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
  pinned = true;
}

// Whether the newest message is in view; kept there when the screen changes size (a phone's keyboard
// opening), unless the customer scrolled up to read.
let pinned = true;
log.addEventListener('scroll', () => {
  pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
});
new ResizeObserver(() => {
  if (pinned) log.scrollTop = log.scrollHeight;
}).observe(log);

function speakerLabel(from) {
  if (from === 'customer') return 'You said: ';
  if (from === 'agent') return 'Agent said: ';
  return 'Assistant said: ';
}

function bubble(from, text) {
  const element = document.createElement('p');
  element.className = `message ${from}`;
  if (from === 'agent') {
    const sender = document.createElement('span');
    sender.className = 'sender';
    // The name the person joined with, when the page saw them join.
    sender.append(state.agentName || 'Agent');
    const said = document.createElement('span');
    said.className = 'visually-hidden';
    said.textContent = ' said: ';
    sender.append(said);
    element.append(sender);
  } else {
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = speakerLabel(from);
    element.append(label);
  }
  element.append(document.createTextNode(text));
  return element;
}

function note(text) {
  const element = document.createElement('p');
  element.className = 'note';
  element.textContent = text;
  return element;
}

function describeDirective(directive) {
  if (directive?.kind === 'handoff') {
    // The queue routes the handoff; its name is not for customers (the bot's own message names the team).
    return 'Connecting you with a person';
  }
  if (directive?.kind === 'end') return 'The conversation has ended.';
  return null;
}

/** A person taking over joined (their name is the entry's text), or left. */
function describeAgentEvent(entry) {
  if (entry.event === 'agent-joined') return `${entry.text || 'A person'} has joined the chat.`;
  if (entry.event === 'agent-left') return 'The person has left the chat.';
  return null;
}

/** Entries keep transcript order; messages still being sent stay last. */
function insertInOrder(element, id) {
  const before = [...log.children].find(
    (child) => child !== element && (child.classList.contains('pending') || Number(child.dataset.id) > id),
  );
  log.insertBefore(element, before ?? null);
}

/** The conversation has begun: the welcome's suggestions give way to the bot's own. */
function leaveWelcome() {
  if (!state.welcoming) return;
  state.welcoming = false;
  clearQuickReplies();
}

function remember(id) {
  state.seen.add(id);
  state.lastId = Math.max(state.lastId, id);
}

/** A pending bubble this entry is the server's copy of: same text, sent after what was shown then. */
function pendingBubbleFor(entry) {
  return [...log.querySelectorAll('.message.customer.pending')].find((element) => {
    const sentAfter = element.dataset.after;
    if (sentAfter === undefined || entry.id <= Number(sentAfter)) return false;
    const text = element.dataset.text ?? '';
    return entry.text === text || (entry.text.endsWith('…') && text.startsWith(entry.text.slice(0, -1)));
  });
}

function adopt(element, entry) {
  element.classList.remove('pending');
  element.dataset.id = String(entry.id);
  remember(entry.id);
  insertInOrder(element, entry.id);
}

function renderEntry(entry) {
  if (!entry || typeof entry.id !== 'number' || state.seen.has(entry.id)) return;
  leaveWelcome();
  if (entry.from === 'customer') {
    const pending = pendingBubbleFor(entry);
    if (pending) {
      adopt(pending, entry);
      clearQuickReplies();
      return;
    }
  }
  if (entry.event === 'agent-joined') state.agentName = entry.text || null;
  const isNote = Boolean(entry.directive || entry.event);
  const text = entry.directive ? describeDirective(entry.directive) : entry.event ? describeAgentEvent(entry) : entry.text;
  remember(entry.id);
  if (!text) return;
  const element = isNote ? note(text) : bubble(entry.from, text);
  element.dataset.id = String(entry.id);
  insertInOrder(element, entry.id);
  if (!isNote && entry.id === state.lastId) {
    if (entry.from === 'bot' && Array.isArray(entry.quickReplies) && entry.quickReplies.length > 0) {
      showQuickReplies(entry.quickReplies);
    } else {
      clearQuickReplies();
    }
  }
  scrollToEnd();
}

/** What the server answered for a message this page sent. */
function settle(element, customer) {
  if (!customer || typeof customer.id !== 'number') {
    element.classList.remove('pending');
    return;
  }
  if (state.seen.has(customer.id)) {
    // Already shown (the stream, or the transcript after a reload, was first): keep one copy.
    if (element.dataset.id !== String(customer.id)) element.remove();
    return;
  }
  adopt(element, customer);
}

function showQuickReplies(replies) {
  quickReplies.replaceChildren(
    ...replies.map((reply) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = reply.title;
      button.value = reply.value;
      return button;
    }),
  );
  quickReplies.hidden = replies.length === 0;
  scrollToEnd();
}

// One listener for every suggestion: the welcome's, written into the page, and each reply's.
quickReplies.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button) return;
  send(button.value);
  input.focus();
});

function clearQuickReplies() {
  quickReplies.replaceChildren();
  quickReplies.hidden = true;
}

/** Forgets entry ids (a new conversation numbers from 1 again); what is shown stays as history. */
function resetTranscript() {
  state.seen.clear();
  state.lastId = 0;
  for (const element of log.querySelectorAll('[data-id]')) element.removeAttribute('data-id');
}

// ---- the conversation on the server

function keepToken(body) {
  if (typeof body?.token !== 'string' || typeof body?.expiresIn !== 'number') return false;
  state.token = body.token;
  state.tokenLifetime = body.expiresIn * 1000;
  state.tokenExpires = Date.now() + state.tokenLifetime;
  save();
  return true;
}

async function startConversation(generation) {
  // The locale the server chose for this page from the browser's languages: the welcome was in it.
  const language = document.documentElement.lang || navigator.language || '';
  const locale = localePattern.test(language) ? language : undefined;
  const { status, body } = await request(api(''), { method: 'POST', auth: false, body: JSON.stringify(locale ? { locale } : {}) });
  if (generation !== state.generation) return null;
  if (status !== 201 || typeof body?.conversationId !== 'string' || !keepToken(body)) throw new Blip(`start answered ${status}`);
  state.conversationId = body.conversationId;
  save();
  openStream(generation);
  return state.conversationId;
}

/** Past half its life, the token is exchanged for a fresh one, so an open conversation never loses it. */
async function renewToken(generation) {
  if (!state.token || Date.now() < state.tokenExpires - state.tokenLifetime / 2) return 'ok';
  const { status, body } = await request(conversationPath('/token'), { method: 'POST' });
  if (generation !== state.generation) return 'ok';
  if (status === 401 || status === 404) return 'gone';
  if (status !== 200 || !keepToken(body)) throw new Blip(`token renewal answered ${status}`);
  return 'ok';
}

/** The server no longer lets this page into the conversation: it is unknown, or the token expired. */
function isGone(status) {
  return status === 401 || status === 404;
}

/** Fetches entries after the last one shown. `gone` when the server no longer knows the conversation. */
async function catchUp() {
  if ((await renewToken(state.generation)) === 'gone') return 'gone';
  const { status, body } = await request(conversationPath(`/messages?after=${state.lastId}`));
  if (isGone(status)) return 'gone';
  if (status !== 200 || !Array.isArray(body?.messages)) throw new Blip(`catch-up answered ${status}`);
  for (const entry of body.messages) renderEntry(entry);
  return 'ok';
}

function conversationGone(generation) {
  if (generation !== state.generation) return;
  closeStream();
  state.conversationId = null;
  state.token = null;
  save();
  if (state.seen.size > 0) {
    log.append(note('This conversation has expired. Your next message starts a new one.'));
    scrollToEnd();
  }
  resetTranscript();
  setTrouble('stream', false);
}

function closeStream() {
  state.events?.close();
  state.events = null;
}

function openStream(generation) {
  closeStream();
  if (!state.conversationId) return;
  // EventSource sends no headers: the token goes in the query string of this one request.
  const events = new EventSource(conversationPath(`/events?after=${state.lastId}&token=${encodeURIComponent(state.token ?? '')}`));
  state.events = events;
  events.addEventListener('message', (event) => {
    try {
      renderEntry(JSON.parse(event.data));
    } catch {
      // A damaged event is skipped; the next catch-up fills any gap.
    }
  });
  events.addEventListener('open', () => {
    if (state.events === events) setTrouble('stream', false);
  });
  events.addEventListener('error', () => {
    if (state.events !== events) return;
    setTrouble('stream', true);
    // CONNECTING: the browser retries by itself, sending Last-Event-ID. CLOSED: it gave up; we retry.
    if (events.readyState === EventSource.CLOSED) {
      closeStream();
      void reconnectStream(generation);
    }
  });
}

async function reconnectStream(generation) {
  for (let attempt = 0; generation === state.generation && state.conversationId; attempt++) {
    await pause(attempt);
    if (generation !== state.generation || !state.conversationId || state.events) return;
    try {
      if ((await catchUp()) === 'gone') {
        conversationGone(generation);
        return;
      }
      if (generation === state.generation && !state.events) openStream(generation);
      return;
    } catch (error) {
      if (!(error instanceof Blip)) throw error;
    }
  }
}

// ---- sending

function pendingBubble(text) {
  leaveWelcome();
  const element = bubble('customer', text);
  element.classList.add('pending');
  element.dataset.text = text;
  log.append(element);
  scrollToEnd();
  return element;
}

function send(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return;
  clearQuickReplies();
  state.outbox.push({ clientMessageId: makeId(), text, bubble: pendingBubble(text) });
  save();
  void pump();
}

async function pump() {
  if (state.sending) return;
  state.sending = true;
  const generation = state.generation;
  try {
    await state.ready;
    while (generation === state.generation && state.outbox.length > 0) {
      const item = state.outbox[0];
      await deliver(item, generation);
      if (generation !== state.generation) return;
      state.outbox.shift();
      save();
    }
  } finally {
    if (generation === state.generation) state.sending = false;
  }
}

async function deliver(item, generation) {
  for (let attempt = 0; generation === state.generation; attempt++) {
    try {
      const conversationId = state.conversationId ?? (await startConversation(generation));
      if (!conversationId || generation !== state.generation) return;
      item.bubble.dataset.after ??= String(state.lastId);
      if ((await renewToken(generation)) === 'gone' && attempt < 3) {
        conversationGone(generation);
        delete item.bubble.dataset.after;
        continue;
      }
      showTyping(+1);
      let answer;
      try {
        answer = await request(conversationPath('/messages'), {
          method: 'POST',
          body: JSON.stringify({ text: item.text, clientMessageId: item.clientMessageId }),
        });
      } finally {
        showTyping(-1);
      }
      if (generation !== state.generation) return;
      setTrouble('send', false);
      if (answer.status === 200) {
        settle(item.bubble, answer.body?.customer);
        for (const entry of answer.body?.messages ?? []) renderEntry(entry);
        return;
      }
      if (isGone(answer.status) && attempt < 3) {
        conversationGone(generation);
        delete item.bubble.dataset.after;
        continue;
      }
      if (answer.status === 429) {
        // Too many messages at once: wait as the server asks, then send it again.
        await pause(attempt + 2);
        continue;
      }
      refuse(item, answer.status >= 500 ? 'Sorry, something went wrong on our side. Please try again.' : 'That message could not be sent.');
      return;
    } catch (error) {
      if (!(error instanceof Blip)) throw error;
      setTrouble('send', true);
      await pause(attempt);
    }
  }
}

/** The server refused the message: say so, and give the text back so nothing is lost. */
function refuse(item, message) {
  item.bubble.classList.remove('pending');
  item.bubble.classList.add('failed');
  item.bubble.after(note(message));
  if (input.value.trim() === '') {
    input.value = item.text;
    showLength();
  }
  scrollToEnd();
}

// ---- the length limit

/** The bot's limit, from the input's maxlength: the server wrote it there. */
const maxLength = input.maxLength > 0 ? input.maxLength : Infinity;
/** Shown from this length on. */
const nearLength = Math.ceil(maxLength * 0.8);
let lengthAnnouncement;

function showLength() {
  const length = input.value.length;
  const near = length >= nearLength;
  const atLimit = length >= maxLength;
  lengthNote.hidden = !near;
  lengthNote.classList.toggle('at-limit', atLimit);
  lengthCount.textContent = near ? `${length} / ${maxLength}` : '';
  lengthLimit.textContent = atLimit ? "That's as long as a message can be." : '';
  // Screen readers hear it once the visitor pauses, not at every key.
  clearTimeout(lengthAnnouncement);
  if (!near) {
    lengthStatus.textContent = '';
    return;
  }
  lengthAnnouncement = setTimeout(() => {
    lengthStatus.textContent = atLimit
      ? `Your message has reached the limit of ${maxLength} characters.`
      : `${maxLength - length} characters left.`;
  }, 1000);
}

input.addEventListener('input', showLength);

function startAfresh() {
  state.generation += 1;
  closeStream();
  state.outbox = [];
  state.sending = false;
  state.conversationId = null;
  state.token = null;
  state.ready = Promise.resolve();
  save();
  resetTranscript();
  log.replaceChildren(...welcome.messages.map((element) => element.cloneNode(true)));
  showQuickReplies(welcome.suggestions);
  state.welcoming = true;
  state.inFlight = 0;
  showTyping(0);
  setTrouble('send', false);
  setTrouble('stream', false);
  input.value = '';
  showLength();
  input.focus();
}

// ---- start

async function resume(generation, saved) {
  state.conversationId = typeof saved.conversationId === 'string' ? saved.conversationId : null;
  state.token = typeof saved.token === 'string' ? saved.token : null;
  state.tokenExpires = Number(saved.tokenExpires) || 0;
  state.tokenLifetime = Number(saved.tokenLifetime) || 0;
  if (!state.conversationId || !state.token) {
    state.conversationId = null;
    return;
  }
  for (let attempt = 0; generation === state.generation; attempt++) {
    try {
      if ((await catchUp()) === 'gone') conversationGone(generation);
      else openStream(generation);
      setTrouble('stream', false);
      return;
    } catch (error) {
      if (!(error instanceof Blip)) throw error;
      setTrouble('stream', true);
      await pause(attempt);
    }
  }
}

composer.addEventListener('submit', (event) => {
  event.preventDefault();
  send(input.value);
  input.value = '';
  showLength();
  input.focus();
});

newConversation.addEventListener('click', startAfresh);

const saved = load();
const restored = Array.isArray(saved.outbox) ? saved.outbox : [];
if (typeof saved.conversationId === 'string') leaveWelcome();
for (const item of restored) {
  if (typeof item?.text !== 'string' || typeof item?.clientMessageId !== 'string') continue;
  state.outbox.push({ clientMessageId: item.clientMessageId, text: item.text, bubble: pendingBubble(item.text) });
}
state.ready = resume(state.generation, saved);
void pump();
input.focus();
