'use strict';
// The sandbox's Telegram app: each pane is one seeded person talking to the bot through the stand-in's control API
// (/sandbox/api). What the bot sends arrives as server-sent events carrying the whole chat after every change.
// The bot's formatting comes as "html" that the stand-in built from Telegram's entities with a fixed set of tags and
// everything else escaped; everything else (names, numbers, file names, button texts) goes in as text, never markup.

const API = '/sandbox/api';
const ROLES = { employee: 'Employees', specialist: 'Specialists', supervisor: 'Supervisors' };
const TOAST_MILLIS = 3500;
const panes = [];
let people = [];

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function post(path, body) {
  const response = await fetch(API + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
  return answer;
}

function personLabel(p) {
  return p.latinName + ' · ' + p.fullName + ' (' + p.languageCode + ')';
}

function sizeText(bytes) {
  return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KB'
    : (bytes / 1048576).toFixed(1) + ' MB';
}

function timeText(iso) {
  const d = new Date(iso);
  return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

class Pane {
  constructor(userId) {
    this.root = document.getElementById('pane-template').content.firstElementChild.cloneNode(true);
    this.q = (selector) => this.root.querySelector(selector);
    this.userId = null;
    this.source = null;
    this.rendered = new Map(); // messageId -> {key, element}
    this.byId = new Map(); // messageId -> message, for reply quotes
    this.noticesSeen = -1;
    this.keyboardKey = null;
    this.keyboardHidden = false;
    this.replyTo = null;
    this.fillPeople();
    this.wire();
    document.getElementById('panes').appendChild(this.root);
    this.select(userId);
  }

  fillPeople() {
    const who = this.q('.who');
    who.appendChild(new Option('— choose a person —', ''));
    for (const role of Object.keys(ROLES)) {
      const group = document.createElement('optgroup');
      group.label = ROLES[role];
      people.filter((p) => p.role === role).forEach((p) => group.appendChild(new Option(personLabel(p),
        String(p.telegramUserId))));
      who.appendChild(group);
    }
  }

  wire() {
    this.q('.who').addEventListener('change', (e) => { this.select(e.target.value || null); updateAddress(); });
    this.q('.close-pane').addEventListener('click', () => this.close());
    this.q('.composer').addEventListener('submit', (e) => { e.preventDefault(); this.sendText(); });
    this.q('.input').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); this.sendText(); }
    });
    this.q('.attach').addEventListener('click', () => this.q('.file').click());
    this.q('.file').addEventListener('change', (e) => this.sendFile(e.target));
    this.q('.more').addEventListener('click', () => { this.q('.more-menu').hidden = !this.q('.more-menu').hidden; });
    this.q('.share-own').addEventListener('click', () => this.shareOwnContact());
    this.q('.share-other').addEventListener('click', () => this.shareOtherContact());
    this.q('.show-keyboard').addEventListener('click', () => {
      this.keyboardHidden = false; this.q('.more-menu').hidden = true; this.renderKeyboard(this.lastChat);
    });
    this.q('.cancel-reply').addEventListener('click', () => this.setReply(null));
    this.q('.messages').addEventListener('click', (e) => {
      if (e.target.classList.contains('tg-spoiler')) e.target.classList.add('revealed');
    });
  }

  person() {
    return people.find((p) => String(p.telegramUserId) === String(this.userId));
  }

  select(userId) {
    if (this.source) this.source.close();
    this.source = null;
    this.userId = userId ? String(userId) : null;
    this.root.dataset.userId = this.userId || '';
    this.rendered.clear();
    this.byId.clear();
    this.noticesSeen = -1;
    this.keyboardKey = null;
    this.setReply(null);
    this.q('.who').value = this.userId || '';
    const messages = this.q('.messages');
    messages.replaceChildren(el('div', 'empty', this.userId ? 'Loading…' : 'Choose who you are above.'));
    this.q('.reply-keyboard').replaceChildren();
    this.describePerson();
    if (!this.userId) return;
    this.source = new EventSource(API + '/chats/' + encodeURIComponent(this.userId) + '/events');
    this.source.addEventListener('chat', (e) => this.render(JSON.parse(e.data)));
    this.source.onopen = () => this.q('.live').classList.add('on');
    this.source.onerror = () => this.q('.live').classList.remove('on');
  }

  describePerson() {
    const p = this.person();
    const info = this.q('.person');
    const other = this.q('.other');
    other.replaceChildren();
    if (!p) { info.textContent = ''; return; }
    const facts = [p.role, p.employeeId, p.e164, 'language ' + p.languageCode, 'HR ' + (p.hrStatus || 'none')];
    if (!p.canLogIn) facts.push('cannot log in');
    info.textContent = facts.join(' · ');
    people.filter((o) => o !== p).forEach((o) => other.appendChild(new Option(personLabel(o),
      String(o.telegramUserId))));
  }

  close() {
    if (this.source) this.source.close();
    this.root.remove();
    panes.splice(panes.indexOf(this), 1);
    updateAddress();
  }

  render(chat) {
    this.lastChat = chat;
    const box = this.q('.messages');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    const present = new Set(chat.messages.map((m) => m.messageId));
    this.byId = new Map(chat.messages.map((m) => [m.messageId, m]));
    for (const [id, r] of this.rendered) {
      if (!present.has(id)) { r.element.remove(); this.rendered.delete(id); }
    }
    box.querySelectorAll('.empty').forEach((e) => e.remove());
    let previous = null;
    let added = false;
    for (const m of chat.messages) {
      const key = JSON.stringify([m.html, m.replyMarkup, m.editCount, m.file && m.file.fileId, m.contact,
        m.replyTo && this.byId.get(m.replyTo) && this.byId.get(m.replyTo).plainText]);
      let r = this.rendered.get(m.messageId);
      if (!r || r.key !== key) {
        const element = this.messageElement(m);
        if (r) r.element.replaceWith(element); else added = true;
        r = { key, element };
        this.rendered.set(m.messageId, r);
      }
      const expectedPlace = previous ? previous.nextSibling : box.firstChild;
      if (r.element !== expectedPlace) box.insertBefore(r.element, expectedPlace);
      previous = r.element;
    }
    if (!chat.messages.length) {
      box.appendChild(el('div', 'empty', 'No messages yet. Send /start to begin.'));
    }
    if (atBottom || added) box.scrollTop = box.scrollHeight;
    if (this.noticesSeen >= 0 && chat.notices.length > this.noticesSeen) {
      this.toast(chat.notices[chat.notices.length - 1].text, false);
    }
    this.noticesSeen = chat.notices.length;
    this.renderKeyboard(chat);
  }

  messageElement(m) {
    const root = el('div', 'msg ' + (m.fromBot ? 'bot' : 'me'));
    root.dataset.messageId = m.messageId;
    const bubble = el('div', 'bubble');
    root.appendChild(bubble);
    if (m.replyTo) {
      const target = this.byId.get(m.replyTo);
      bubble.appendChild(el('div', 'quote', target ? (target.plainText || fileLabel(target) || '…') : 'deleted message'));
    }
    if (m.file) bubble.appendChild(this.fileElement(m.file));
    if (m.contact) {
      const c = el('div', 'contact');
      c.appendChild(el('span', 'icon', '👤'));
      const phone = String(m.contact.phone_number || '');
      c.appendChild(el('span', null, (m.contact.first_name || '') + ' · ' + (phone.startsWith('+') ? '' : '+') + phone));
      bubble.appendChild(c);
    }
    const text = el('div', 'text');
    text.innerHTML = m.html || ''; // built by the stand-in from entities: escaped text and whitelisted tags only
    bubble.appendChild(text);
    const meta = el('div', 'meta');
    const reply = el('button', 'reply-btn', '↩');
    reply.type = 'button';
    reply.title = 'Reply';
    reply.addEventListener('click', () => this.setReply(m));
    meta.appendChild(reply);
    if (!m.fromBot && !m.contact && m.file === undefined) {
      const edit = el('button', 'edit-btn', '✎');
      edit.type = 'button';
      edit.title = 'Edit';
      edit.addEventListener('click', () => this.editMessage(m));
      meta.appendChild(edit);
    }
    if (m.editCount > 0) meta.appendChild(el('span', 'edited', 'edited'));
    meta.appendChild(el('time', null, timeText(m.at)));
    bubble.appendChild(meta);
    const inline = m.replyMarkup && m.replyMarkup.inline_keyboard;
    if (m.fromBot && inline) root.appendChild(this.inlineKeyboard(m, inline));
    return root;
  }

  fileElement(f) {
    const url = API + '/files/' + encodeURIComponent(f.fileId);
    if (f.kind === 'photo') {
      const img = el('img', 'photo');
      img.src = url;
      img.alt = 'photo';
      return img;
    }
    if (f.kind === 'voice') {
      const audio = el('audio');
      audio.controls = true;
      audio.src = url;
      return audio;
    }
    const a = el('a', 'doc');
    a.href = url;
    a.download = f.fileName || 'file';
    a.appendChild(el('span', 'icon', '📄'));
    const label = el('span');
    label.appendChild(el('div', null, f.fileName || 'file'));
    label.appendChild(el('div', 'size', sizeText(f.size) + (f.mimeType ? ' · ' + f.mimeType : '')));
    a.appendChild(label);
    return a;
  }

  inlineKeyboard(m, rows) {
    const box = el('div', 'inline-keyboard');
    for (const row of rows) {
      const line = el('div', 'row');
      for (const b of row) {
        let button;
        if (b.url) {
          button = el('a', 'inline-btn', b.text + ' ↗');
          button.href = /^(https?|tg|mailto):/i.test(b.url) ? b.url : '#';
          button.target = '_blank';
          button.rel = 'noopener noreferrer';
        } else {
          button = el('button', 'inline-btn', b.text);
          button.type = 'button';
          if (b.callback_data === undefined) {
            button.disabled = true;
            button.title = 'not available in the sandbox';
          } else {
            button.dataset.callback = b.callback_data;
            button.addEventListener('click', () => this.act('/press',
              { messageId: m.messageId, callbackData: b.callback_data }));
          }
        }
        line.appendChild(button);
      }
      box.appendChild(line);
    }
    return box;
  }

  renderKeyboard(chat) {
    const box = this.q('.reply-keyboard');
    const markup = chat && chat.replyKeyboard;
    const key = JSON.stringify(markup || null);
    if (key !== this.keyboardKey) { this.keyboardKey = key; this.keyboardHidden = false; }
    box.replaceChildren();
    this.q('.input').placeholder = (markup && markup.input_field_placeholder)
      || 'Message (Enter sends, Shift+Enter: new line)';
    if (!markup || !markup.keyboard || this.keyboardHidden) return;
    for (const row of markup.keyboard) {
      const line = el('div', 'row');
      for (const raw of row) {
        const b = typeof raw === 'string' ? { text: raw } : raw;
        const button = el('button', 'kb-btn', (b.request_contact ? '📱 ' : '') + b.text);
        button.type = 'button';
        if (b.request_contact) button.dataset.requestContact = 'true';
        button.addEventListener('click', async () => {
          if (b.request_contact) await this.shareOwnContact(); else await this.act('/text', { text: b.text });
          if (markup.one_time_keyboard) { this.keyboardHidden = true; this.renderKeyboard(this.lastChat); }
        });
        line.appendChild(button);
      }
      box.appendChild(line);
    }
  }

  setReply(m) {
    this.replyTo = m ? m.messageId : null;
    this.q('.replying').hidden = !m;
    this.q('.replying-text').textContent = m ? 'Reply to: ' + (m.plainText || fileLabel(m) || '…') : '';
  }

  async act(path, body) {
    if (!this.userId) { this.toast('Choose who you are first.', true); return null; }
    try {
      return await post('/users/' + encodeURIComponent(this.userId) + path, body);
    } catch (e) {
      this.toast(e.message, true);
      return null;
    }
  }

  async sendText() {
    const box = this.q('.input');
    const text = box.value;
    if (!text.trim()) return;
    const body = { text };
    if (this.replyTo) body.replyToMessageId = this.replyTo;
    if (await this.act('/text', body)) { box.value = ''; this.setReply(null); }
  }

  async sendFile(input) {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    const caption = this.q('.input').value.trim() || undefined;
    const body = { contentBase64: await readBase64(file), caption };
    if (this.replyTo) body.replyToMessageId = this.replyTo;
    let answer;
    if (file.type === 'image/jpeg' || file.type === 'image/png') {
      answer = await this.act('/photo', body);
    } else {
      body.fileName = file.name;
      body.mimeType = file.type || 'application/octet-stream';
      answer = await this.act('/document', body);
    }
    if (answer) { this.q('.input').value = ''; this.setReply(null); }
  }

  async shareOwnContact() {
    this.q('.more-menu').hidden = true;
    await this.act('/contact', { own: true });
  }

  async shareOtherContact() {
    const other = people.find((p) => String(p.telegramUserId) === this.q('.other').value);
    if (!other) return;
    this.q('.more-menu').hidden = true;
    // as Telegram forwards a known user's contact: their number and user id, not the sender's
    await this.act('/contact', { phoneNumber: other.e164.replace(/^\+/, ''), contactUserId: other.telegramUserId,
      firstName: other.firstName });
  }

  async editMessage(m) {
    const text = window.prompt('Edit your message', m.plainText || '');
    if (text === null || text === m.plainText) return;
    await this.act('/edit', { messageId: m.messageId, text });
  }

  toast(text, error) {
    const t = this.q('.toast');
    t.textContent = text;
    t.classList.toggle('error', !!error);
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { t.hidden = true; }, TOAST_MILLIS);
  }
}

function fileLabel(m) {
  if (!m.file) return m.contact ? '👤 contact' : '';
  return m.file.kind === 'photo' ? '🖼 photo' : m.file.kind === 'voice' ? '🎤 voice' : '📄 ' + (m.file.fileName || 'file');
}

function updateAddress() {
  const ids = panes.map((p) => p.userId).filter(Boolean);
  const url = new URL(window.location.href);
  if (ids.length) url.searchParams.set('as', ids.join(',')); else url.searchParams.delete('as');
  window.history.replaceState(null, '', url);
}

async function main() {
  const response = await fetch(API + '/people');
  people = await response.json();
  const asked = (new URLSearchParams(window.location.search).get('as') || '').split(',').filter(Boolean);
  (asked.length ? asked : [null]).forEach((id) => panes.push(new Pane(id)));
  document.getElementById('add-pane').addEventListener('click', () => panes.push(new Pane(null)));
}

main();
