// The page's script (plain browser JavaScript, served as console.js): draws the screens from the binary
// rectangles (10-byte header, then blue-green-red-unused pixels), appends log lines, ticks the elapsed times,
// and in interactive mode sends the keys typed on a focused screen.
export const PAGE_SCRIPT = String.raw`
const LOG_LINES = 5000;
const builds = new Map();
const log = document.getElementById('log');
let mode = 'view-only';
let ended = false;
let retries = 0;
const socketUrl = location.href.replace(/[?#].*$/, '').replace(/^http/, 'ws') + 'ws';

function show(id, text) { document.getElementById(id).textContent = text; }

function elapsed(ms) {
  const s = Math.floor(ms / 1000);
  return s < 60 ? s + 's' : Math.floor(s / 60) + 'm' + (s % 60) + 's';
}

function tick() {
  for (const b of builds.values()) {
    if (b.step) b.stepLine.textContent = b.step + ' (' + elapsed(Date.now() - b.since) + ')';
  }
}

function addBuild(id, name, socket) {
  const panel = document.createElement('section');
  panel.className = 'build';
  panel.innerHTML = '<h2></h2><div class="step">waiting</div><div class="state"></div>'
    + '<canvas width="640" height="480"></canvas><div class="result"></div>';
  panel.querySelector('h2').textContent = name;
  const canvas = panel.querySelector('canvas');
  canvas.id = 'screen-' + id;
  const b = { id, panel, canvas, context: canvas.getContext('2d'), stepLine: panel.querySelector('.step') };
  if (mode === 'interactive') {
    canvas.tabIndex = 0;
    canvas.title = 'Click here, then type: your keys go to the VM';
    for (const type of ['keydown', 'keyup']) {
      canvas.addEventListener(type, (event) => {
        event.preventDefault();
        socket.send(JSON.stringify({ t: 'key', id, code: event.code, key: event.key, down: type === 'keydown' }));
      });
    }
  }
  builds.set(id, b);
  document.getElementById('builds').append(panel);
}

function onMessage(m, socket) {
  const b = builds.get(m.id);
  switch (m.t) {
    case 'hello':
      mode = m.mode;
      builds.clear();
      document.getElementById('builds').replaceChildren();
      log.replaceChildren();
      show('mode', mode === 'interactive' ? 'interactive: click a screen and type' : 'view-only');
      break;
    case 'build': addBuild(m.id, m.name, socket); break;
    case 'step': b.step = m.step; b.since = m.since; tick(); break;
    case 'screen':
      if (m.width && (b.canvas.width !== m.width || b.canvas.height !== m.height)) {
        b.canvas.width = m.width;
        b.canvas.height = m.height;
      }
      b.panel.querySelector('.state').textContent = m.state === 'live' ? '' : m.state;
      b.canvas.dataset.state = m.state;
      break;
    case 'log': {
      const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.append(m.line + '\n');
      while (log.childNodes.length > LOG_LINES) log.firstChild.remove();
      if (atEnd) log.scrollTop = log.scrollHeight;
      break;
    }
    case 'result': {
      const line = b.panel.querySelector('.result');
      line.textContent = m.text;
      line.className = 'result ' + (m.ok ? 'ok' : 'failed');
      b.step = undefined;
      break;
    }
    case 'notice':
      show('notice', m.text);
      setTimeout(() => show('notice', ''), 5000);
      break;
    case 'end': {
      ended = true;
      const banner = document.getElementById('result');
      banner.textContent = m.text;
      banner.className = m.ok ? 'ok' : 'failed';
      banner.dataset.ok = String(m.ok);
      banner.hidden = false;
      break;
    }
  }
}

function onPicture(data) {
  const view = new DataView(data);
  const b = builds.get(view.getUint16(0));
  if (!b) return;
  const x = view.getUint16(2), y = view.getUint16(4), w = view.getUint16(6), h = view.getUint16(8);
  const source = new Uint8Array(data, 10);
  const image = b.context.createImageData(w, h);
  const rgba = image.data;
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = source[i + 2];
    rgba[i + 1] = source[i + 1];
    rgba[i + 2] = source[i];
    rgba[i + 3] = 255;
  }
  b.context.putImageData(image, x, y);
}

function connect() {
  const socket = new WebSocket(socketUrl);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => { retries = 0; show('connection', 'connected'); };
  socket.onmessage = (event) =>
    typeof event.data === 'string' ? onMessage(JSON.parse(event.data), socket) : onPicture(event.data);
  socket.onclose = () => {
    if (ended) return show('connection', 'Kiln has finished: this page no longer updates');
    show('connection', 'disconnected from Kiln');
    if (retries++ < 5) setTimeout(connect, 2000);
  };
}

setInterval(tick, 1000);
connect();
`;
