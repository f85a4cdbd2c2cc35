// Parley agent desk: a small page over /agent-desk/api. It asks for the operator token (kept in this
// tab's sessionStorage, sent as Authorization: Bearer) and the person's name, lists the handoffs
// waiting or joined (looking again every few seconds), shows one with its envelope, and follows
// its conversation live through a server-sent event stream read with fetch (EventSource cannot send
// the Authorization header). The person joins, writes and ends the handoff from here.

const storageKey = 'parley.agent-desk';
const refreshMs = 3000;

const signInForm = byId('sign-in');
const tokenInput = byId('token');
const nameInput = byId('agent-name');
const signedIn = byId('signed-in');
const agentLabel = byId('agent-label');
const signOutButton = byId('sign-out');
const statusLine = byId('status');
const alertBox = byId('alert');
const workspace = byId('workspace');
const handoffsTitle = byId('handoffs-title');
const refreshButton = byId('refresh');
const emptyNote = byId('empty');
const list = byId('handoffs');
const panel = byId('conversation');
const panelTitle = byId('conversation-title');
const panelState = byId('conversation-state');
const envelopeBox = byId('envelope');
const log = byId('log');
const joinButton = byId('join');
const endButton = byId('end');
const closeButton = byId('close');
const composer = byId('composer');
const messageInput = byId('message');

const reasons = {
  requested: 'The customer asked for a person.',
  'retries-exhausted': 'An answer was refused too many times.',
  'not-understood': 'The assistant did not understand too many times.',
  dialog: 'The task handed the conversation over.',
  unavailable: 'The assistant could not answer in time.',
};

const outcomes = { active: 'in progress', completed: 'done', cancelled: 'cancelled', handoff: 'handed over' };

const state = {
  token: null,
  agentName: null,
  /** The handoffs as last listed, by id. */
  handoffs: new Map(),
  /** Whether the list was read once: handoffs that appear later are announced. */
  listed: false,
  /** The handoff shown in the panel, and the stream that follows it. */
  current: null,
  stream: null,
  /** Bumped when the panel shows another handoff (or none): work for an older one stops quietly. */
  generation: 0,
  /** Entry ids shown in the panel's log, and the highest. */
  seen: new Set(),
  lastId: 0,
  /** The name the person in the conversation joined with, as the log saw it. */
  joinedName: null,
  timer: null,
};

class AuthFailed extends Error {}

function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the agent desk page has no #${id}`);
  return element;
}

function api(path) {
  return new URL(`api/${path}`, document.baseURI).toString();
}

function handoffPath(id, suffix) {
  return api(`handoffs/${encodeURIComponent(id)}${suffix}`);
}

function announce(text) {
  statusLine.textContent = text;
}

function showAlert(text) {
  alertBox.textContent = text;
}

async function request(url, init = {}) {
  const response = await fetch(url, {
    ...init,
    cache: 'no-store',
    headers: {
      Accept: 'application/json',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      Authorization: `Bearer ${state.token}`,
    },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // An answer without JSON: its status says enough.
  }
  if (response.status === 401 || response.status === 403) {
    signOut(body?.error?.message ?? 'The operator token was refused.');
    throw new AuthFailed();
  }
  return { status: response.status, body };
}

function errorText(body, fallback) {
  return typeof body?.error?.message === 'string' ? body.error.message : fallback;
}

// ---- signing in and out

function save() {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify({ token: state.token, agentName: state.agentName }));
  } catch {
    // Storage can be full or disabled: the desk still works, only a reload asks again.
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

function signOut(reason) {
  clearTimeout(state.timer);
  closePanel({ focus: false });
  state.token = null;
  state.handoffs.clear();
  state.listed = false;
  list.replaceChildren();
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // nothing kept to forget
  }
  workspace.hidden = true;
  signedIn.hidden = true;
  signInForm.hidden = false;
  tokenInput.value = '';
  nameInput.value = state.agentName ?? '';
  showAlert(reason ?? '');
  announce(reason ? '' : 'Signed out.');
  tokenInput.focus();
}

async function signIn(token, agentName) {
  state.token = token;
  state.agentName = agentName;
  showAlert('');
  try {
    await refresh();
  } catch (error) {
    if (error instanceof AuthFailed) return;
    clearTimeout(state.timer);
    state.token = null;
    showAlert('The desk could not reach the server. Check that it is running, then sign in again.');
    signInForm.hidden = false;
    tokenInput.focus();
    return;
  }
  save();
  signInForm.hidden = true;
  workspace.hidden = false;
  signedIn.hidden = false;
  agentLabel.textContent = agentName;
  handoffsTitle.focus();
}

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = tokenInput.value.trim();
  const agentName = nameInput.value.trim();
  if (!token || !agentName) return;
  void signIn(token, agentName);
});

signOutButton.addEventListener('click', () => signOut());

// ---- the list of handoffs

function timeOf(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function describeHandoff(handoff) {
  const queue = handoff.envelope?.queue ?? 'a queue';
  const since = timeOf(handoff.since);
  return handoff.state === 'joined' ? `${queue}, with ${handoff.agentName ?? 'someone'}` : `${queue}, waiting since ${since}`;
}

function renderItem(item, handoff) {
  const heading = document.createElement('h3');
  heading.textContent = handoff.envelope?.queue ?? 'Handoff';
  const meta = document.createElement('p');
  meta.className = 'meta';
  const where = handoff.envelope ? ` · ${handoff.envelope.channel}` : '';
  meta.textContent = handoff.state === 'joined' ? `With ${handoff.agentName ?? 'someone'}${where}` : `Waiting since ${timeOf(handoff.since)}${where}`;
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.textContent = handoff.envelope?.summary ?? 'Details are on their way…';
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'open secondary';
  open.dataset.id = handoff.id;
  open.append('Open');
  const context = document.createElement('span');
  context.className = 'visually-hidden';
  context.textContent = ` the handoff in ${describeHandoff(handoff)}`;
  open.append(context);
  item.className = `handoff ${handoff.state}${handoff.id === state.current ? ' current' : ''}`;
  item.replaceChildren(heading, meta, summary, open);
}

/** Draws the list in place: items keep their elements (and the focus) while their handoff is listed. */
function renderList(handoffs) {
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.closest('.handoff')?.dataset.id : undefined;
  const known = new Map([...list.children].map((item) => [item.dataset.id, item]));
  const newlyWaiting = [];
  const items = handoffs.map((handoff) => {
    let item = known.get(handoff.id);
    if (!item) {
      item = document.createElement('li');
      item.dataset.id = handoff.id;
      if (state.listed && handoff.state === 'waiting') newlyWaiting.push(handoff);
    }
    // Drawn again only when what it shows changed.
    const drawn = JSON.stringify([handoff, handoff.id === state.current]);
    if (item.dataset.drawn !== drawn) {
      const hadFocus = focusedId === handoff.id;
      renderItem(item, handoff);
      item.dataset.drawn = drawn;
      if (hadFocus) item.querySelector('button')?.focus();
    }
    return item;
  });
  const gone = [...known.keys()].filter((id) => !handoffs.some((handoff) => handoff.id === id));
  list.replaceChildren(...items);
  if (focusedId && gone.includes(focusedId)) handoffsTitle.focus();
  emptyNote.hidden = handoffs.length > 0;
  state.handoffs = new Map(handoffs.map((handoff) => [handoff.id, handoff]));
  if (newlyWaiting.length === 1) announce(`A customer is waiting in ${newlyWaiting[0].envelope?.queue ?? 'a queue'}.`);
  else if (newlyWaiting.length > 1) announce(`${newlyWaiting.length} customers are waiting.`);
  state.listed = true;
  updatePanel();
}

async function refresh() {
  clearTimeout(state.timer);
  try {
    const { status, body } = await request(api('handoffs'));
    if (status !== 200 || !Array.isArray(body?.handoffs)) throw new Error(`the list answered ${status}`);
    renderList(body.handoffs);
  } finally {
    if (state.token) state.timer = setTimeout(() => void refresh().catch(() => {}), refreshMs);
  }
}

list.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button.open') : null;
  if (button) openPanel(button.dataset.id);
});

refreshButton.addEventListener('click', () => {
  void refresh()
    .then(() => announce(`${state.handoffs.size === 0 ? 'No' : state.handoffs.size} ${state.handoffs.size === 1 ? 'handoff' : 'handoffs'} open.`))
    .catch(() => {});
});

// ---- one handoff

function fact(facts, term, value) {
  if (value === undefined || value === null || value === '') return;
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  facts.append(dt, dd);
}

function slotList(slots) {
  const entries = Object.entries(slots ?? {});
  if (entries.length === 0) return 'nothing yet';
  const ul = document.createElement('ul');
  ul.className = 'earlier';
  for (const [name, value] of entries) {
    const li = document.createElement('li');
    li.textContent = `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`;
    ul.append(li);
  }
  return ul;
}

function speaker(from) {
  return from === 'customer' ? 'Customer' : from === 'agent' ? 'Agent' : 'Assistant';
}

function renderEnvelope(envelope) {
  if (!envelope) {
    const waiting = document.createElement('p');
    waiting.textContent = 'Details are on their way…';
    envelopeBox.replaceChildren(waiting);
    envelopeBox.dataset.ready = 'false';
    return;
  }
  const summaryTitle = document.createElement('h3');
  summaryTitle.textContent = 'Summary';
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.textContent = envelope.summary;
  const facts = document.createElement('dl');
  facts.className = 'facts';
  fact(facts, 'Why', reasons[envelope.reason] ?? envelope.reason);
  fact(facts, 'Queue', envelope.queue);
  fact(facts, 'Channel', envelope.channel);
  fact(facts, 'Language', envelope.locale);
  if (envelope.sentiment) {
    const score = typeof envelope.sentiment.score === 'number' ? ` (${Math.round(envelope.sentiment.score * 100)} %)` : '';
    fact(facts, 'Sentiment', `${envelope.sentiment.label}${score}`);
  }
  if (envelope.task) {
    const outcome = outcomes[envelope.task.outcome] ?? envelope.task.outcome;
    fact(facts, 'Task', `${envelope.task.title} (${envelope.task.dialog}), ${outcome}`);
    fact(facts, 'Given', slotList(envelope.task.slots));
    fact(facts, 'Missing', envelope.task.missing.length > 0 ? envelope.task.missing.join(', ') : 'nothing');
  }
  if (envelope.intents?.length > 0) fact(facts, 'Asked about', envelope.intents.join(', '));
  const earlierTitle = document.createElement('h3');
  earlierTitle.textContent = 'Before the handoff (personal data hidden)';
  const earlier = document.createElement('ol');
  earlier.className = 'earlier';
  for (const line of envelope.transcript ?? []) {
    const li = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = `${speaker(line.from)}: `;
    li.append(who, line.text);
    earlier.append(li);
  }
  if (earlier.children.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'Nothing was said.';
    earlier.append(li);
  }
  envelopeBox.replaceChildren(summaryTitle, summary, facts, earlierTitle, earlier);
  envelopeBox.dataset.ready = 'true';
}

/** The panel's buttons and composer, as the shown handoff stands. */
function updatePanel() {
  if (!state.current) return;
  const handoff = state.handoffs.get(state.current);
  if (!handoff) {
    joinButton.hidden = true;
    endButton.hidden = true;
    composer.hidden = true;
    if (panel.dataset.ended !== 'true') panelState.textContent = 'This handoff is over.';
    return;
  }
  if (envelopeBox.dataset.ready !== 'true' && handoff.envelope) renderEnvelope(handoff.envelope);
  const mine = handoff.state === 'joined' && handoff.agentName === state.agentName;
  joinButton.hidden = handoff.state !== 'waiting';
  joinButton.textContent = `Join as ${state.agentName}`;
  endButton.hidden = handoff.state !== 'joined';
  const composing = composer.hidden === false;
  composer.hidden = !mine;
  if (composing && !mine && composer.contains(document.activeElement)) panelTitle.focus();
  panelState.textContent =
    handoff.state === 'waiting' ? `Waiting since ${timeOf(handoff.since)}. The customer's words appear below as they write.` : mine ? 'You have this conversation.' : `${handoff.agentName ?? 'Someone'} has this conversation.`;
}

function openPanel(id) {
  const handoff = state.handoffs.get(id);
  if (!handoff) return;
  closePanel({ focus: false });
  state.current = id;
  panel.hidden = false;
  panel.dataset.ended = 'false';
  panelTitle.textContent = `Customer in ${handoff.envelope?.queue ?? 'a queue'}`;
  envelopeBox.dataset.ready = 'false';
  renderEnvelope(handoff.envelope);
  for (const item of list.children) item.classList.toggle('current', item.dataset.id === id);
  updatePanel();
  void follow(id, state.generation);
  panelTitle.focus();
}

function closePanel({ focus = true } = {}) {
  const was = state.current;
  state.generation += 1;
  state.stream?.abort();
  state.stream = null;
  state.current = null;
  state.seen.clear();
  state.lastId = 0;
  state.joinedName = null;
  log.replaceChildren();
  panel.hidden = true;
  for (const item of list.children) item.classList.remove('current');
  if (focus) {
    const button = was ? [...list.querySelectorAll('button.open')].find((candidate) => candidate.dataset.id === was) : undefined;
    (button ?? handoffsTitle).focus();
  }
}

closeButton.addEventListener('click', () => closePanel());

joinButton.addEventListener('click', async () => {
  const id = state.current;
  if (!id) return;
  joinButton.disabled = true;
  try {
    const { status, body } = await request(handoffPath(id, '/join'), { method: 'POST', body: JSON.stringify({ agentName: state.agentName }) });
    if (status === 200 && body?.handoff) {
      state.handoffs.set(id, body.handoff);
      showAlert('');
      updatePanel();
      announce('You joined. The customer can see you now.');
      messageInput.focus();
      void refresh().catch(() => {});
      return;
    }
    showAlert(errorText(body, 'The handoff could not be joined.'));
    await refresh();
  } catch (error) {
    if (!(error instanceof AuthFailed)) showAlert('The desk could not reach the server; try again.');
  } finally {
    joinButton.disabled = false;
  }
});

endButton.addEventListener('click', async () => {
  const id = state.current;
  if (!id) return;
  endButton.disabled = true;
  try {
    const { status, body } = await request(handoffPath(id, '/end'), { method: 'POST' });
    if (status === 200) {
      showAlert('');
      panel.dataset.ended = 'true';
      panelState.textContent = 'You ended the handoff. The assistant has the conversation again.';
      announce('Handoff ended. The assistant has the conversation again.');
      state.handoffs.delete(id);
      updatePanel();
      panelTitle.focus();
      void refresh().catch(() => {});
      return;
    }
    showAlert(errorText(body, 'The handoff could not be ended.'));
    await refresh();
  } catch (error) {
    if (!(error instanceof AuthFailed)) showAlert('The desk could not reach the server; try again.');
  } finally {
    endButton.disabled = false;
  }
});

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = state.current;
  const text = messageInput.value.trim();
  if (!id || !text) return;
  const send = byId('send');
  send.disabled = true;
  try {
    const { status, body } = await request(handoffPath(id, '/messages'), { method: 'POST', body: JSON.stringify({ text }) });
    if (status === 200) {
      // The message shows in the log when the conversation has it.
      if (messageInput.value.trim() === text) messageInput.value = '';
      showAlert('');
    } else {
      showAlert(errorText(body, 'The message could not be sent.'));
      if (status === 404 || status === 409) void refresh().catch(() => {});
    }
  } catch (error) {
    if (!(error instanceof AuthFailed)) showAlert('The desk could not reach the server; your message is still in the box.');
  } finally {
    send.disabled = false;
    messageInput.focus();
  }
});

// ---- the conversation, live

function note(text) {
  const element = document.createElement('p');
  element.className = 'note';
  element.textContent = text;
  return element;
}

function bubble(entry) {
  const element = document.createElement('p');
  element.className = `message ${entry.from}`;
  const sender = document.createElement('span');
  sender.className = 'sender';
  const name = entry.from === 'agent' ? state.joinedName ?? 'Agent' : speaker(entry.from);
  sender.append(entry.from === 'agent' && name === state.agentName ? `${name} (you)` : name);
  const said = document.createElement('span');
  said.className = 'visually-hidden';
  said.textContent = ' said: ';
  sender.append(said);
  element.append(sender, entry.text);
  return element;
}

function renderEntry(entry) {
  if (!entry || typeof entry.id !== 'number' || state.seen.has(entry.id)) return;
  state.seen.add(entry.id);
  state.lastId = Math.max(state.lastId, entry.id);
  let element;
  if (entry.event === 'agent-joined') {
    state.joinedName = entry.text || null;
    element = note(`${entry.text || 'A person'} joined the conversation.`);
  } else if (entry.event === 'agent-left') {
    element = note('The person left. The assistant has the conversation again.');
  } else if (entry.directive) {
    element = note(entry.directive.kind === 'handoff' ? `Handed off to ${entry.directive.queue}.` : 'The conversation ended.');
  } else if (entry.text) {
    element = bubble(entry);
  } else {
    return;
  }
  element.dataset.id = String(entry.id);
  const before = [...log.children].find((child) => Number(child.dataset.id) > entry.id);
  log.insertBefore(element, before ?? null);
  log.scrollTop = log.scrollHeight;
}

function pause(attempt) {
  const ms = Math.min(10_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads server-sent events from a response body; resolves with the `end` event's reason, or null when the stream just stopped. */
async function readEvents(body, generation) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done || generation !== state.generation) return null;
    buffer += value.replace(/\r\n?/g, '\n');
    for (let boundary = buffer.indexOf('\n\n'); boundary >= 0; boundary = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      let parsed;
      try {
        parsed = JSON.parse(data.join('\n'));
      } catch {
        continue;
      }
      if (event === 'entry') renderEntry(parsed);
      if (event === 'end') return typeof parsed?.reason === 'string' ? parsed.reason : 'gone';
    }
  }
}

/** Follows the shown handoff's conversation, reconnecting after a blip, until it ends or another is shown. */
async function follow(id, generation) {
  for (let attempt = 0; generation === state.generation; attempt++) {
    const controller = new AbortController();
    state.stream = controller;
    try {
      const after = state.lastId > 0 ? `?after=${state.lastId}` : '';
      const response = await fetch(handoffPath(id, `/events${after}`), {
        cache: 'no-store',
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${state.token}` },
        signal: controller.signal,
      });
      if (generation !== state.generation) return;
      if (response.status === 401 || response.status === 403) {
        const body = await response.json().catch(() => null);
        signOut(errorText(body, 'The operator token was refused.'));
        return;
      }
      if (response.status === 404) {
        streamEnded('gone');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
      attempt = -1;
      const ended = await readEvents(response.body, generation);
      if (ended) {
        streamEnded(ended);
        return;
      }
    } catch {
      if (controller.signal.aborted || generation !== state.generation) return;
    }
    await pause(Math.max(attempt, 0));
  }
}

function streamEnded(reason) {
  if (panel.dataset.ended !== 'true') {
    panelState.textContent = reason === 'left' ? 'The handoff is over. The assistant has the conversation again.' : 'This handoff is over: the customer left, or it ended elsewhere.';
  }
  panel.dataset.ended = 'true';
  void refresh().catch(() => {});
}

// ---- start

const saved = load();
if (typeof saved.agentName === 'string') state.agentName = saved.agentName;
if (typeof saved.token === 'string' && saved.token && state.agentName) {
  void signIn(saved.token, state.agentName);
} else {
  signInForm.hidden = false;
  nameInput.value = state.agentName ?? '';
  tokenInput.focus();
}
