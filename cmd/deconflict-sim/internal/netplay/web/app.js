// Deconflict browser client: joins one seat of a served game (?code=CODE),
// draws the map and the seat's observation, and sends its answers. It speaks
// the message schema of docs/network.md, version 1.
"use strict";

const ACTORS = ["hezbollah", "iran", "isis", "israel", "russia", "sdf", "syria", "turkey", "usa"];
const DECISIONS = ["plan", "request", "response", "attack-response", "retaliation", "warning", "protection"];
const COLOURS = { iran: "#2e8b57", israel: "#1f5fbf", usa: "#b22222", russia: "#7a3e9d", syria: "#8b6914", hezbollah: "#d4a017", isis: "#333", sdf: "#c0622f", turkey: "#c71585" };
// Answers a decision may take without further detail; the AI's suggestion
// covers the rest (routes, sites, packages).
const ANSWERS = {
  "plan": [{ label: "End planning", order: { kind: "end-planning" } }],
  "request": [{ label: "Approve", order: { kind: "approve", route: -1 } }, { label: "Deny", order: { kind: "deny" } }, { label: "Defer", order: { kind: "defer" } }],
  "response": [{ label: "Comply", order: { kind: "comply" } }, { label: "Withdraw", order: { kind: "withdraw" } }, { label: "Proceed", order: { kind: "proceed" } }],
  "attack-response": [{ label: "Strike back", order: { kind: "respond", strike: true } }, { label: "Stay quiet", order: { kind: "respond" } }, { label: "Strike and blame", order: { kind: "respond", strike: true, blame: true } }],
  "retaliation": [{ label: "Rockets", order: { kind: "retaliate", method: 0 } }, { label: "Drones", order: { kind: "retaliate", method: 1 } }, { label: "Hold", order: { kind: "hold" } }],
  "warning": [{ label: "Warn the US", order: { kind: "warn" } }, { label: "Hold", order: { kind: "hold" } }],
  "protection": [{ label: "Hold", order: { kind: "hold" } }],
};

const params = new URLSearchParams(location.search);
const code = params.get("code") || localStorage.getItem("deconflict.code") || "";
if (params.get("code")) localStorage.setItem("deconflict.code", code);

let ws = null, scenario = null, role = "", last = null, over = false;
let previewID = 0;
const previewBoxes = {}; // preview id -> the element that shows its answer
const $ = (id) => document.getElementById(id);

function log(text) {
  const el = $("log");
  el.textContent = text + "\n" + el.textContent.slice(0, 4000);
}

function status(text, gone) {
  $("status").textContent = text;
  $("status").className = gone ? "gone" : "";
}

function connect() {
  if (!code) {
    status("no seat code: open this page as /?code=CODE", true);
    return;
  }
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  ws = new WebSocket(proto + "//" + location.host + "/ws");
  ws.onopen = () => { status("connected"); ws.send(JSON.stringify({ type: "hello", version: 1, code: code })); };
  ws.onmessage = (ev) => receive(JSON.parse(ev.data));
  ws.onclose = () => {
    if (over) return;
    status("the server is gone; retrying…", true);
    setTimeout(connect, 1000);
  };
}

function send(msg) {
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
}

function receive(m) {
  switch (m.type) {
    case "welcome":
      scenario = m.scenario; role = m.role;
      $("scenario").textContent = scenario.Name;
      $("role").textContent = role;
      document.title = "Deconflict — " + role;
      seats(m.seats);
      if (role === "umpire") umpireControls();
      break;
    case "observe":
      last = m;
      seats(m.seats);
      waiting(m.waiting, m.paused);
      draw();
      panel();
      break;
    case "seats":
      seats(m.seats);
      waiting(m.waiting, m.paused);
      break;
    case "preview":
      showPreview(m);
      break;
    case "accepted":
      log("accepted " + m.count + " order(s)");
      break;
    case "refused":
      log("refused: " + m.reason);
      if (!scenario) { status("refused: " + m.reason, true); over = true; }
      break;
    case "over":
      over = true;
      status("game over: " + m.outcome + " (final hash " + m.final_hash + ")");
      document.body.dataset.over = m.outcome;
      break;
  }
}

function seats(list) {
  if (!list) return;
  $("seats").innerHTML = "";
  for (const s of list) {
    const el = document.createElement("span");
    el.className = "seat " + (s.connected ? "on" : "off");
    el.textContent = s.role + (s.by && s.by !== "seat" ? " (" + s.by + ")" : "") + " ";
    $("seats").appendChild(el);
  }
}

function waiting(list, paused) {
  $("waiting").textContent = (list && list.length ? list.join(", ") : "nobody") + (paused ? " — paused by the umpire" : "");
}

function day(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }

// draw renders the map: routes, sites coloured by owner, what the seat sees.
function draw() {
  const canvas = $("map");
  const w = canvas.clientWidth, h = canvas.clientHeight;
  canvas.width = w; canvas.height = h;
  const g = canvas.getContext("2d");
  g.fillStyle = "#c9c2ad"; g.fillRect(0, 0, w, h);
  if (!scenario || !last) return;
  const obs = last.observation;
  $("turn").textContent = "Turn " + (obs.Turn + 1) + " of " + obs.Turns + " · " + day(obs.Day);
  const pts = scenario.Sites.map((s) => s.Pos);
  for (const r of scenario.Routes || []) pts.push(...r.Path);
  let minX = Math.min(...pts.map((p) => p.X)), maxX = Math.max(...pts.map((p) => p.X));
  let minY = Math.min(...pts.map((p) => p.Y)), maxY = Math.max(...pts.map((p) => p.Y));
  const k = Math.min((w - 280) / Math.max(1, maxX - minX), (h - 60) / Math.max(1, maxY - minY));
  const at = (p) => [40 + (p.X - minX) * k, h - 30 - (p.Y - minY) * k];
  g.strokeStyle = "rgba(60,60,60,0.35)"; g.lineWidth = 1;
  for (const r of scenario.Routes || []) {
    g.beginPath();
    r.Path.forEach((p, i) => { const [x, y] = at(p); i ? g.lineTo(x, y) : g.moveTo(x, y); });
    g.stroke();
  }
  g.font = "11px system-ui, sans-serif";
  // who holds each site now: the observation's Owners (bytes, base64 in JSON)
  // when owner effects may change them, else the scenario's
  const owners = obs.Owners ? atob(obs.Owners) : null;
  scenario.Sites.forEach((s, i) => {
    const v = obs.Sites[i] || {};
    const [x, y] = at(s.Pos);
    const owner = owners ? owners.charCodeAt(i) : s.Owner;
    g.fillStyle = COLOURS[ACTORS[owner]] || "#555";
    g.beginPath(); g.arc(x, y, v.Detected ? 7 : 5, 0, 2 * Math.PI); g.fill();
    if (v.Detected) { g.strokeStyle = "#fff"; g.lineWidth = 2; g.stroke(); }
    if (v.Disabled) { g.strokeStyle = "#000"; g.lineWidth = 2; g.beginPath(); g.moveTo(x - 6, y - 6); g.lineTo(x + 6, y + 6); g.stroke(); }
    g.fillStyle = "#1d2126";
    let label = s.Name;
    if (v.Troops > 0 && ACTORS[owner] === "usa") label += " (" + v.Troops + ")";
    if (v.Hazard >= 0) label += " · hazard " + (v.Hazard / 10000).toFixed(1) + "%";
    g.fillText(label, x + 9, y + 4);
  });
  for (const sh of obs.Shipments || []) {
    const [x, y] = at(sh.Pos);
    g.fillStyle = "#2e8b57"; g.fillRect(x - 3, y - 3, 6, 6);
  }
  document.body.dataset.drawn = String(scenario.Sites.length);
}

// panel lists the seat's open decisions with answers, and the situation.
function panel() {
  const obs = last.observation;
  const box = $("decisions");
  box.innerHTML = "";
  if (last.your_turn && last.suggestion) {
    const b = document.createElement("button");
    b.textContent = "Answer as the AI suggests (" + last.suggestion.length + " order" + (last.suggestion.length === 1 ? "" : "s") + ")";
    b.onclick = () => send({ type: "orders", stop: last.stop, role: last.role, orders: last.suggestion, done: true });
    box.appendChild(b);
  }
  // The umpire answers from the whole state for a role it took over.
  const decisions = role !== "umpire" ? obs.Decisions || [] :
    last.your_turn && last.state ? last.state.Pending.filter((d) => !d.Done && ACTORS[d.Actor] === last.role) : [];
  for (const d of decisions) {
    const kind = DECISIONS[d.Kind];
    const el = document.createElement("div");
    el.className = "decision";
    el.textContent = kind + " (decision " + d.ID + ", subject " + d.Subject + ") ";
    for (const a of ANSWERS[kind] || []) {
      const b = document.createElement("button");
      b.textContent = a.label;
      const order = Object.assign({ decision: d.ID }, a.order);
      b.onclick = () => send({ type: "orders", stop: last.stop, role: last.role, orders: [order] });
      b.title = "preview: hover";
      b.onmouseenter = () => {
        previewID++;
        previewBoxes[previewID] = el.querySelector(".preview");
        send({ type: "preview", id: previewID, role: last.role, order: order });
      };
      el.appendChild(b);
    }
    const pv = document.createElement("div");
    pv.className = "preview";
    el.appendChild(pv);
    box.appendChild(el);
  }
  if (!box.children.length) box.textContent = last.your_turn ? "" : "None now.";
  const lines = [
    "Escalation Israel–Iran " + (obs.Escalation[0] / 1000).toFixed(2) + ", US–Iran " + (obs.Escalation[2] / 1000).toFixed(2),
    "Talks " + (obs.Talks / 1000).toFixed(1) + "%" + (obs.TalksOpen ? " (under way)" : ""),
    obs.Trust >= 0 ? "Israel–US trust " + (obs.Trust / 1000).toFixed(1) : "",
    "Missions " + (obs.Missions || []).length + " · attacks known " + (obs.Attacks || []).length,
  ];
  $("situation").textContent = lines.filter(Boolean).join("\n");
  $("situation").style.whiteSpace = "pre-wrap";
}

// showPreview writes what an order would change under its decision.
function showPreview(m) {
  const el = previewBoxes[m.id];
  delete previewBoxes[m.id];
  if (!el) return;
  if (m.error) { el.textContent = m.error; return; }
  const fmt = (v, line) => line.Unit === "%" ? (100 * v / line.Scale).toFixed(1) + "%" : (v / line.Scale).toFixed(2) + " " + line.Unit;
  el.textContent = (m.preview.Lines || []).map((l) => l.Label + ": " + fmt(l.Before, l) + " → " + fmt(l.After, l)).join("\n") || "no visible change";
}

// umpireControls shows the umpire's buttons: pause, inject an event, take
// a role over.
function umpireControls() {
  $("umpire").hidden = false;
  const sel = $("event");
  sel.innerHTML = "";
  for (const ev of scenario.Events || []) {
    const o = document.createElement("option");
    o.value = o.textContent = ev.ID;
    sel.appendChild(o);
  }
  $("pause").onclick = () => send({ type: "pause" });
  $("resume").onclick = () => send({ type: "resume" });
  $("inject").onclick = () => send({ type: "inject", event: sel.value });
  $("takeover").onclick = () => send({ type: "takeover", role: $("takeover-role").value, by: $("takeover-by").value });
}

window.addEventListener("resize", draw);
connect();
