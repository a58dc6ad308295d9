// koyo-bot widget loader: a launcher button and, once opened, an iframe of the chat page.
(() => {
  'use strict';
  const d = document;
  const me =
    d.currentScript ||
    [...d.querySelectorAll('script[src]')].find((e) => /\/embed\.js([?#]|$)/.test(e.src));
  if (!me || d.getElementById('koyo-launcher')) return;
  const O = new URL(me.src, location.href).origin;
  const ds = me.dataset;
  const lang = /^(ja|en|pt|vi)$/.test(ds.lang) ? ds.lang : '';
  const side = ds.position == 'left' ? 'left' : 'right';
  const color = /^#([\da-f]{3}){1,2}$/i.test(ds.color) ? ds.color : '#0b4fc4';
  const title =
    (ds.title || '').trim().slice(0, 60) ||
    { ja: 'koyo-botに質問する', pt: 'Pergunte ao koyo-bot', vi: 'Hỏi koyo-bot' }[lang] ||
    'Ask koyo-bot';
  // Black or white icon, whichever reads better on the launcher colour.
  const n = parseInt(
    color.length == 4 ? color.replace(/\w/g, '$&$&').slice(1) : color.slice(1),
    16,
  );
  const fg =
    (n >> 16) * 0.299 + ((n >> 8) & 255) * 0.587 + (n & 255) * 0.114 > 150 ? '#000' : '#fff';
  const CHAT = 'M3 4h18v13H9l-5 4v-4H3z';
  const X = 'M6 6 18 18M18 6 6 18';
  const mk = (t) => d.createElement(t);
  const attr = (e, o) => Object.entries(o).forEach(([k, v]) => e.setAttribute(k, v));
  const b = mk('button');
  const panel = mk('div');
  const mq = matchMedia('(max-width: 479px)');
  let frame;
  let open = false;

  b.type = 'button';
  b.id = 'koyo-launcher';
  b.title = title;
  if (lang) b.lang = lang;
  attr(b, { 'aria-label': title, 'aria-expanded': false, 'aria-controls': 'koyo-panel' });
  const base = `position:fixed;bottom:16px;${side}:16px;z-index:2147483000;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;background:${color};color:${fg};cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 2px 10px rgba(0,0,0,.35)`;
  b.style.cssText = base;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = d.createElementNS(ns, 'svg');
  const path = d.createElementNS(ns, 'path');
  attr(svg, { viewBox: '0 0 24 24', 'aria-hidden': true });
  svg.style.cssText =
    'width:28px;height:28px;display:block;fill:currentColor;stroke:currentColor;stroke-width:2;stroke-linejoin:round;stroke-linecap:round';
  path.setAttribute('d', CHAT);
  svg.append(path);
  b.append(svg);
  // A focus ring that shows on any host page background.
  b.addEventListener('focus', () => (b.style.boxShadow = '0 0 0 3px #fff,0 0 0 6px #000'));
  b.addEventListener('blur', () => (b.style.cssText = base));

  panel.id = 'koyo-panel';
  attr(panel, { role: 'dialog', 'aria-label': title });
  const place = () =>
    (panel.style.cssText =
      `position:fixed;z-index:2147483001;display:${open ? 'block' : 'none'};margin:0;padding:0;overflow:hidden;background:#fff;box-sizing:border-box;box-shadow:0 4px 24px rgba(0,0,0,.35);` +
      (mq.matches
        ? 'top:0;right:0;bottom:0;left:0'
        : `bottom:80px;${side}:8px;width:min(400px,calc(100vw - 16px));height:min(640px,calc(100vh - 96px));border-radius:12px`));
  place();
  mq.addEventListener('change', place);

  const focusIn = () => {
    if (open) {
      frame.focus();
      frame.contentWindow.postMessage({ type: 'koyo:focus' }, O);
    }
  };

  const show = (o) => {
    if (o == open) return;
    open = o;
    place();
    b.setAttribute('aria-expanded', o);
    path.setAttribute('d', o ? X : CHAT);
    if (!o) return b.focus();
    if (frame) return focusIn();
    frame = mk('iframe');
    frame.title = title;
    frame.allow = 'clipboard-write';
    frame.src = `${O}/?embed=1${lang && '&lang=' + lang}&parent=${encodeURIComponent(location.origin)}`;
    frame.style.cssText = 'width:100%;height:100%;border:0;display:block';
    frame.addEventListener('load', focusIn);
    panel.append(frame);
  };

  b.addEventListener('click', () => show(!open));
  d.addEventListener('keydown', (e) => e.key == 'Escape' && show(false));
  addEventListener('message', (e) => {
    if (e.origin == O && frame && e.source == frame.contentWindow && e.data?.type == 'koyo:close')
      show(false);
  });

  const mount = () => d.body.append(panel, b);
  d.body ? mount() : d.addEventListener('DOMContentLoaded', mount);
})();
