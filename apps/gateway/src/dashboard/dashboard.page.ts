/**
 * The dashboard: one self-contained page (inline CSS and JS, no build step, no CDN: it must work
 * on machines without internet). It talks to the public API with the API key the visitor gives
 * once (kept in localStorage, sent as x-api-key; live board updates are read with fetch streaming
 * rather than EventSource, which cannot send headers).
 *
 * The script is a String.raw literal: it must not contain backticks or dollar-brace sequences.
 * The markup and style are String.raw literals too, so they stay Latin-1 (HTML entities for the
 * rest): the bundle writes other characters as \uXXXX (tools/bundle/latin1-source.ts), which a
 * String.raw literal keeps as text (the script reads it as the character it stands for).
 */

export interface DashboardCategory {
  id: string;
  name: string;
  color: string;
  parentId?: string;
  productive: boolean;
}

export interface DashboardBootstrap {
  categories: DashboardCategory[];
  timeZone: string;
}

export function renderDashboardPage(bootstrap: DashboardBootstrap): string {
  // JSON inside <script>: escape "<" so no value can close the element.
  const data = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>activity-pipeline · live</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(FAVICON)}">
<style>${STYLE}</style>
</head>
<body>
${BODY}
<script type="application/json" id="ap-boot">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>`;
}

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M8 22l5-7 4 4 7-10" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const STYLE = String.raw`
:root {
  /* The browser's own controls (the date picker's calendar icon, scrollbars) follow the theme too. */
  color-scheme: light dark;
  --bg: #f3f5fa; --card: #ffffff; --line: #e4e8f1; --text: #0f172a; --muted: #64748b; --soft: #f7f8fc;
  --accent: #4f46e5; --ok: #16a34a; --warn: #d97706; --bad: #dc2626;
  --shadow: 0 1px 2px rgba(15, 23, 42, .04), 0 4px 16px rgba(15, 23, 42, .05);
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #0b1020; --card: #121a2e; --line: #223052; --text: #e6ebf5; --muted: #8b9ab8; --soft: #0f1628; --shadow: none; }
}
* { box-sizing: border-box; }
/* A display rule (.donut's grid) would otherwise show an element the script hid. */
[hidden] { display: none !important; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; }
button, input, select { font: inherit; color: inherit; }
.top { display: flex; align-items: center; justify-content: space-between; padding: 14px 28px; background: var(--card); border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
.brand { display: flex; align-items: center; gap: 10px; font-size: 16px; }
.brand .logo { width: 26px; height: 26px; border-radius: 7px; background: linear-gradient(135deg, #6366f1, #4f46e5 60%, #0ea5e9); display: inline-block; position: relative; }
.brand .logo::after { content: ""; position: absolute; inset: 7px 6px 8px 6px; border-left: 3px solid #fff; border-bottom: 3px solid #fff; border-radius: 0 0 0 2px; }
.brand small { color: var(--muted); font-size: 13px; }
.status { display: flex; align-items: center; gap: 12px; color: var(--muted); font-size: 13px; }
.dot { width: 9px; height: 9px; border-radius: 50%; background: var(--muted); display: inline-block; flex: none; }
.dot.live { background: var(--ok); box-shadow: 0 0 0 0 rgba(22, 163, 74, .5); animation: pulse 2s infinite; }
.dot.poll { background: var(--warn); }
.dot.off { background: var(--bad); }
@keyframes pulse { 70% { box-shadow: 0 0 0 8px rgba(22, 163, 74, 0); } 100% { box-shadow: 0 0 0 0 rgba(22, 163, 74, 0); } }
.btn { border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: 5px 11px; cursor: pointer; }
.btn:hover { border-color: var(--accent); color: var(--accent); }
.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
main { max-width: 1320px; margin: 0 auto; padding: 22px 28px 40px; display: grid; gap: 18px; }
.kpis { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 14px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 14px 16px 12px; box-shadow: var(--shadow); position: relative; overflow: hidden; min-height: 96px; }
.kpi label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.kpi strong { display: block; font-size: 28px; font-weight: 650; letter-spacing: -.02em; margin-top: 2px; font-variant-numeric: tabular-nums; }
.kpi small { color: var(--muted); font-size: 12px; }
.kpi svg { position: absolute; right: 10px; bottom: 10px; width: 42%; height: 40px; opacity: .9; }
/* The line under a chart's number wraps in the card's left half, beside the chart: it ran under the columns
   ("1.50/s onto boards · last 60 s"). */
.kpi:has(svg) small { display: block; max-width: 50%; }
.kpi.alert strong { color: var(--bad); }
.grid { display: grid; grid-template-columns: minmax(0, 1.55fr) minmax(0, 1fr); gap: 18px; align-items: start; }
.grid.bottom:has(> #imports-card[hidden]) { grid-template-columns: minmax(0, 1fr); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; box-shadow: var(--shadow); padding: 16px 18px; min-width: 0; }
.card-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 12px; flex-wrap: wrap; }
.card h2 { font-size: 15px; margin: 0; font-weight: 650; display: flex; align-items: center; gap: 8px; }
.card h2 small { color: var(--muted); font-weight: 400; font-size: 12px; }
.controls { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
select, input[type=date], input[type=text], input[type=password] { border: 1px solid var(--line); background: var(--soft); border-radius: 8px; padding: 5px 9px; }
.swatch { width: 12px; height: 12px; border-radius: 4px; display: inline-block; flex: none; }
.seg { display: inline-flex; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; background: var(--soft); }
.seg button { border: 0; background: transparent; padding: 5px 11px; cursor: pointer; color: var(--muted); }
.seg button.on { background: var(--accent); color: #fff; }
#entries { list-style: none; margin: 0; padding: 0; }
#entries li { display: grid; grid-template-columns: 34px 34px minmax(90px, 1.1fr) minmax(60px, 2fr) 82px; align-items: center; gap: 10px; padding: 6px 8px; border-radius: 10px; cursor: pointer; }
#entries li:hover, #entries li:focus-visible { background: var(--soft); }
#entries li:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
#entries li.me { background: color-mix(in srgb, var(--accent) 9%, transparent); }
#entries li.climbed { animation: climbed 1.6s ease-out; }
#entries li.grew .score { animation: grew 1.2s ease-out; }
@keyframes climbed { 0% { background: rgba(79, 70, 229, .16); } 100% { background: transparent; } }
@keyframes grew { 0% { color: var(--ok); } 100% { color: var(--text); } }
.rank { font-weight: 650; text-align: center; color: var(--muted); font-variant-numeric: tabular-nums; }
.rank.r1, .rank.r2, .rank.r3 { color: #fff; border-radius: 50%; width: 26px; height: 26px; line-height: 26px; margin: 0 auto; font-size: 13px; }
.rank.r1 { background: #eab308; } .rank.r2 { background: #94a3b8; } .rank.r3 { background: #c2763a; }
.avatar { width: 30px; height: 30px; border-radius: 50%; color: #fff; font-size: 12px; font-weight: 650; display: grid; place-items: center; text-transform: uppercase; }
.who { min-width: 0; } .who b { display: block; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
.who small { color: var(--muted); font-size: 12px; }
.bar { height: 10px; background: var(--soft); border-radius: 6px; overflow: hidden; border: 1px solid var(--line); }
.bar i { display: block; height: 100%; border-radius: 6px; transition: width .6s ease; }
.score { text-align: right; font-weight: 650; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); text-align: center; padding: 36px 0; }
.userbox { display: flex; align-items: center; gap: 8px; }
.donut { display: grid; grid-template-columns: 190px 1fr; gap: 18px; align-items: center; }
.donut svg { width: 190px; height: 190px; }
.donut-center { font-size: 22px; font-weight: 650; fill: var(--text); }
.donut-sub { font-size: 11px; fill: var(--muted); }
#legend { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
#legend li { display: grid; grid-template-columns: 12px 1fr auto; gap: 8px; align-items: center; font-size: 13px; white-space: nowrap; }
#legend li span:nth-child(2) { overflow: hidden; text-overflow: ellipsis; }
#legend li span:last-child { font-variant-numeric: tabular-nums; color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th { text-align: left; color: var(--muted); font-weight: 500; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; padding: 6px 8px; border-bottom: 1px solid var(--line); }
td { padding: 9px 8px; border-bottom: 1px solid var(--line); }
tr:last-child td { border-bottom: 0; }
td.num, th.num { text-align: right; }
.pill { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; text-transform: capitalize; }
.tag { font-size: 11px; border-radius: 999px; padding: 1px 8px; background: var(--soft); border: 1px solid var(--line); color: var(--muted); }
.tag.ok { color: var(--ok); border-color: color-mix(in srgb, var(--ok) 40%, transparent); }
.tag.bad { color: var(--bad); border-color: color-mix(in srgb, var(--bad) 40%, transparent); }
.consumers { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.consumer { border: 1px solid var(--line); border-radius: 10px; padding: 6px 10px; font-size: 12px; color: var(--muted); background: var(--soft); }
.consumer b { color: var(--text); font-weight: 600; }
.consumer.late { border-color: var(--bad); color: var(--bad); }
.letters { list-style: none; padding: 0; margin: 8px 0 0; display: grid; gap: 8px; }
.letters li { border: 1px solid var(--line); border-radius: 10px; padding: 8px 10px; display: grid; grid-template-columns: 1fr auto; gap: 4px 10px; font-size: 13px; }
.letters .reason { color: var(--bad); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.letters small { color: var(--muted); }
.letters .replay-failed { grid-column: 1 / -1; color: var(--bad); }
.stagebars { display: grid; gap: 6px; }
.stagebars div { display: grid; grid-template-columns: 110px 1fr 40px; gap: 8px; align-items: center; font-size: 13px; }
.progress { height: 8px; background: var(--soft); border-radius: 6px; overflow: hidden; border: 1px solid var(--line); }
.progress i { display: block; height: 100%; background: var(--accent); }
.jobs { list-style: none; padding: 0; margin: 0; display: grid; gap: 10px; }
.jobs li { display: grid; gap: 4px; font-size: 13px; }
.jobs .line { display: flex; justify-content: space-between; gap: 10px; }
.muted { color: var(--muted); }
#health-at.stale { color: var(--bad); } #stages.stale { opacity: .45; }
/* The last board's rows or user's donut while the one picked is read. */
#entries[aria-busy=true], #donut-box[aria-busy=true] { opacity: .45; }
.modal { position: fixed; inset: 0; background: rgba(15, 23, 42, .45); display: grid; place-items: center; z-index: 10; }
.modal[hidden] { display: none; }
.modal form { background: var(--card); border-radius: 16px; padding: 22px 24px; width: min(440px, 92vw); box-shadow: 0 20px 60px rgba(0, 0, 0, .25); display: grid; gap: 12px; }
.modal h3 { margin: 0; font-size: 17px; }
.modal p { margin: 0; color: var(--muted); font-size: 13px; }
.modal .error { color: var(--bad); min-height: 1em; }
code { background: var(--soft); border: 1px solid var(--line); border-radius: 5px; padding: 0 4px; font-size: 12px; }
@media (max-width: 1000px) { .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); } .grid { grid-template-columns: minmax(0, 1fr); } .donut { grid-template-columns: 1fr; justify-items: center; } }
/* Phones: the page never scrolls sideways; the health table scrolls inside its card, leaderboard rows drop the bar. */
.table-scroll { overflow-x: auto; }
@media (max-width: 600px) {
  .top { padding: 10px 12px; gap: 8px; } .brand small { display: none; }
  /* The state on a row of its own under the name, and the header not sticky: a failure of a few lines
     in a sticky header stayed over the top of the screen. */
  .top { position: static; flex-wrap: wrap; } .status { flex: 1 1 100%; } #live-mode { flex: 1; }
  main { padding: 12px 10px 28px; gap: 12px; }
  .kpis { gap: 10px; } .kpi strong { font-size: 22px; }
  .card { padding: 12px; }
  #entries li { grid-template-columns: 28px 30px minmax(0, 1fr) auto; gap: 8px; padding: 6px 4px; }
  #entries li .bar { display: none; }
  .letters li { grid-template-columns: minmax(0, 1fr) auto; }
}
`;

const BODY = String.raw`
<header class="top">
  <div class="brand"><span class="logo"></span><b>activity-pipeline</b><small>live dashboard</small></div>
  <div class="status"><span id="live-dot" class="dot"></span><span id="live-mode" role="status">starting&hellip;</span><button class="btn" id="key-button" type="button">API key</button></div>
</header>
<main>
  <section class="kpis">
    <div class="kpi"><label>Events / s</label><strong id="kpi-rate">&ndash;</strong><small id="kpi-rate-sub">classified, last 60 s</small><svg id="spark" viewBox="0 0 100 40" preserveAspectRatio="none"></svg></div>
    <div class="kpi" id="kpi-p99-card"><label>Ingest &rarr; board p99</label><strong id="kpi-p99">&ndash;</strong><small id="kpi-p99-sub">p50 &ndash; · p95 &ndash;</small></div>
    <div class="kpi" id="kpi-lag-card"><label>Consumer lag</label><strong id="kpi-lag">&ndash;</strong><small>messages not yet handled</small></div>
    <div class="kpi" id="kpi-dlq-card"><label>Dead letters</label><strong id="kpi-dlq">&ndash;</strong><small id="kpi-dlq-sub">waiting for replay</small></div>
    <div class="kpi"><label>On this board</label><strong id="kpi-users">&ndash;</strong><small id="kpi-users-sub">users · top 20 shown</small></div>
  </section>
  <section class="grid">
    <article class="card">
      <div class="card-head">
        <h2><span class="swatch" id="board-swatch"></span><span id="board-title">Leaderboard</span><small id="board-key"></small></h2>
        <div class="controls">
          <select id="board" aria-label="board"></select>
          <div class="seg" id="period" role="group" aria-label="period">
            <button type="button" data-period="day" class="on" aria-pressed="true">Day</button><button type="button" data-period="week" aria-pressed="false">Week</button><button type="button" data-period="month" aria-pressed="false">Month</button><button type="button" data-period="all" aria-pressed="false">All time</button>
          </div>
          <input type="date" id="date" aria-label="date">
        </div>
      </div>
      <ol id="entries"></ol>
      <div class="empty" id="entries-empty" hidden>Nobody on this board yet. Send events to <code>POST /v1/events</code> or run <code>npm run demo</code>.</div>
      <div class="empty" id="board-failed" hidden></div>
    </article>
    <article class="card">
      <div class="card-head">
        <h2>Time by category <small id="user-period"></small></h2>
        <div class="userbox"><input type="text" id="user" placeholder="user id" aria-label="user id" size="14"></div>
      </div>
      <div class="donut" id="donut-box">
        <svg id="donut" viewBox="0 0 200 200" role="img" aria-label="time by category"></svg>
        <ul id="legend"></ul>
      </div>
      <div class="empty" id="user-empty">Pick a user on the leaderboard.</div>
    </article>
  </section>
  <section class="card">
    <div class="card-head"><h2>Pipeline health <small>last 60 s · refreshed every 2 s</small></h2><span class="muted" id="health-at"></span></div>
    <div class="table-scroll"><table>
      <thead><tr><th>Stage</th><th class="num">Instances</th><th class="num">Events/s</th><th class="num">Success</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">Lag</th><th class="num">Dead letters</th></tr></thead>
      <tbody id="stages"></tbody>
    </table></div>
    <div class="consumers" id="consumers"></div>
    <div class="consumers" id="llm"></div>
    <div class="consumers" id="maintenance"></div>
  </section>
  <section class="grid bottom">
    <article class="card">
      <div class="card-head"><h2>Dead letters</h2><span class="muted" id="dlq-note"></span></div>
      <div class="stagebars" id="dlq-stages"></div>
      <ul class="letters" id="letters"></ul>
    </article>
    <article class="card" id="imports-card" hidden>
      <div class="card-head"><h2>Import jobs</h2><span class="muted" id="imports-note"></span></div>
      <ul class="jobs" id="jobs"></ul>
    </article>
  </section>
</main>
<div class="modal" id="key-dialog" role="dialog" aria-modal="true" aria-labelledby="key-title" aria-describedby="key-help" hidden>
  <form id="key-form">
    <h3 id="key-title">Connect with an API key</h3>
    <p id="key-help">A key with the <code>read</code> scope shows boards and health; an <code>admin</code> key also lists and replays dead letters. The local stack writes one to <code>.data/dev-api-key</code>. It stays in this browser only.</p>
    <input type="password" id="key-input" aria-label="API key" placeholder="ap_&hellip;" autocomplete="off" required>
    <div class="error" id="key-error" role="alert"></div>
    <div style="display:flex;gap:8px;justify-content:flex-end"><button class="btn" type="button" id="key-cancel">Cancel</button><button class="btn primary" type="submit" id="key-save">Connect</button></div>
  </form>
</div>`;

const SCRIPT = String.raw`
(function () {
  'use strict';
  var boot = JSON.parse(document.getElementById('ap-boot').textContent);
  var STAGES = ['classification', 'inference', 'leaderboard'];
  var BOARD_COLORS = { total: '#4f46e5', productive: '#16a34a' };
  var state = {
    key: localStorage.getItem('ap.apiKey') || '',
    board: localStorage.getItem('ap.board') || 'total',
    period: 'day',
    date: '',
    user: localStorage.getItem('ap.user') || '',
    scores: null,
    categories: {},
    rates: [],
    streamAbort: null,
    streaming: false,
    streamHeard: 0,
    lastSseTry: 0,
    // Why the gateway refused the last stream asked for, if it did.
    streamRefusal: '',
    dlqPending: null,
    healthAt: null,
    // When the import jobs and the dead letters were last read.
    importsAt: null,
    lettersAt: null,
    // Why a dead letter's replay was refused, by letter id.
    replayFailures: {},
    // The letters whose replay is asked and not yet answered, by id: a refresh meanwhile keeps their button disabled.
    replaying: {},
    // The category list the board picker was built from (JSON).
    categoriesSignature: '',
    // The selection (board, period, date) the rows on the page are of, and the user and period of the donut.
    shown: '',
    userShown: ''
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (attrs[k] !== undefined && attrs[k] !== null) node.setAttribute(k, attrs[k]); });
    // A null child is one left out (a line shown only sometimes).
    [].concat(children === undefined ? [] : children).forEach(function (c) { if (c !== null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function fmtDuration(sec) {
    sec = Math.round(sec);
    // Hours grouped as the browser's language groups every count on the page (an all-time board's 1,200h 00m).
    if (sec >= 3600) return fmtInt(Math.floor(sec / 3600)) + 'h ' + pad(Math.floor((sec % 3600) / 60)) + 'm';
    if (sec >= 60) return Math.floor(sec / 60) + 'm ' + pad(sec % 60) + 's';
    return sec + 's';
  }
  function fmtSeconds(s) {
    if (s === null || s === undefined) return '–';
    if (s < 1) return (s * 1000 < 10 ? (s * 1000).toFixed(1) : Math.round(s * 1000)) + ' ms';
    return (s < 10 ? s.toFixed(2) : s.toFixed(1)) + ' s';
  }
  function fmtRate(n) { return n >= 100 ? Math.round(n).toLocaleString() : n >= 10 ? n.toFixed(1) : n.toFixed(2); }
  // Cut, not rounded: a rate below 1 never reads 100 % (0.9996 was "100.0%" over a failure). The epsilon
  // keeps binary fractions (0.57 * 1000 = 569.99…) from losing a tenth.
  function fmtSuccess(rate) { return rate >= 1 ? '100%' : (Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1) + '%'; }
  // A part's share of a whole: never "100%" or "0%" while the rest or the part is not nothing (a minute of
  // video in an 8-hour day read "100% productive", the video "0%").
  function fmtShare(part, whole) {
    var percent = whole > 0 ? (part / whole) * 100 : 0;
    if (percent > 0 && percent < 1) return '<1%';
    if (percent > 99 && percent < 100) return '>99%';
    return Math.round(percent) + '%';
  }
  function fmtInt(n) { return Number(n || 0).toLocaleString(); }
  // "1 delivery", "2 deliveries": a count with its noun in the right number.
  function fmtCount(n, one, many) { return fmtInt(n) + ' ' + (Number(n || 0) === 1 ? one : many); }
  function hashColor(text) {
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return 'hsl(' + (Math.abs(h) % 360) + ', 55%, 48%)';
  }
  // "jane.doe" JD, "lena" LE, "user12" U12: ids that differ only in their number stay apart.
  function initials(id) {
    var numbered = /^[A-Za-z]+([0-9]+)$/.exec(id);
    if (numbered) return (id[0] + numbered[1].slice(-2)).toUpperCase();
    var parts = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
    return ((parts[0] || id)[0] + (parts[1] ? parts[1][0] : (parts[0] || id)[1] || '')).toUpperCase();
  }
  // Days and times in the boards' zone (the leaderboard app's), named: the boards' days are that
  // zone's whatever the browser's; a browser that does not know it shows UTC, named so.
  var zone = '', zonedFormat = null;
  // True when the zone changed: the page's rendering names one, the health panel's answers the current one (a
  // leaderboard app restarted in another zone, or one that recorded its own after the page was rendered in the
  // gateway's default: the page kept the zone of its loading for good, "today" another zone's day).
  function useZone(name) {
    var known = 'UTC';
    try { new Intl.DateTimeFormat('en-CA', { timeZone: name }); known = name; } catch (e) { /* unknown to this browser */ }
    if (known === zone) return false;
    zone = known;
    zonedFormat = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    return true;
  }
  useZone(boot.timeZone);
  function zonedParts(ms) {
    var parts = {};
    zonedFormat.formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }
  function zonedDay(ms) { var p = zonedParts(ms); return p.year + '-' + p.month + '-' + p.day; }
  function fmtClock(ms) { var p = zonedParts(ms); return p.hour + ':' + p.minute + ':' + p.second + ' ' + zone; }
  function fmtMoment(ms) { return zonedDay(ms) + ' ' + fmtClock(ms); }
  function today() { return zonedDay(Date.now()); }
  function effectiveDate() { return state.date || today(); }
  function boardColor(id) { return BOARD_COLORS[id] || (state.categories[id] && state.categories[id].color) || '#6366f1'; }
  function boardName(id) {
    if (id === 'total') return 'Total';
    if (id === 'productive') return 'Productive';
    var c = state.categories[id];
    if (!c) return id;
    var parent = c.parentId && state.categories[c.parentId];
    return parent ? parent.name + ' › ' + c.name : c.name;
  }
  function query() { return 'period=' + state.period + '&date=' + effectiveDate(); }

  // ---------- API ----------
  // A read the gateway does not answer fails after this long (the stream, open for good, is not bounded):
  // a frozen gateway or a lost network left every read hanging, and the header saying "live".
  var READ_TIMEOUT_SEC = 10;
  var STREAM_SILENCE_MS = 75000;
  // The events/s sparkline's span.
  var SPARK_SPAN_MS = 120000;
  // With the page's key, or (key) the one the key dialog checks.
  function api(path, init, key) {
    init = init || {};
    // Without a key every read is a 401: a control used while the key dialog is open fails as one without asking
    // (its late 401 reopened the dialog the key just closed).
    if (key === undefined) key = state.key;
    if (!key) return Promise.reject(new Error('401'));
    var headers = Object.assign({ 'x-api-key': key }, init.headers || {});
    var signal = init.signal || AbortSignal.timeout(READ_TIMEOUT_SEC * 1000);
    return fetch(path, Object.assign({}, init, { headers: headers, signal: signal })).then(function (res) {
      // A refusal of a key replaced meanwhile says nothing about the current one. The refused key is
      // forgotten: the refreshes went on sending it, each 401 spending this address's budget of unknown keys.
      if (res.status === 401 && key === state.key) forgetKey('This key was refused (invalid or revoked).');
      if (res.status === 401) throw new Error('401');
      return res;
    });
  }
  // An answer as { ok, status, body }: the body parsed as JSON, else its text (a proxy's page).
  function answerOf(res) {
    return res.text().then(function (text) {
      var body = null;
      try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
      return { ok: res.ok, status: res.status, body: body };
    });
  }
  function getJson(path, init, key) {
    return api(path, init, key).then(answerOf);
  }
  // A panel's last answer kept through a failed refresh: its note says since when, and why.
  function notRefreshed(note, at, message) { $(note).textContent = at ? 'not refreshed since ' + fmtClock(at) + ': ' + message : message; }
  // Refreshes of one kind overlap when the gateway is slow: an answer counts only when no read of its
  // kind sent after it has answered yet, else a late answer put older numbers over newer ones.
  var readsSent = {}, readsAnswered = {};
  function newestRead(kind) {
    var ticket = readsSent[kind] = (readsSent[kind] || 0) + 1;
    return function () {
      if (ticket < (readsAnswered[kind] || 0)) return false;
      readsAnswered[kind] = ticket;
      return true;
    };
  }
  // Newer than every read of that kind sent so far (a live update): their answers, the last one's too, are dropped.
  function supersedeReads(kind) { readsAnswered[kind] = (readsSent[kind] || 0) + 1; }
  // What fails now, by source ('board', 'health'): the header names it until a read succeeds again.
  // Before, a stream left open kept saying "live · streaming" over a stale board while Redis or
  // NATS was down, and the health panel kept its last numbers without a word.
  var problems = {};
  function failure(r, error) {
    if (r) return (r.body && r.body.message) || ('HTTP ' + r.status);
    return error && error.name === 'TimeoutError' ? 'no answer from the gateway within ' + READ_TIMEOUT_SEC + ' s' : 'gateway unreachable';
  }
  function trouble(source, message) {
    if (message) problems[source] = message; else delete problems[source];
    paintMode();
  }
  function paintMode() {
    if (!state.key) return;
    var messages = Object.keys(problems).map(function (k) { return problems[k]; }).filter(function (m, i, all) { return all.indexOf(m) === i; });
    if (messages.length) setMode('off', messages.join(' · '));
    else if (state.streaming) setMode('live', 'live · streaming');
    else setMode('poll', 'live · polling every 2 s' + (state.streamRefusal ? ' (no live stream: ' + state.streamRefusal + ')' : ''));
  }
  // Written only when it changes: the header's state is a live region, and each write of the same text
  // was read out again by screen readers at every refresh.
  function setMode(mode, text) {
    $('live-dot').className = 'dot ' + mode;
    if ($('live-mode').textContent !== text) $('live-mode').textContent = text;
  }

  // ---------- categories and board picker ----------
  function setCategories(list) {
    // Rebuilt only when the list changed: the minute's refresh must not rebuild a picker being used.
    var signature = JSON.stringify(list);
    if (signature === state.categoriesSignature) return;
    state.categoriesSignature = signature;
    state.categories = {};
    list.forEach(function (c) { if (c && c.id) state.categories[c.id] = { id: c.id, name: c.name || c.id, color: c.color || hashColor(c.id), parentId: c.parentId || c.parent || undefined, productive: !!c.productive }; });
    buildBoardPicker();
  }
  function buildBoardPicker() {
    var select = $('board');
    select.textContent = '';
    var overview = el('optgroup', { label: 'Overview' }, [el('option', { value: 'total' }, 'Total'), el('option', { value: 'productive' }, 'Productive')]);
    select.appendChild(overview);
    var all = Object.keys(state.categories).map(function (id) { return state.categories[id]; });
    all.filter(function (c) { return !c.parentId; }).forEach(function (root) {
      var group = el('optgroup', { label: root.name }, [el('option', { value: root.id }, root.name + ' (all)')]);
      all.filter(function (c) { return c.parentId === root.id; }).forEach(function (child) { group.appendChild(el('option', { value: child.id }, child.name)); });
      select.appendChild(group);
    });
    // A board the list does not hold (yet: the built-in categories come first; or any more: deleted) stays picked,
    // never switched to Total behind the page's back: a reload or a new key lost a run-time category's board.
    // Its reads say whether it exists.
    if (!select.querySelector('option[value="' + CSS.escape(state.board) + '"]')) overview.appendChild(el('option', { value: state.board }, boardName(state.board)));
    select.value = state.board;
    paintBoardTitle();
  }
  function paintBoardTitle() {
    $('board-swatch').style.background = boardColor(state.board);
    $('board-title').textContent = boardName(state.board);
  }
  // The page carries the categories of its rendering, shown until there is a key; with one, the current ones
  // (GET /v1/categories: { items }), read again every minute: a category created since shows its board.
  function loadCategories() {
    var builtIn = function () { if (!state.categoriesSignature) setCategories(boot.categories); };
    if (!state.key) { builtIn(); return Promise.resolve(); }
    // An older read answering after a newer one put back the list before it: a category created since lost its board.
    var newest = newestRead('categories');
    return getJson('/v1/categories').then(function (r) {
      if (!newest()) return;
      var list = r.ok && r.body && r.body.items;
      if (Array.isArray(list) && list.length) setCategories(list); else builtIn();
    }, builtIn);
  }

  // ---------- leaderboard ----------
  function renderBoard(page) {
    var list = $('entries');
    var entries = (page && page.entries) || [];
    var previous = state.scores;
    var next = {};
    var leader = entries.length ? entries[0].score : 0;
    var color = boardColor(state.board);
    // Rows are rebuilt on every live update: the keyboard focus stays on its user's row.
    var focusedUser = list.contains(document.activeElement) ? document.activeElement.getAttribute('data-user') : null;
    list.textContent = '';
    entries.forEach(function (e) {
      next[e.userId] = { score: e.score, rank: e.rank };
      var before = previous && previous[e.userId];
      // New on the board or moved up: the row flashes; more time only: the score does.
      var moved = previous !== null && (!before || e.rank < before.rank);
      var grew = !moved && before && before.score !== e.score;
      var width = leader > 0 ? Math.max(2, (e.score / leader) * 100) : 0;
      var fill = el('i');
      fill.style.width = width + '%';
      fill.style.background = color;
      var avatar = el('span', { class: 'avatar' }, initials(e.userId));
      avatar.style.background = hashColor(e.userId);
      var behind = e.rank === 1 ? 'leading' : fmtDuration(leader - e.score) + ' behind';
      var row = el('li', { 'data-user': e.userId, class: (moved ? 'climbed' : grew ? 'grew' : '') + (e.userId === state.user ? ' me' : ''), title: 'show ' + e.userId + ' by category', tabindex: '0', role: 'button', 'aria-pressed': String(e.userId === state.user) }, [
        el('span', { class: 'rank r' + e.rank }, String(e.rank)),
        avatar,
        el('span', { class: 'who' }, [el('b', null, e.userId), el('small', null, behind)]),
        el('span', { class: 'bar' }, [fill]),
        el('span', { class: 'score', 'data-seconds': String(e.score) }, fmtDuration(e.score))
      ]);
      row.addEventListener('click', function () { selectUser(e.userId); });
      row.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); selectUser(e.userId); }
      });
      list.appendChild(row);
      if (e.userId === focusedUser) row.focus({ preventScroll: true });
    });
    state.scores = next;
    state.shown = selection();
    // A board of 20 users or fewer is all on the page: its count moves with each live update (the count's own
    // read, every 5 s, left "1" beside two rows until then), and no read of the count sent before it stands.
    if (page && page.hasMore === false) {
      supersedeReads('users');
      showUsersCount(entries.length);
    }
    list.setAttribute('aria-busy', 'false');
    $('board-failed').hidden = true;
    $('entries-empty').hidden = entries.length > 0;
    $('board-key').textContent = page && page.periodKey ? page.periodKey : '';
    // The leader, for a first visit only: a user id cleared on purpose stays cleared.
    if (localStorage.getItem('ap.user') === null && entries.length) selectUser(entries[0].userId);
  }
  // What the board reads ask for: an answer to an earlier pick (slower than the last) is dropped,
  // else it replaced the board picked since (the week's board under "Month").
  function selection() { return state.board + '?' + query(); }
  function refreshUsersKpi() {
    var asked = selection();
    var newest = newestRead('users');
    // The board's count, not a page's: a page of 500 said "500+" for any board past it.
    getJson('/v1/leaderboards/' + encodeURIComponent(state.board) + '/count?' + query()).then(function (r) {
      if (asked !== selection() || !newest()) return;
      trouble('board', r.ok ? null : failure(r));
      if (r.ok) showUsersCount(r.body.users);
    }, function (e) { if (e.message !== '401' && asked === selection() && newest()) trouble('board', failure(null, e)); });
  }
  function showUsersCount(n) {
    $('kpi-users').textContent = fmtInt(n);
    // "top 20 shown" only where there are more than 20: "3 users · top 20 shown" read as if 17 were missing.
    $('kpi-users-sub').textContent = (n === 1 ? 'user' : 'users') + (n > 20 ? ' · top 20 shown' : n > 0 ? ' · all shown' : '');
  }
  function loadBoard() {
    var asked = selection();
    var newest = newestRead('board');
    return getJson('/v1/leaderboards/' + encodeURIComponent(state.board) + '?' + query() + '&limit=20').then(function (r) {
      if (asked !== selection() || !newest()) return;
      if (r.ok) renderBoard(r.body);
      else if (state.shown !== asked) boardFailed(failure(r));
      trouble('board', r.ok ? null : failure(r));
    }, function (e) { if (e.message !== '401' && asked === selection() && newest()) trouble('board', failure(null, e)); });
  }
  // A board picked that the API refuses (its category deleted since): not the last board's rows under its name.
  // A board already shown keeps its rows through an outage, the header saying what fails.
  function boardFailed(message) {
    $('entries').textContent = '';
    $('entries').setAttribute('aria-busy', 'false');
    $('entries-empty').hidden = true;
    $('board-failed').hidden = false;
    $('board-failed').textContent = 'Cannot show this board: ' + message;
    $('board-key').textContent = '';
  }
  function boardChanged() {
    localStorage.setItem('ap.board', state.board);
    state.scores = null;
    // The count of the board picked, not of the last one, or none; its rows marked stale until they come.
    $('kpi-users').textContent = '–';
    $('entries').setAttribute('aria-busy', 'true');
    paintBoardTitle();
    stopStream();
    loadBoard();
    refreshUsersKpi();
    loadUser();
    startStream();
  }

  // Live updates: text/event-stream read with fetch, so the key stays in a header.
  function stopStream() {
    if (state.streamAbort) state.streamAbort.abort();
    state.streamAbort = null;
    state.streaming = false;
  }
  function startStream() {
    if (!state.key || state.streaming) return;
    // An attempt still unanswered (a proxy, a sleeping network) is given up: replaced without an abort it
    // could still open later, one more stream of an old board rendering over the board picked since.
    stopStream();
    state.lastSseTry = Date.now();
    var abort = new AbortController();
    state.streamAbort = abort;
    var url = '/v1/leaderboards/' + encodeURIComponent(state.board) + '/stream?' + query() + '&limit=20';
    api(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } }).then(function (res) {
      var type = res.headers.get('content-type') || '';
      // Why there is no stream (a 429: the key's live views all taken), said next to "polling": before, nowhere.
      if (!res.ok) return answerOf(res).then(function (r) { state.streamRefusal = failure(r); abort.abort(); });
      if (type.indexOf('text/event-stream') < 0 || !res.body) { abort.abort(); return; }
      state.streamRefusal = '';
      state.streaming = true;
      state.streamHeard = Date.now();
      paintMode();
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      // Settles when the stream ends. Each read is its own promise, not chained to the next: a chain as
      // long as the stream held one more promise per update, memory a page open for days never got back.
      return new Promise(function (resolve, reject) {
        function pump() {
          reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            state.streamHeard = Date.now();
            buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              onFrame(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            pump();
          }).catch(reject);
        }
        pump();
      });
    }).catch(function () {}).then(function () {
      if (state.streamAbort === abort) { state.streaming = false; state.streamAbort = null; paintMode(); }
    });
  }
  function onFrame(frame) {
    var data = frame.split('\n').filter(function (l) { return l.indexOf('data:') === 0; }).map(function (l) { return l.slice(5).replace(/^ /, ''); }).join('\n');
    if (!data) return;
    try {
      var page = JSON.parse(data);
      if (page && Array.isArray(page.entries)) { supersedeReads('board'); renderBoard(page); return; }
    } catch (e) { /* a change notice without the page */ }
    loadBoard();
  }

  // ---------- a user's time by category ----------
  function selectUser(userId) {
    state.user = userId;
    $('user').value = userId;
    localStorage.setItem('ap.user', userId);
    // The pick shown to the eye (its background) and to a screen reader (aria-pressed).
    Array.prototype.forEach.call(document.querySelectorAll('#entries li'), function (li) {
      li.classList.toggle('me', li.getAttribute('data-user') === userId);
      li.setAttribute('aria-pressed', String(li.getAttribute('data-user') === userId));
    });
    loadUser();
  }
  // GET /v1/users/:id/summary: { categories: [{ categoryId, seconds, … }] }, every level of the hierarchy.
  function fromSummary(body) {
    var seconds = {};
    body.categories.forEach(function (item) { if (item.seconds > 0) seconds[item.categoryId] = item.seconds; });
    return seconds;
  }
  // Boards count a child's time on its parent too: show each category's own share only.
  function ownShares(seconds) {
    var shares = [];
    Object.keys(seconds).forEach(function (id) {
      var children = Object.keys(seconds).filter(function (c) { return state.categories[c] && state.categories[c].parentId === id; });
      var inChildren = children.reduce(function (n, c) { return n + seconds[c]; }, 0);
      var own = inChildren > 0 && inChildren <= seconds[id] + 0.5 ? seconds[id] - inChildren : seconds[id];
      var name = state.categories[id] ? state.categories[id].name : boardName(id);
      if (own >= 1) shares.push({ id: id, seconds: own, label: inChildren > 0 ? name + ' (other)' : name, path: boardName(id) });
    });
    return shares.sort(function (a, b) { return b.seconds - a.seconds; });
  }
  // Time of categories deleted since: total keeps it, so the donut does too, as one slice.
  function unlistedShare(body) {
    return body.unlistedSeconds >= 1 ? [{ id: '', seconds: body.unlistedSeconds, label: 'Deleted categories', path: 'time counted under categories deleted since' }] : [];
  }
  function loadUser() {
    var userId = state.user;
    $('user-period').textContent = userId ? '· ' + userId + ' · ' + (state.period === 'all' ? 'all time' : state.period + ' of ' + effectiveDate()) : '';
    // No user: no donut, rather than the last user's under no name.
    if (!userId) return noDonut('Pick a user on the leaderboard.');
    if (!state.key) return;
    var asked = userId + '?' + query();
    var newest = newestRead('user');
    // Until this answer the donut is another user's or period's: marked so, not passed off as this one's.
    if (asked !== state.userShown) $('donut-box').setAttribute('aria-busy', 'true');
    getJson('/v1/users/' + encodeURIComponent(userId) + '/summary?' + query()).then(function (r) {
      if (asked !== state.user + '?' + query() || !newest()) return;
      if (!r.ok) return userFailed(failure(r));
      // A category created since the page loaded: its parent is learnt first, else its time counted on the parent too.
      var unknown = r.body.categories.some(function (c) { return !state.categories[c.categoryId]; });
      (unknown ? loadCategories() : Promise.resolve()).then(function () {
        if (asked !== state.user + '?' + query()) return;
        renderDonut(ownShares(fromSummary(r.body)).concat(unlistedShare(r.body)), r.body);
        state.userShown = asked;
        $('donut-box').setAttribute('aria-busy', 'false');
      });
    }, function (e) { if (e.message !== '401' && asked === state.user + '?' + query() && newest()) userFailed(failure(null, e)); });
  }
  // Not the last user's donut under this user's name: the reason this one cannot be shown.
  function userFailed(message) { noDonut('Cannot show ' + state.user + ': ' + message); }
  // The donut hidden, the text in its place.
  function noDonut(text) {
    state.userShown = '';
    $('donut-box').setAttribute('aria-busy', 'false');
    $('donut-box').hidden = true;
    $('user-empty').hidden = false;
    $('user-empty').textContent = text;
  }
  // The ring and legend from the own shares; the center from the summary's own total and productive time.
  function renderDonut(shares, summary) {
    var total = shares.reduce(function (n, s) { return n + s.seconds; }, 0);
    $('user-empty').hidden = summary.total > 0;
    $('user-empty').textContent = state.user ? 'No tracked time for ' + state.user + ' in this period.' : 'Pick a user on the leaderboard.';
    $('donut-box').hidden = summary.total <= 0;
    var chart = $('donut');
    chart.textContent = '';
    var radius = 74, circumference = 2 * Math.PI * radius, offset = 0;
    chart.appendChild(svg('circle', { cx: 100, cy: 100, r: radius, fill: 'none', stroke: 'var(--soft)', 'stroke-width': 26 }));
    shares.forEach(function (s) {
      var length = (s.seconds / total) * circumference;
      var arc = svg('circle', { cx: 100, cy: 100, r: radius, fill: 'none', stroke: boardColor(s.id), 'stroke-width': 26, 'stroke-dasharray': Math.max(0, length - 1.2) + ' ' + circumference, 'stroke-dashoffset': -offset, transform: 'rotate(-90 100 100)' });
      var title = svg('title', {});
      title.textContent = s.label + ': ' + fmtDuration(s.seconds);
      arc.appendChild(title);
      chart.appendChild(arc);
      offset += length;
    });
    var big = svg('text', { x: 100, y: 100, 'text-anchor': 'middle', class: 'donut-center' });
    big.textContent = fmtDuration(summary.total);
    var small = svg('text', { x: 100, y: 121, 'text-anchor': 'middle', class: 'donut-sub' });
    small.textContent = summary.total > 0 ? fmtShare(summary.productive, summary.total) + ' productive' : '';
    chart.appendChild(big);
    chart.appendChild(small);
    var legend = $('legend');
    legend.textContent = '';
    shares.slice(0, 10).forEach(function (s) {
      var sw = el('span', { class: 'swatch' });
      sw.style.background = boardColor(s.id);
      legend.appendChild(el('li', { title: s.path }, [sw, el('span', null, s.label), el('span', null, fmtDuration(s.seconds) + ' · ' + fmtShare(s.seconds, total))]));
    });
    if (shares.length > 10) legend.appendChild(el('li', { class: 'muted' }, [el('span'), el('span', null, 'and ' + (shares.length - 10) + ' more'), el('span')]));
  }

  // ---------- pipeline health ----------
  function loadHealth() {
    if (!state.key) return;
    var newest = newestRead('health');
    getJson('/v1/ops/pipeline').then(function (r) {
      if (!newest()) return;
      if (r.ok) showHealth(r.body);
      // The API's reason is named as the health's; the gateway not answering is the same for every read, said once.
      else healthTrouble('pipeline health: ' + failure(r));
    }, function (e) { if (e.message !== '401' && newest()) healthTrouble(failure(null, e)); });
  }
  function showHealth(h) {
    renderHealth(h);
    healthTrouble(null);
  }
  // The panel keeps its last numbers, marked stale and saying since when; the header says why.
  function healthTrouble(message) {
    trouble('health', message);
    $('health-at').classList.toggle('stale', !!message);
    $('stages').classList.toggle('stale', !!message);
    if (message) $('health-at').textContent = state.healthAt ? 'not refreshed since ' + fmtClock(state.healthAt) : 'no pipeline health yet';
  }
  function renderHealth(h) {
    if (h.boardsTimeZone && useZone(h.boardsTimeZone)) followToday();
    var byStage = {};
    h.stages.forEach(function (s) { byStage[s.stage] = s; });
    // Durable consumers are named after their stage: classification-live, inference…
    var lagOf = function (stage) {
      return h.consumers.filter(function (c) { return c.name === stage || c.name.indexOf(stage + '-') === 0; })
        .reduce(function (n, c) { return n + c.pending + c.ackPending; }, 0);
    };
    var names = STAGES.concat(h.stages.map(function (s) { return s.stage; }).filter(function (s) { return STAGES.indexOf(s) < 0; }));
    var body = $('stages');
    body.textContent = '';
    names.forEach(function (name) {
      var s = byStage[name];
      var up = s && s.instances > 0;
      var lat = s ? s.latencySeconds : {};
      body.appendChild(el('tr', { 'data-stage': name }, [
        el('td', null, [el('span', { class: 'pill' }, [el('span', { class: 'dot ' + (up ? 'live' : 'off') }), name])]),
        el('td', { class: 'num' }, [el('span', { class: 'tag ' + (up ? 'ok' : 'bad') }, s ? String(s.instances) + ' up' : 'no data')]),
        el('td', { class: 'num' }, s ? fmtRate(s.eventsPerSec) : '–'),
        el('td', { class: 'num' }, s && s.successRate !== null ? fmtSuccess(s.successRate) : '–'),
        el('td', { class: 'num' }, fmtSeconds(lat.p50)),
        el('td', { class: 'num' }, fmtSeconds(lat.p95)),
        el('td', { class: 'num' }, fmtSeconds(lat.p99)),
        el('td', { class: 'num' }, fmtInt(lagOf(name))),
        el('td', { class: 'num' }, fmtInt(h.deadLetters.byStage[name] || 0))
      ]));
    });
    var consumers = $('consumers');
    consumers.textContent = '';
    h.consumers.forEach(function (c) {
      var text = ' · pending ' + fmtInt(c.pending) + ' · in flight ' + fmtInt(c.ackPending) + ' · redelivered ' + fmtInt(c.redelivered);
      // The streams delete what is older than their retention, handled or not: say how close the oldest unhandled event is.
      var age = c.oldestUnackedAgeSec;
      if (age !== null && age !== undefined) text += ' · oldest unhandled ' + fmtDuration(age) + ' of ' + fmtDuration(h.streamMaxAgeSec) + ' kept';
      consumers.appendChild(el('span', { class: 'consumer' + (age > h.streamMaxAgeSec / 2 ? ' late' : ''), 'data-consumer': c.name }, [el('b', null, c.name), text]));
    });
    // The LLM's questions by outcome, where inference asked any (a configured LLM).
    var llm = byStage.inference && byStage.inference.llmCalls;
    var llmBox = $('llm');
    llmBox.textContent = '';
    if (llm) {
      llmBox.appendChild(el('span', { class: 'consumer' }, [el('b', null, 'LLM questions'), ' · last 60 s · ' + Object.keys(llm).sort().map(function (outcome) {
        return outcome.replace('_', ' ') + ' ' + fmtInt(llm[outcome]);
      }).join(' · ')]));
    }
    // An open breaker means unknown events get the model's answer only, until a trial call succeeds.
    var circuitsOpen = byStage.inference && byStage.inference.llmCircuitsOpen;
    if (circuitsOpen) {
      llmBox.appendChild(el('span', { class: 'consumer late', id: 'llm-circuit' }, [el('b', null, 'LLM circuit open'),
        ' · on ' + fmtInt(circuitsOpen) + ' of ' + fmtInt(byStage.inference.instances) + ' inference ' + (byStage.inference.instances === 1 ? 'instance' : 'instances') + ': unknown events keep the model\'s answer']));
    }
    // Stored rules classification runs without (the engine refuses them): only an admin can fix them.
    var leftOut = byStage.classification && byStage.classification.rulesLeftOut;
    if (leftOut) {
      llmBox.appendChild(el('span', { class: 'consumer late', id: 'rules-left-out' }, [el('b', null, 'rules left out'),
        ' · ' + fmtInt(leftOut) + ' stored ' + (leftOut === 1 ? 'rule is' : 'rules are') + ' refused by the classifier: GET /v1/rules lists ' + (leftOut === 1 ? 'it' : 'them') + ' with the reason']));
    }
    var classified = byStage.classification ? byStage.classification.eventsPerSec : 0;
    var boarded = byStage.leaderboard ? byStage.leaderboard.eventsPerSec : 0;
    $('kpi-rate').textContent = fmtRate(classified);
    $('kpi-rate-sub').textContent = fmtRate(boarded) + '/s onto boards · last 60 s';
    // Each with the time it was drawn: the chart spans the clock's last 2 minutes, not the last 60 answers, which a
    // laptop's sleep, a health outage or a background tab (its timers run once a minute) put minutes apart side by side.
    var now = Date.now();
    state.rates = state.rates.filter(function (r) { return now - r.at < SPARK_SPAN_MS; }).concat([{ at: now, perSec: classified }]);
    drawSpark(now);
    var e2e = h.ingestToLeaderboardSeconds;
    $('kpi-p99').textContent = e2e ? fmtSeconds(e2e.p99) : '–';
    $('kpi-p99-sub').textContent = e2e ? 'p50 ' + fmtSeconds(e2e.p50) + ' · p95 ' + fmtSeconds(e2e.p95) : 'no events in the last 60 s';
    $('kpi-p99-card').classList.toggle('alert', !!(e2e && e2e.p99 > 5));
    var lag = h.consumers.reduce(function (n, c) { return n + c.pending + c.ackPending; }, 0);
    $('kpi-lag').textContent = fmtInt(lag);
    $('kpi-lag-card').classList.toggle('alert', lag > 1000);
    var firstCount = state.dlqPending === null;
    state.dlqPending = h.deadLetters.pending;
    // The list waits for this first count: show the letters now, not at the next 5 s refresh.
    if (firstCount && state.dlqPending > 0) loadLetters();
    $('kpi-dlq').textContent = fmtInt(h.deadLetters.pending);
    $('kpi-dlq-card').classList.toggle('alert', h.deadLetters.pending > 0);
    state.healthAt = Date.parse(h.at);
    $('health-at').textContent = 'as of ' + fmtClock(state.healthAt);
    renderDeadLetterStages(h.deadLetters);
    renderMaintenance(h.maintenance);
  }
  // The leaderboard's daily archive and verify of the day before (docs/leaderboards.md).
  function renderMaintenance(m) {
    var box = $('maintenance');
    box.textContent = '';
    if (!m) {
      box.appendChild(el('span', { class: 'consumer' }, [el('b', null, 'daily check'), ' · not run yet']));
      return;
    }
    var drift = m.driftEntries || 0;
    // Several days after days without a run (verifiedFrom), else the day before.
    var days = m.verifiedFrom ? m.verifiedFrom + ' to ' + m.verifiedDay : m.verifiedDay;
    var verdict = !m.verifiedDay ? 'nothing to verify (first run)'
      : drift ? fmtCount(drift, 'board entry', 'board entries') + ' of ' + days + (drift === 1 ? ' differs' : ' differ') + ' from the usage logs'
      : 'boards of ' + days + ' match the usage logs';
    box.appendChild(el('span', { class: 'consumer' }, [
      el('b', null, 'daily check ' + m.day), ' · ',
      el('span', { class: 'tag ' + (drift ? 'bad' : 'ok'), id: 'maintenance-verdict' }, verdict),
      ' · ' + fmtCount(m.archived, 'period', 'periods') + ' archived' + (m.archiveFailures ? ', ' + fmtInt(m.archiveFailures) + ' failed' : '')
    ]));
  }
  // Events/s of the last 2 minutes as thin columns where their time falls, one slot per refresh, newest on the right.
  function drawSpark(now) {
    var chart = $('spark');
    chart.textContent = '';
    var max = Math.max.apply(null, state.rates.map(function (r) { return r.perSec; }).concat([1]));
    var slot = 100 / (SPARK_SPAN_MS / 2000);
    state.rates.forEach(function (r) {
      var height = Math.max(0.8, (r.perSec / max) * 36);
      var x = (1 - (now - r.at) / SPARK_SPAN_MS) * 100 - slot;
      chart.appendChild(svg('rect', { x: x.toFixed(2), y: (40 - height).toFixed(2), width: (slot * 0.7).toFixed(2), height: height.toFixed(2), rx: 0.4, fill: 'rgba(79, 70, 229, .55)' }));
    });
  }

  // ---------- dead letters ----------
  function renderDeadLetterStages(d) {
    var box = $('dlq-stages');
    box.textContent = '';
    var stages = Object.keys(d.byStage);
    var max = Math.max.apply(null, stages.map(function (s) { return d.byStage[s]; }).concat([1]));
    if (!stages.length) box.appendChild(el('p', { class: 'muted' }, 'None: every message so far was handled.'));
    stages.forEach(function (s) {
      var fill = el('i');
      fill.style.width = (d.byStage[s] / max) * 100 + '%';
      fill.style.background = 'var(--bad)';
      box.appendChild(el('div', null, [el('span', null, s), el('span', { class: 'progress' }, [fill]), el('b', { style: 'text-align:right' }, fmtInt(d.byStage[s]))]));
    });
  }
  function loadLetters() {
    var list = $('letters');
    // Listing reads the stream: skip it while the health panel counts none.
    if (state.dlqPending === 0) { list.textContent = ''; $('dlq-note').textContent = ''; }
    // A key refused once (no admin scope) is not asked again: each refusal was a console error every 5 s.
    // Nor before the health panel has counted (null): with none, a read key's 403 was a console error on every load.
    if (!state.key || !state.dlqPending || state.lettersRefusedKey === state.key) return;
    var key = state.key;
    var newest = newestRead('letters');
    getJson('/v1/dead-letters?limit=5').then(function (r) {
      // A late list brought back a letter replayed since, with its button.
      if (!newest()) return;
      if (r.status === 403) { list.textContent = ''; state.lettersRefusedKey = key; $('dlq-note').textContent = 'an admin key lists and replays them'; return; }
      // The letters shown stay, said to be stale: before, an error answer emptied the list without a word.
      if (!r.ok) return notRefreshed('dlq-note', state.lettersAt, failure(r));
      state.lettersAt = Date.now();
      list.textContent = '';
      $('dlq-note').textContent = r.body.pending ? 'oldest first' : '';
      // A replay's failure is told while its letter is listed: one gone (discarded, replayed elsewhere) takes it along.
      var listed = r.body.items.map(function (l) { return String(l.id); });
      Object.keys(state.replayFailures).forEach(function (id) { if (listed.indexOf(id) < 0) delete state.replayFailures[id]; });
      r.body.items.forEach(function (l) {
        var replay = el('button', { class: 'btn', type: 'button' }, 'Replay');
        // A refresh while the replay is asked drew the button enabled again, and a second click failed ("replayed already?").
        replay.disabled = Boolean(state.replaying[l.id]);
        replay.addEventListener('click', function () {
          replay.disabled = true;
          state.replaying[l.id] = true;
          getJson('/v1/dead-letters/' + l.id + '/replay', { method: 'POST' }).then(function (r) {
            if (r.ok) delete state.replayFailures[l.id]; else state.replayFailures[l.id] = { message: failure(r), told: false };
          }, function (e) { if (e.message !== '401') state.replayFailures[l.id] = { message: failure(null, e), told: false }; }).then(function () {
            delete state.replaying[l.id];
            loadLetters();
          });
        });
        // Kept while the letter is listed: the list comes back after a refused replay as it was. An alert the
        // first time only: each refresh's new list would have it read out again.
        var failed = state.replayFailures[l.id];
        var failedLine = failed ? el('small', { class: 'replay-failed', role: failed.told ? null : 'alert' }, 'Replay failed: ' + failed.message) : null;
        if (failed) failed.told = true;
        list.appendChild(el('li', null, [
          el('span', { class: 'reason', title: l.reason }, l.reason),
          replay,
          el('small', null, '#' + l.id + ' · ' + l.stage + ' · ' + fmtCount(l.deliveries, 'delivery', 'deliveries') + ' · failed ' + fmtMoment(Date.parse(l.lastFailedAt)) + (l.replays ? ' · replayed ' + l.replays + '×' : '')),
          failedLine
        ]));
      });
    }, function (e) { if (e.message !== '401' && newest()) notRefreshed('dlq-note', state.lettersAt, failure(null, e)); });
  }

  // ---------- import jobs (shown only where the endpoint exists) ----------
  function loadImports() {
    if (!state.key) return;
    // GET /v1/imports answers { jobs: ImportJobView[] }; a key without the read scope hides the card.
    var newest = newestRead('imports');
    getJson('/v1/imports?limit=6').then(function (r) {
      if (!newest()) return;
      // Hidden where the endpoint is missing (404) or the key may not read it (403); any other failure keeps the
      // jobs shown, saying so: before, a failed refresh hid the card, an import's progress gone without a word.
      if (r.status === 403 || r.status === 404) { $('imports-card').hidden = true; return; }
      var jobs = r.ok && r.body && r.body.jobs;
      if (!Array.isArray(jobs)) return notRefreshed('imports-note', state.importsAt, failure(r));
      $('imports-card').hidden = false;
      $('imports-note').textContent = '';
      state.importsAt = Date.now();
      var list = $('jobs');
      list.textContent = '';
      if (!jobs.length) list.appendChild(el('li', { class: 'muted' }, 'No import jobs yet.'));
      jobs.forEach(function (job) {
        var progress = typeof job.progress === 'number' ? job.progress : job.status === 'DONE' ? 1 : 0;
        var fill = el('i');
        fill.style.width = Math.min(100, Math.round(progress * 100)) + '%';
        if (job.status === 'FAILED') fill.style.background = 'var(--bad)';
        if (job.status === 'DONE') fill.style.background = 'var(--ok)';
        var rows = job.rowsTotal !== undefined ? fmtInt(job.rowsProcessed) + ' of ' + fmtCount(job.rowsTotal, 'row', 'rows') : fmtCount(job.rowsProcessed, 'row', 'rows');
        var counts = fmtInt(job.accepted) + ' accepted · ' + fmtInt(job.duplicates) + (job.duplicates === 1 ? ' duplicate · ' : ' duplicates · ') + fmtInt(job.rejectedCount) + ' rejected · ' + rows;
        list.appendChild(el('li', { 'data-job': job.id }, [
          el('div', { class: 'line' }, [el('b', null, job.fileName || job.format), el('span', { class: 'tag' }, job.status)]),
          el('span', { class: 'progress' }, [fill]),
          el('small', { class: 'muted' }, job.error ? counts + ' · ' + job.error : counts)
        ]));
      });
    }, function (e) { if (e.message !== '401' && newest()) notRefreshed('imports-note', state.importsAt, failure(null, e)); });
  }

  // ---------- API key ----------
  function forgetKey(message) {
    state.key = '';
    localStorage.removeItem('ap.apiKey');
    askKey(message);
  }
  // A modal dialog for the keyboard and screen readers too: the page behind is inert, Tab goes round
  // the dialog's own controls, and the focus goes back where it was when it closes.
  var focusBeforeKey = null;
  function askKey(message) {
    stopStream();
    setMode('off', 'API key needed');
    $('key-error').textContent = message || '';
    if ($('key-dialog').hidden) focusBeforeKey = document.activeElement;
    $('key-dialog').hidden = false;
    document.querySelector('header.top').inert = true;
    document.querySelector('main').inert = true;
    $('key-input').focus();
  }
  function closeKeyDialog() {
    $('key-dialog').hidden = true;
    document.querySelector('header.top').inert = false;
    document.querySelector('main').inert = false;
    if (focusBeforeKey && focusBeforeKey !== document.body && document.contains(focusBeforeKey)) focusBeforeKey.focus();
    focusBeforeKey = null;
  }
  $('key-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var key = $('key-input').value.trim();
    // Said while it lasts, and one check at a time: a second click was a second check and a second start.
    $('key-save').disabled = true;
    $('key-error').textContent = 'Checking the key…';
    var checked = function () { $('key-save').disabled = false; };
    // The health panel's read: it needs the key's read scope and NATS, not the boards' Redis, whose outage says nothing of the key.
    // Bounded as every read: a gateway that answers nothing left the dialog without a word for good.
    var newest = newestRead('health');
    getJson('/v1/ops/pipeline', null, key).then(function (r) {
      if (r.status === 403) { $('key-error').textContent = 'This key lacks the read scope.'; return; }
      // A 429 (this address's budget of unknown keys spent) or a 503 (the key store away): the key is not known good.
      // Before, any answer but 401 and 403 saved the key unchecked.
      if (!r.ok) { $('key-error').textContent = 'The key could not be checked: ' + failure(r); return; }
      state.key = key;
      localStorage.setItem('ap.apiKey', key);
      closeKeyDialog();
      $('key-input').value = '';
      $('key-error').textContent = '';
      // The current categories (the board picker had only the built-in ones until a reload), then the start, the
      // health panel drawn from this answer rather than read again.
      loadCategories().then(function () {
        start();
        if (newest()) showHealth(r.body);
      });
    }, function (e) {
      $('key-error').textContent = e.message === '401' ? 'Unknown or revoked key.' : 'The key could not be checked: ' + failure(null, e);
    }).then(checked, checked);
  });
  $('key-cancel').addEventListener('click', closeKeyDialog);
  // On the document: a click beside the form leaves the focus on the page's body, where Escape did nothing.
  document.addEventListener('keydown', function (event) {
    if ($('key-dialog').hidden) return;
    if (event.key === 'Escape') closeKeyDialog();
    if (event.key !== 'Tab') return;
    var first = $('key-input'), last = $('key-save');
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  });
  $('key-button').addEventListener('click', function () { askKey(''); });

  // ---------- controls ----------
  $('board').addEventListener('change', function (event) { state.board = event.target.value; boardChanged(); });
  Array.prototype.forEach.call(document.querySelectorAll('#period button'), function (button) {
    button.addEventListener('click', function () {
      state.period = button.getAttribute('data-period');
      // The color shows the pick to the eye, aria-pressed to a screen reader.
      Array.prototype.forEach.call(document.querySelectorAll('#period button'), function (b) { b.classList.toggle('on', b === button); b.setAttribute('aria-pressed', String(b === button)); });
      boardChanged();
    });
  });
  $('date').addEventListener('change', function (event) {
    state.date = event.target.value === today() ? '' : event.target.value;
    boardChanged();
  });
  $('user').addEventListener('change', function (event) { selectUser(event.target.value.trim()); });

  // Showing today: at midnight in the boards' zone, or when that zone changes, the board moves to the new day.
  // The stream asked for the old day's date, so it would go on showing that board under the new date.
  function followToday() {
    var day = today();
    if (!state.date && $('date').value !== day) { $('date').value = day; boardChanged(); }
  }

  var started = false;
  // The health panel's first read is the caller's: the key check's answer is one, drawn after the start as a
  // read's answer would be (the letters are listed once it has counted them).
  function start() {
    if (!state.key) { askKey(''); return; }
    boardChanged();
    loadLetters();
    loadImports();
    if (started) return;
    started = true;
    setInterval(function () {
      followToday();
      // The gateway sends a keep-alive at least every 30 s (LIVE_KEEPALIVE_SEC): a stream silent for
      // 75 s is dead (a laptop's sleep, a proxy, a half-open socket) however "live" it looks.
      if (state.streaming && Date.now() - state.streamHeard > STREAM_SILENCE_MS) stopStream();
      if (!state.streaming) {
        loadBoard();
        if (Date.now() - state.lastSseTry > 15000) startStream();
      }
      loadHealth();
    }, 2000);
    var slowTicks = 0;
    setInterval(function () {
      loadUser(); loadLetters(); loadImports(); refreshUsersKpi();
      if (++slowTicks % 12 === 0) loadCategories();
    }, 5000);
  }

  $('date').value = today();
  if (state.user) $('user').value = state.user;
  loadCategories().then(function () {
    start();
    loadHealth();
  });
})();
`;
