'use strict';
// The Jira stand-in's requests page: reads and acts through the control API (/sandbox/jira/api), polling every two
// seconds. Status changes and comments go through the stand-in's workflow, so the agent gets its webhooks exactly as
// from a specialist working in Jira. Everything shown is set as text, never as markup.

const API = '/sandbox/jira/api';
const POLL_MILLIS = 2000;
let users = new Map(); // login -> user
let statuses = [];
let requests = [];
let selected = null;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function call(method, path, body) {
  const response = await fetch(API + path, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
  return answer;
}

async function act(method, path, body, done) {
  try {
    await call(method, path, body);
    toast(done, false);
    await refresh();
  } catch (e) {
    toast(e.message, true);
  }
}

function toast(text, error) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.classList.toggle('error', error);
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3000);
}

function name(login) {
  if (!login) return 'Unassigned';
  const u = users.get(login);
  return u ? u.displayName + ' (' + login + ')' : login;
}

function shortName(login) {
  const u = login && users.get(login);
  return u ? u.displayName : login || 'Unassigned';
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function as() {
  return document.getElementById('as').value;
}

function renderList() {
  const body = document.getElementById('requests');
  const rows = [...requests].sort((a, b) => (b.updated || '').localeCompare(a.updated || ''));
  body.replaceChildren(...rows.map((r) => {
    const tr = el('tr');
    tr.dataset.key = r.key;
    if (r.key === selected) tr.classList.add('selected');
    tr.appendChild(el('td', null, r.key));
    tr.appendChild(el('td', null, r.summary));
    const status = el('td');
    status.appendChild(el('span', 'badge ' + r.statusCategory, r.status));
    tr.appendChild(status);
    tr.appendChild(el('td', null, r.priority || ''));
    tr.appendChild(el('td', null, shortName(r.assignee)));
    tr.appendChild(el('td', null, shortName(r.reporter)));
    tr.appendChild(el('td', null, when(r.updated)));
    tr.addEventListener('click', () => { selected = r.key; renderList(); renderDetail(); });
    return tr;
  }));
}

function renderDetail() {
  const box = document.getElementById('detail');
  const form = document.getElementById('comment-form');
  const r = requests.find((x) => x.key === selected);
  if (!r) {
    form.hidden = true;
    document.body.appendChild(form);
    box.replaceChildren(el('p', 'placeholder', 'Choose a request on the left.'));
    return;
  }
  const d = document.getElementById('detail-template').content.firstElementChild.cloneNode(true);
  d.querySelector('.key').textContent = r.key;
  d.querySelector('.summary').textContent = r.summary;
  const status = d.querySelector('.status');
  status.textContent = r.status;
  status.classList.add(r.statusCategory);
  d.querySelector('.priority').textContent = r.priority || '';
  d.querySelector('.assignee').textContent = name(r.assignee);
  d.querySelector('.reporter').textContent = name(r.reporter);
  d.querySelector('.created').textContent = when(r.created);
  d.querySelector('.description').textContent = r.description || '';
  const transitions = d.querySelector('.transitions');
  statuses.filter((s) => s.name !== r.status).forEach((s) => {
    const b = el('button', 'status-btn', s.transition + ' → ' + s.name);
    b.type = 'button';
    b.dataset.status = s.name;
    b.addEventListener('click', () => act('POST', '/requests/' + encodeURIComponent(r.key) + '/status',
      { status: s.name, as: as() }, r.key + ' is now ' + s.name));
    transitions.appendChild(b);
  });
  const attachments = d.querySelector('.attachments');
  if (!r.attachments.length) attachments.appendChild(el('li', 'placeholder', 'none'));
  r.attachments.forEach((a) => {
    const li = el('li');
    const link = el('a', null, a.filename);
    link.href = API + '/requests/' + encodeURIComponent(r.key) + '/attachments/' + encodeURIComponent(a.id);
    link.download = a.filename;
    li.appendChild(link);
    li.appendChild(document.createTextNode(' · ' + a.size + ' B · ' + name(a.author)));
    attachments.appendChild(li);
  });
  const comments = d.querySelector('.comments');
  if (!r.comments.length) comments.appendChild(el('li', 'placeholder', 'none'));
  r.comments.forEach((c) => {
    const li = el('li');
    li.appendChild(el('span', 'who', name(c.author)));
    li.appendChild(el('span', 'when', when(c.created)));
    if (!c.isPublic) li.appendChild(el('span', 'internal', 'internal'));
    li.appendChild(el('div', 'body', c.body));
    comments.appendChild(li);
  });
  form.hidden = false;
  d.appendChild(form);
  box.replaceChildren(d);
}

function renderFaults(f) {
  const state = [];
  if (!f.available) state.push('Jira unavailable');
  if (f.failNext) state.push('next ' + f.failNext.remaining + ' calls answer ' + f.failNext.status);
  if (f.dropNextWebhooks) state.push('dropping the next ' + f.dropNextWebhooks + ' webhooks');
  if (f.latencyMillis) state.push(f.latencyMillis + ' ms latency');
  document.getElementById('fault-state').textContent = state.length ? 'In force: ' + state.join('; ') : 'no faults';
  const unavailable = document.getElementById('unavailable');
  if (document.activeElement !== unavailable) unavailable.checked = !f.available;
}

function renderWebhooks(list) {
  const box = document.getElementById('webhooks');
  box.replaceChildren(...list.slice(-8).reverse().map((w) => {
    const li = el('li');
    li.appendChild(document.createTextNode(w.event + ' ' + w.issueKey + ': '));
    li.appendChild(el('span', w.outcome, w.outcome.toLowerCase()));
    if (w.attempts.length) li.appendChild(document.createTextNode(' (answers ' + w.attempts.join(', ') + ')'));
    return li;
  }));
  if (!list.length) box.appendChild(el('li', 'placeholder', 'none yet'));
}

async function refresh() {
  try {
    const [r, f, w] = await Promise.all([call('GET', '/requests'), call('GET', '/faults'), call('GET', '/webhooks')]);
    const changed = JSON.stringify(r) !== JSON.stringify(requests);
    requests = r;
    if (changed) {
      renderList();
      const typing = document.activeElement === document.getElementById('comment-text');
      if (!typing) renderDetail();
    }
    renderFaults(f);
    renderWebhooks(w);
  } catch (e) {
    toast('the stand-in does not answer: ' + e.message, true);
  }
}

function count(id) {
  return Math.max(1, parseInt(document.getElementById(id).value, 10) || 1);
}

function wire() {
  document.getElementById('fail-429').addEventListener('click', () => act('POST', '/faults/fail',
    { status: 429, count: count('fail-count'), retryAfterSeconds: 1 }, 'the next calls answer 429'));
  document.getElementById('fail-503').addEventListener('click', () => act('POST', '/faults/fail',
    { status: 503, count: count('fail-count'), retryAfterSeconds: 1 }, 'the next calls answer 503'));
  document.getElementById('fail-clear').addEventListener('click', () => act('POST', '/faults/fail',
    { status: 503, count: 0 }, 'no injected failures'));
  document.getElementById('drop').addEventListener('click', () => act('POST', '/faults/drop-webhooks',
    { count: count('drop-count') }, 'the next webhooks will be dropped'));
  document.getElementById('unavailable').addEventListener('change', (e) => act('PUT', '/available',
    { available: !e.target.checked }, e.target.checked ? 'Jira is unavailable' : 'Jira is back'));
  document.getElementById('latency').addEventListener('change', (e) => act('PUT', '/faults/latency',
    { millis: Math.max(0, parseInt(e.target.value, 10) || 0) }, 'latency set'));
  document.getElementById('comment-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = document.getElementById('comment-text');
    if (!text.value.trim() || !selected) return;
    const key = selected;
    try {
      await call('POST', '/requests/' + encodeURIComponent(key) + '/comments',
        { body: text.value, as: as(), public: true });
      text.value = '';
      text.blur();
      toast('comment added to ' + key, false);
      await refresh();
      renderDetail();
    } catch (err) {
      toast(err.message, true);
    }
  });
}

async function main() {
  const [u, s] = await Promise.all([call('GET', '/users'), call('GET', '/statuses')]);
  users = new Map(u.map((x) => [x.name, x]));
  statuses = s;
  const select = document.getElementById('as');
  u.filter((x) => x.agent && x.active && !x.serviceAccount).forEach((x) => select.appendChild(new Option(x.displayName + ' (' + x.name + ')',
    x.name)));
  selected = new URLSearchParams(window.location.search).get('key');
  wire();
  await refresh();
  renderDetail();
  setInterval(refresh, POLL_MILLIS);
}

main();
