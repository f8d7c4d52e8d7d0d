// The console page: one panel per build (its screen, step and elapsed time, result) beside the log.
// Served with a policy that allows only its own script and its own WebSocket.
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Kiln live console</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; background: #1b1d22; color: #e6e6e6; }
  header { display: flex; gap: 1em; align-items: baseline; padding: .5em 1em; background: #262a31; }
  h1 { font-size: 1.1em; margin: 0; }
  #mode, #connection, #notice { color: #9aa4b2; }
  #notice { color: #f0c674; }
  main { display: flex; gap: 1em; padding: 1em; align-items: flex-start; }
  #builds { display: flex; flex-direction: column; gap: 1em; }
  .build h2 { font-size: 1em; margin: 0 0 .3em; }
  .step, .state { color: #9aa4b2; margin-bottom: .3em; }
  canvas { background: #000; outline: none; max-width: 100%; image-rendering: pixelated; }
  canvas:focus { box-shadow: 0 0 0 2px #81a2be; }
  .result.ok, #result.ok { color: #b5bd68; }
  .result.failed, #result.failed { color: #cc6666; }
  #logpane { flex: 1; min-width: 20em; }
  #log { height: 80vh; overflow: auto; margin: 0; padding: .5em; background: #111317; white-space: pre-wrap; }
  #result { font-weight: bold; padding: .5em 1em; }
</style>
</head>
<body>
<header><h1>Kiln live console</h1><span id="mode"></span><span id="connection">connecting…</span>
<span id="notice"></span></header>
<div id="result" hidden></div>
<main><section id="builds"></section><section id="logpane"><pre id="log"></pre></section></main>
<script type="module" src="console.js"></script>
</body>
</html>
`;
