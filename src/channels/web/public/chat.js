/*
 * koyo-bot chat page. Plain ES2020, no dependencies. Everything the user types and every bot
 * reply is rendered as text (createElement + textContent), never as HTML.
 *
 * Protocol: GET /api/locales for the UI strings; a WebSocket at /ws (hello / welcome_back /
 * message); POST /api/chat while the socket is down.
 */
(() => {
  'use strict';

  const LANGS = ['ja', 'en', 'pt', 'vi'];
  const MAX_LEN = 1000;
  const CAP = 100;
  const K_SID = 'koyo.sid';
  const K_LOG = 'koyo.log';
  const K_LANG = 'koyo.lang';
  // The only hard-coded UI text: shown when the strings themselves cannot be loaded.
  const LAST_RESORT = 'Connection problem';
  // Japanese phone numbers as written in answers, e.g. 0270-27-2755.
  const PHONE = /(^|[^\d-])(0\d{1,4}-\d{1,4}-\d{3,4})(?![\d-])/g;
  const SID_RE = /^[A-Za-z0-9_-]{8,64}$/;

  const doc = document;
  const $ = (id) => doc.getElementById(id);
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const isLang = (l) => LANGS.includes(l);
  const str = (v) => (typeof v === 'string' && v !== '' ? v : null);

  /* ---------- storage (sessionStorage, or memory when it is blocked) ---------- */
  const mem = {};
  let store = null;
  try {
    store = window.sessionStorage;
    store.setItem('koyo.t', '1');
    store.removeItem('koyo.t');
  } catch {
    store = null;
  }
  const load = (k) => {
    try {
      return store ? store.getItem(k) : (mem[k] ?? null);
    } catch {
      return null;
    }
  };
  const save = (k, v) => {
    try {
      if (store) store.setItem(k, v);
      else mem[k] = v;
    } catch {
      /* quota: the transcript just stops surviving reloads */
    }
  };
  const drop = (k) => {
    try {
      if (store) store.removeItem(k);
      delete mem[k];
    } catch {
      /* ignore */
    }
  };

  const uuid = () => {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  let sid = load(K_SID);
  if (!sid || !SID_RE.test(sid)) {
    sid = uuid();
    save(K_SID, sid);
  }

  /* ---------- URL parameters ---------- */
  const params = new URLSearchParams(location.search);
  const urlLang = isLang(params.get('lang')) ? params.get('lang') : null;
  let pendingQ = (params.get('q') || '').trim().slice(0, MAX_LEN) || null;
  const embedded = params.get('embed') === '1';
  const parentOrigin = (() => {
    const p = params.get('parent');
    if (!p) return null;
    try {
      const u = new URL(p);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === p ? p : null;
    } catch {
      return null;
    }
  })();
  // ?q and ?lang act once: a reload must not ask again or override a language chosen since.
  if (params.has('q') || params.has('lang')) {
    params.delete('q');
    params.delete('lang');
    const qs = params.toString();
    try {
      history.replaceState(
        history.state,
        '',
        location.pathname + (qs ? `?${qs}` : '') + location.hash,
      );
    } catch {
      /* ignore */
    }
  }

  /* ---------- transcript ---------- */
  const clean = (m) => {
    if (!m || (m.who !== 'user' && m.who !== 'bot') || typeof m.text !== 'string') return null;
    const raw = Array.isArray(m.quickReplies) ? m.quickReplies : [];
    return {
      who: m.who,
      text: m.text,
      lang: isLang(m.lang) ? m.lang : 'en',
      source: str(m.source),
      answerId: str(m.answerId),
      kind: str(m.kind),
      quickReplies: raw
        .map((q) => q && { label: str(q.label) || str(q.title), payload: str(q.payload) })
        .filter((q) => q && q.label && q.payload)
        .slice(0, 12),
    };
  };
  let log = [];
  try {
    const a = JSON.parse(load(K_LOG) || '[]');
    if (Array.isArray(a)) log = a.map(clean).filter(Boolean).slice(-CAP);
  } catch {
    log = [];
  }
  const persist = () => save(K_LOG, JSON.stringify(log));
  const lastBot = () => {
    for (let i = log.length - 1; i >= 0; i--) if (log[i].who === 'bot') return log[i];
    return null;
  };

  /* ---------- elements ---------- */
  const root = doc.documentElement;
  const logEl = $('log');
  const form = $('form');
  const input = $('input');
  const sendBtn = $('send');
  const picker = $('lang');
  const typingEl = $('typing');
  const statusEl = $('status');
  const closeBtn = $('close');
  const newBtn = $('new');

  /* ---------- strings and language ---------- */
  let strings = null;
  let stringsFailed = false;
  const storedLang = load(K_LANG);
  let langChosen = Boolean(urlLang || isLang(storedLang));
  let lang = urlLang || (isLang(storedLang) ? storedLang : null) || (lastBot() || {}).lang || 'en';

  const s = (k, vars) => {
    const pick = (l) => strings && strings[l] && typeof strings[l][k] === 'string' && strings[l][k];
    let t = pick(lang) || pick('en') || '';
    if (vars) for (const [n, v] of Object.entries(vars)) t = t.split(`{{${n}}}`).join(String(v));
    return t;
  };

  const applyStrings = () => {
    if (!strings) return;
    doc.title = s('title') || doc.title;
    for (const e of doc.querySelectorAll('[data-s]')) e.textContent = s(e.dataset.s);
    for (const e of doc.querySelectorAll('[data-sa]'))
      e.setAttribute('aria-label', s(e.dataset.sa));
    for (const e of doc.querySelectorAll('[data-sp]'))
      e.setAttribute('placeholder', s(e.dataset.sp));
    // Labels inside messages speak the page's language, not the message's.
    for (const e of logEl.querySelectorAll('[data-s],[data-sa]')) e.lang = lang;
    for (const o of picker.options) {
      const name = strings[o.value] && strings[o.value].languageName;
      if (typeof name === 'string' && name) o.textContent = name;
    }
    renderStatus();
  };

  const setLang = (l) => {
    if (!isLang(l)) return;
    lang = l;
    save(K_LANG, l);
    root.lang = l;
    picker.value = l;
    applyStrings();
  };

  const loadStrings = async () => {
    const ctl = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = ctl ? setTimeout(() => ctl.abort(), 8000) : 0;
    try {
      const r = await fetch('/api/locales', {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: ctl ? ctl.signal : undefined,
      });
      if (!r.ok) throw new Error(String(r.status));
      const d = await r.json();
      if (!d || typeof d !== 'object' || !LANGS.some((l) => d[l] && typeof d[l] === 'object'))
        throw new Error('bad locales');
      strings = d;
      stringsFailed = false;
      applyStrings();
    } catch {
      stringsFailed = true;
      renderStatus();
    } finally {
      clearTimeout(timer);
    }
  };

  /* ---------- status line and typing indicator ---------- */
  let connKey = '';
  let flashText = '';
  let flashTimer = 0;
  function renderStatus() {
    let t = flashText;
    if (!t && connKey) t = s(connKey) || LAST_RESORT;
    if (!t && stringsFailed && !strings) t = LAST_RESORT;
    if (statusEl.textContent !== t) keepBottom(() => (statusEl.textContent = t));
  }
  const setConn = (k) => {
    connKey = k;
    renderStatus();
  };
  const flash = (t) => {
    flashText = t || '';
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => {
      flashText = '';
      renderStatus();
    }, 5000);
    renderStatus();
  };

  let pending = 0;
  let typingTimer = 0;
  const setTyping = (delta) => {
    pending = Math.max(0, delta === 0 ? 0 : pending + delta);
    clearTimeout(typingTimer);
    if (pending > 0)
      typingTimer = setTimeout(() => {
        pending = 0;
        keepBottom(() => (typingEl.hidden = true));
      }, 30000);
    keepBottom(() => (typingEl.hidden = pending === 0));
  };

  /* ---------- scrolling ---------- */
  let atBottom = true;
  const nearBottom = () => logEl.scrollHeight - logEl.scrollTop - logEl.clientHeight < 48;
  const toBottom = () => {
    logEl.scrollTop = logEl.scrollHeight;
  };
  function keepBottom(change) {
    const stick = atBottom || nearBottom();
    change();
    if (stick) toBottom();
  }
  logEl.addEventListener('scroll', () => (atBottom = nearBottom()), { passive: true });
  if (typeof ResizeObserver === 'function')
    new ResizeObserver(() => {
      if (atBottom) toBottom();
    }).observe(logEl);

  // Keep the layout the height of the visual viewport (on-screen keyboards), unless zoomed.
  const vv = window.visualViewport;
  if (vv) {
    const fitToViewport = () => {
      if (vv.scale > 1.01) return;
      root.style.setProperty('--app-h', `${Math.round(vv.height)}px`);
      if (window.scrollY) window.scrollTo(0, 0);
      if (atBottom) requestAnimationFrame(toBottom);
    };
    vv.addEventListener('resize', fitToViewport);
    fitToViewport();
  }

  /* ---------- rendering ---------- */
  const linkify = (parent, text) => {
    let last = 0;
    let m;
    PHONE.lastIndex = 0;
    while ((m = PHONE.exec(text))) {
      const num = m[2];
      const start = m.index + m[1].length;
      const digits = num.replace(/-/g, '');
      if (digits.length < 10 || digits.length > 11) continue;
      parent.append(text.slice(last, start));
      const a = el('a', 'tel', num);
      a.href = `tel:${digits}`;
      parent.append(a);
      last = start + num.length;
    }
    parent.append(text.slice(last));
  };

  const label = (tag, cls, key) => {
    const e = el(tag, cls, s(key));
    e.dataset.s = key;
    e.lang = lang;
    return e;
  };

  const copyLink = (a, e) => {
    if (!navigator.clipboard || !window.isSecureContext) return; // a normal link then
    e.preventDefault();
    navigator.clipboard.writeText(a.href).then(
      () => {
        a.textContent = s('linkCopied');
        setTimeout(() => (a.textContent = s('shareLink')), 2500);
        flash(s('linkCopied'));
      },
      () => window.open(a.href, '_blank', 'noopener'),
    );
  };

  const render = (m) => {
    const node = el('div', `msg ${m.who}${m.kind === 'error' ? ' error' : ''}`);
    node.lang = m.lang;
    node.append(label('span', 'vh', m.who === 'user' ? 'you' : 'bot'));
    const bubble = el('div', 'bubble');
    const p = el('p', 'text');
    if (m.who === 'bot') linkify(p, m.text);
    else p.textContent = m.text;
    bubble.append(p);
    if (m.who === 'bot' && m.source) bubble.append(el('p', 'src', m.source));
    if (m.who === 'bot' && m.answerId) {
      const a = label('a', 'share', 'shareLink');
      const q = `/?lang=${encodeURIComponent(m.lang)}&q=answer:${encodeURIComponent(m.answerId)}`;
      a.href = new URL(q, location.origin).href;
      if (embedded) {
        a.target = '_blank';
        a.rel = 'noopener';
      }
      a.addEventListener('click', (e) => copyLink(a, e));
      bubble.append(a);
    }
    node.append(bubble);
    if (m.who === 'bot' && m.quickReplies.length) {
      const group = el('div', 'quick');
      group.setAttribute('role', 'group');
      group.dataset.sa = 'quickReplies';
      group.setAttribute('aria-label', s('quickReplies'));
      for (const q of m.quickReplies) {
        const b = el('button', 'qr', q.label);
        b.type = 'button';
        b.addEventListener('click', (e) => {
          if (b.disabled) return;
          send(q.payload, q.label);
          // Keyboard users keep their place: the composer, one Shift+Tab from the new buttons.
          if (e.detail === 0) input.focus();
        });
        group.append(b);
      }
      node.append(group);
    }
    return node;
  };

  // Only the buttons under the newest message work; older ones stay visible, disabled.
  const refreshQuick = () => {
    const last = logEl.lastElementChild;
    for (const b of logEl.querySelectorAll('.qr')) b.disabled = !last || !last.contains(b);
  };

  const add = (raw) => {
    const m = clean(raw);
    if (!m) return;
    log.push(m);
    if (log.length > CAP) log = log.slice(-CAP);
    persist();
    const node = render(m);
    logEl.append(node);
    while (logEl.childElementCount > CAP) logEl.firstElementChild.remove();
    refreshQuick();
    // A long answer is shown from its start; anything else scrolls to the end.
    if (m.who === 'bot' && node.offsetHeight > logEl.clientHeight - 24) {
      logEl.scrollTop = Math.max(0, node.offsetTop - 8);
      atBottom = false;
    } else {
      toBottom();
      atBottom = true;
    }
  };

  const restore = () => {
    if (!log.length) return;
    logEl.setAttribute('aria-live', 'off'); // do not read the whole history again
    const frag = doc.createDocumentFragment();
    for (const m of log) frag.append(render(m));
    logEl.append(frag);
    refreshQuick();
    toBottom();
    setTimeout(() => logEl.setAttribute('aria-live', 'polite'), 500);
  };

  /* ---------- receiving ---------- */
  let awaitingWelcome = false;
  let wsAwaiting = 0;

  const receive = (d) => {
    if (!d || typeof d.text !== 'string' || d.text === '') return;
    setTyping(-1);
    const l = isLang(d.lang) ? d.lang : lang;
    setLang(l); // the reply's language becomes the page's
    add({
      who: 'bot',
      text: d.text,
      lang: l,
      source: d.source,
      answerId: d.answerId,
      kind: d.kind,
      quickReplies: d.quickReplies || d.quick_replies,
    });
    if (awaitingWelcome) {
      awaitingWelcome = false;
      flushQ();
    }
  };

  const addError = (text) => {
    setTyping(0);
    add({ who: 'bot', text: text || s('errorGeneric') || LAST_RESORT, lang, kind: 'error' });
  };

  /* ---------- sending ---------- */
  let ws = null;
  let wsOpen = false;
  let httpMenu = false;

  const postHttp = async (text) => {
    const body = { text, sessionId: sid };
    // The server knows the session's language once it has answered; before that, say it.
    if (!lastBot() && langChosen) body.lang = lang;
    let res;
    try {
      res = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      });
    } catch {
      addError(s('offline'));
      return;
    }
    let data = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.ok && data && typeof data.text === 'string') {
      if (
        typeof data.sessionId === 'string' &&
        SID_RE.test(data.sessionId) &&
        data.sessionId !== sid
      ) {
        sid = data.sessionId;
        save(K_SID, sid);
      }
      receive(data);
    } else {
      const msg = data && data.error && str(data.error.message);
      addError(msg || s('errorGeneric'));
    }
  };

  /** Sends TEXT to the bot; SHOW (if given) is the user's bubble for it. */
  function send(text, show) {
    if (!text) return;
    if (text.length > MAX_LEN) {
      flash(s('errorTooLong', { max: MAX_LEN }));
      return;
    }
    if (show != null) add({ who: 'user', text: show, lang });
    setTyping(1);
    if (wsOpen && ws && ws.readyState === 1) {
      ws.send(JSON.stringify({ type: 'message', user: sid, text }));
      wsAwaiting++;
    } else {
      postHttp(text);
    }
  }

  function flushQ() {
    if (!pendingQ) return;
    const q = pendingQ;
    pendingQ = null;
    // A share link opened in a tab that already has a conversation in another language.
    const prev = lastBot();
    if (urlLang && prev && prev.lang !== urlLang) send(`lang:${urlLang}`);
    send(q);
  }

  /* ---------- WebSocket with reconnection ---------- */
  let retry = 0;
  let retryTimer = 0;
  let everOpen = false;

  const schedule = () => {
    clearTimeout(retryTimer);
    const delay = Math.min(30000, 1000 * 2 ** retry);
    retry = Math.min(retry + 1, 5);
    retryTimer = setTimeout(connect, delay);
  };

  function connect() {
    clearTimeout(retryTimer);
    if (ws) return;
    let sock;
    try {
      sock = new WebSocket(
        `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`,
      );
    } catch {
      setConn('reconnecting');
      schedule();
      return;
    }
    ws = sock;
    sock.addEventListener('open', () => {
      if (ws !== sock) return;
      const again = everOpen;
      wsOpen = true;
      everOpen = true;
      retry = 0;
      setConn('');
      if (again) flash(s('reconnected'));
      if (!strings) loadStrings();
      if (log.length) {
        sock.send(JSON.stringify({ type: 'welcome_back', user: sid }));
        flushQ();
      } else {
        sock.send(JSON.stringify({ type: 'hello', user: sid, lang: langChosen ? lang : null }));
        awaitingWelcome = true;
        setTyping(1);
      }
    });
    sock.addEventListener('message', (e) => {
      let d;
      try {
        d = JSON.parse(e.data);
      } catch {
        return;
      }
      if (!d || typeof d !== 'object') return;
      if (d.type === 'typing') {
        if (!pending) setTyping(1);
      } else if (d.type === 'message') {
        wsAwaiting = Math.max(0, wsAwaiting - 1);
        receive(d);
      }
    });
    sock.addEventListener('close', (e) => {
      if (ws !== sock) return;
      ws = null;
      wsOpen = false;
      // Another tab with a copy of this session (duplicated tab) took the connection over.
      if (e.code === 1008 && /replaced/i.test(e.reason || '')) {
        sid = uuid();
        save(K_SID, sid);
      }
      if (awaitingWelcome) {
        awaitingWelcome = false;
        setTyping(0);
      }
      if (wsAwaiting > 0) {
        wsAwaiting = 0;
        addError(s('errorGeneric'));
      }
      setConn(navigator.onLine === false ? 'offline' : 'reconnecting');
      // The first connection failed: the topic menu and a share link's question go by HTTP instead.
      if (!everOpen) {
        if (!log.length && !httpMenu) {
          httpMenu = true;
          postHttp('menu');
        }
        flushQ();
      }
      schedule();
    });
  }

  const reconnectNow = () => {
    if (ws) return;
    retry = 0;
    connect();
  };
  window.addEventListener('online', reconnectNow);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') reconnectNow();
  });
  window.addEventListener('offline', () => {
    if (!wsOpen) setConn('offline');
  });

  /* ---------- controls ---------- */
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_LEN) {
      flash(s('errorTooLong', { max: MAX_LEN }));
      return;
    }
    input.value = '';
    autosize();
    send(text, text);
  });

  input.addEventListener('keydown', (e) => {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing (Japanese input).
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else sendBtn.click();
  });

  // Tapping send keeps the keyboard open on phones.
  sendBtn.addEventListener('mousedown', (e) => {
    if (doc.activeElement === input) e.preventDefault();
  });

  const grows = window.CSS && CSS.supports && CSS.supports('field-sizing', 'content');
  function autosize() {
    if (grows) return;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 2, 144)}px`;
  }
  input.addEventListener('input', () => keepBottom(autosize));

  let pickTimer = 0;
  picker.addEventListener('change', () => {
    const l = picker.value;
    if (!isLang(l)) return;
    langChosen = true;
    setLang(l);
    // Arrow keys on a closed <select> fire one change per step: send only where it settles.
    clearTimeout(pickTimer);
    pickTimer = setTimeout(() => {
      const prev = lastBot();
      if (!prev || prev.lang !== l) send(`lang:${l}`);
    }, 600);
  });

  newBtn.addEventListener('click', () => {
    drop(K_LOG);
    drop(K_SID);
    location.reload();
  });

  /* ---------- widget mode ---------- */
  if (embedded) {
    root.classList.add('embed');
    if (parentOrigin && window.parent !== window) {
      const close = () => window.parent.postMessage({ type: 'koyo:close' }, parentOrigin);
      closeBtn.hidden = false;
      closeBtn.addEventListener('click', close);
      doc.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) close();
      });
      window.addEventListener('message', (e) => {
        if (e.origin !== parentOrigin || e.source !== window.parent) return;
        if (e.data && e.data.type === 'koyo:focus') input.focus({ preventScroll: true });
      });
    }
  }

  /* ---------- start ---------- */
  root.lang = lang;
  picker.value = lang;
  restore();
  autosize();
  loadStrings().then(connect);
})();
