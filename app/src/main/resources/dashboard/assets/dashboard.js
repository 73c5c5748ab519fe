// LIGHTCAT alert engine dashboard: polls the REST API of the instance that served the page.
// Every text that comes from the API is put into the page with textContent, never as HTML.
(function () {
  "use strict";

  const POLL_MS = 5000;
  const REQUEST_TIMEOUT_MS = 4000;
  const STALE_AFTER_MS = 15000;
  const HISTORY_MS = 60 * 60 * 1000;
  const BACKFILL_STEPS = 12; // one point every 5 minutes over the last hour, at load
  const BACKFILL_STEP_MS = 5 * 60 * 1000;
  const BOARDS = ["operations", "payments", "game"];
  const SEVERITIES = ["P1", "P2", "P3", "P4"];
  const TOKEN_KEY = "lightcat.apiToken";
  const BY_KEY = "lightcat.ackBy";

  const state = {
    lastSuccess: 0,
    lastProblem: null, // {kind, text}
    retryAt: 0,
    pendingAcks: new Map(), // fingerprint -> alert id acked from this page, until the API shows it
    history: new Map(), // "board.field" -> Map(epochSeconds -> value)
    charts: new Map(), // "board.field" -> uPlot instance
    alerts: [],
  };

  // ---------- small DOM helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  // ---------- formatting ----------

  const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

  function isNumber(v) {
    return typeof v === "number" && Number.isFinite(v);
  }

  function percent(v, digits) {
    return isNumber(v) ? { text: (v * 100).toFixed(digits), unit: "%" } : null;
  }

  const FORMATS = {
    count: (v) => (isNumber(v) ? { text: integer.format(v) } : null),
    sats: (v) => (isNumber(v) ? { text: integer.format(v), unit: "sats" } : null),
    ms: (v) => (isNumber(v) ? { text: integer.format(Math.round(v)), unit: "ms avg" } : null),
    msAsSeconds: (v) => (isNumber(v) ? { text: (v / 1000).toFixed(1), unit: "s" } : null),
    seconds: (v) => (isNumber(v) ? { text: v.toFixed(1), unit: "seconds" } : null),
    fps: (v) => (isNumber(v) ? { text: v.toFixed(1) } : null),
    percent0: (v) => percent(v, 0),
    percent1: (v) => percent(v, 1),
    percent2: (v) => percent(v, 2),
    tiers: (v) => {
      if (!v || typeof v !== "object") return null;
      const n = (k) => (isNumber(v[k]) ? integer.format(v[k]) : "0");
      return { text: "B:" + n("bronze") + " S:" + n("silver") + " G:" + n("gold") };
    },
    distribution: (v) => {
      if (!v || typeof v !== "object") return null;
      const total = Object.values(v).reduce((a, b) => a + (isNumber(b) ? b : 0), 0);
      if (total === 0) return { text: "none yet", quiet: true };
      const top = Object.entries(v).sort((a, b) => b[1] - a[1])[0];
      return { text: top[0] + ": " + Math.round((top[1] * 100) / total) + "%" };
    },
    recentAlerts: (v) => {
      if (!Array.isArray(v)) return null;
      const firing = v.filter((a) => a && a.status === "firing").length;
      if (v.length === 0) return { text: "None in last 24 hours", quiet: true };
      return { text: firing + " firing · " + v.length + " in last 24 h" };
    },
  };

  function clock(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return "";
    return d.toISOString().slice(11, 16) + " UTC";
  }

  function ago(ms) {
    if (!isNumber(ms) || ms < 0) ms = 0;
    const s = Math.floor(ms / 1000);
    if (s < 60) return s + "s";
    const m = Math.floor(s / 60);
    if (m < 60) return m + "m";
    const h = Math.floor(m / 60);
    if (h < 48) return h + "h " + (m % 60) + "m";
    return Math.floor(h / 24) + "d";
  }

  // ---------- HTTP ----------

  class ApiError extends Error {
    constructor(kind, status, message, retryAfterSeconds) {
      super(message);
      this.kind = kind; // "rebalancing" | "unreachable" | "error" | "unauthorized"
      this.status = status;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  async function request(path, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, Object.assign({ signal: controller.signal, cache: "no-store" }, options));
    } catch (e) {
      throw new ApiError("unreachable", 0, e && e.name === "AbortError" ? "no answer within 4 s" : "engine unreachable");
    } finally {
      clearTimeout(timer);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (response.ok) return body;
    const message = body && typeof body.error === "string" ? body.error : "HTTP " + response.status;
    if (response.status === 503) {
      const retry = parseInt(response.headers.get("Retry-After") || "", 10);
      throw new ApiError("rebalancing", 503, message, isNumber(retry) ? retry : null);
    }
    if (response.status === 401) throw new ApiError("unauthorized", 401, message);
    throw new ApiError("error", response.status, message);
  }

  // ---------- connection state ----------

  function showConnection() {
    const conn = byId("connection");
    const text = byId("connection-text");
    const banner = byId("banner");
    const now = Date.now();
    const age = state.lastSuccess ? now - state.lastSuccess : Infinity;
    let kind = "live";
    let line = "Live · updated " + ago(age) + " ago";
    let bannerText = null;
    if (state.lastProblem) {
      kind = state.lastProblem.kind === "unauthorized" ? "error" : state.lastProblem.kind;
      const since = state.lastSuccess ? " — showing data from " + ago(age) + " ago" : "";
      const retry = state.retryAt > now ? ", retrying in " + Math.ceil((state.retryAt - now) / 1000) + " s" : ", retrying";
      if (kind === "rebalancing") {
        line = "Rebalancing (503)";
        bannerText = "Engine is rebalancing or restoring state (503): " + state.lastProblem.text + retry + since;
      } else if (kind === "unreachable") {
        line = "Engine unreachable";
        bannerText = "Engine unreachable: " + state.lastProblem.text + retry + since;
      } else {
        line = "Error " + (state.lastProblem.status || "");
        bannerText = "Engine answered an error: " + state.lastProblem.text + retry + since;
      }
    } else if (!state.lastSuccess) {
      kind = "connecting";
      line = "Connecting…";
    } else if (age > STALE_AFTER_MS) {
      kind = "stale";
      line = "Stale · last update " + ago(age) + " ago";
      bannerText = "Data is stale: the last update was " + ago(age) + " ago.";
    }
    conn.dataset.state = kind;
    text.textContent = line;
    document.body.dataset.stale = String(kind !== "live" && kind !== "connecting");
    if (bannerText) {
      banner.hidden = false;
      banner.dataset.state = kind;
      banner.textContent = bannerText;
    } else {
      banner.hidden = true;
    }
    document.querySelectorAll("[data-updated]").forEach((n) => {
      n.textContent = state.lastSuccess ? "updated " + new Date(state.lastSuccess).toLocaleTimeString() : "";
    });
  }

  // ---------- tiles and charts ----------

  function renderBoard(name, data) {
    const board = document.querySelector('[data-board="' + name + '"]');
    if (!board || !data) return;
    board.querySelectorAll(".tile").forEach((tile) => {
      const field = tile.dataset.field;
      const value = data[field];
      const formatted = (FORMATS[tile.dataset.format] || FORMATS.count)(value);
      const valueNode = tile.querySelector(".tile-value");
      if (formatted) {
        const parts = [document.createTextNode(formatted.text)];
        if (formatted.unit) parts.push(el("span", "unit", formatted.unit));
        valueNode.replaceChildren(...parts);
        tile.dataset.empty = String(Boolean(formatted.quiet));
        tile.dataset.hasValue = "true";
      } else {
        valueNode.textContent = "—";
        valueNode.title = "no data in the window";
        tile.dataset.empty = "true";
        tile.dataset.hasValue = "true"; // answered: nothing to average over is a value too
      }
      const warnAbove = tile.dataset.warnAbove;
      tile.dataset.warn = String(warnAbove !== undefined && isNumber(value) && value > Number(warnAbove));
      tile.querySelectorAll("[data-note]").forEach((note) => {
        const v = data[note.dataset.note];
        note.textContent = isNumber(v) ? integer.format(v) + " today" : "";
      });
      if (tile.dataset.format === "recentAlerts") renderRecentAlerts(tile, value);
      if (tile.dataset.format === "distribution") renderBars(tile, value);
      if (tile.dataset.chart === "true") record(name + "." + field, data.at, value);
    });
  }

  function renderRecentAlerts(tile, alerts) {
    const list = tile.querySelector(".recent-alerts");
    const items = (Array.isArray(alerts) ? alerts : []).slice(0, 3).map((a) => {
      const li = el("li");
      const sev = el("span", "sev", a.severity);
      sev.style.color = "var(--" + (SEVERITIES.includes(a.severity) ? a.severity.toLowerCase() : "p4") + ")";
      li.append(sev, el("span", null, a.title || a.rule), el("span", "alert-since", a.status));
      return li;
    });
    list.replaceChildren(...items);
  }

  function renderBars(tile, distribution) {
    const bars = tile.querySelector(".bars");
    if (!distribution || typeof distribution !== "object") {
      bars.replaceChildren();
      return;
    }
    const entries = Object.entries(distribution);
    const total = entries.reduce((a, [, n]) => a + (isNumber(n) ? n : 0), 0);
    bars.replaceChildren(
      ...entries.map(([bucket, n]) => {
        const share = total > 0 && isNumber(n) ? n / total : 0;
        const row = el("div", "bar-row");
        const track = el("div", "bar-track");
        const fill = el("div", "bar-fill");
        fill.style.width = (share * 100).toFixed(1) + "%";
        track.append(fill);
        row.append(el("span", null, bucket), track, el("span", null, Math.round(share * 100) + "%"));
        return row;
      })
    );
  }

  function record(key, at, value) {
    const t = Math.floor(Date.parse(at) / 1000);
    if (!isNumber(t)) return;
    let points = state.history.get(key);
    if (!points) {
      points = new Map();
      state.history.set(key, points);
    }
    points.set(t, isNumber(value) ? value : null);
    const oldest = Math.floor((Date.now() - HISTORY_MS) / 1000);
    for (const k of points.keys()) if (k < oldest) points.delete(k);
  }

  function drawCharts() {
    if (typeof window.uPlot !== "function") return;
    document.querySelectorAll('.tile[data-chart="true"]').forEach((tile) => {
      const board = tile.closest("[data-board]").dataset.board;
      const key = board + "." + tile.dataset.field;
      const points = state.history.get(key);
      if (!points || points.size === 0) return;
      const xs = Array.from(points.keys()).sort((a, b) => a - b);
      const ys = xs.map((x) => points.get(x));
      const spark = tile.querySelector(".spark");
      const width = Math.max(60, Math.floor(spark.clientWidth));
      let chart = state.charts.get(key);
      if (!chart) {
        const style = getComputedStyle(document.documentElement);
        chart = new window.uPlot(
          {
            width: width,
            height: 40,
            pxAlign: false,
            cursor: { show: false },
            select: { show: false },
            legend: { show: false },
            scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
            axes: [{ show: false }, { show: false }],
            series: [
              {},
              {
                stroke: style.getPropertyValue("--chart").trim() || "#58a6ff",
                fill: style.getPropertyValue("--chart-fill").trim() || "rgba(88,166,255,0.14)",
                width: 1.5,
                points: { show: false },
                spanGaps: true,
              },
            ],
          },
          [xs, ys],
          spark
        );
        spark.dataset.chart = "uplot";
        state.charts.set(key, chart);
      } else {
        if (chart.width !== width) chart.setSize({ width: width, height: 40 });
        chart.setData([xs, ys]);
      }
      const known = ys.filter(isNumber);
      const range = tile.querySelector(".spark-range") || tile.appendChild(el("div", "spark-range"));
      const format = FORMATS[tile.dataset.format] || FORMATS.count;
      const lo = format(Math.min(...known));
      const hi = format(Math.max(...known));
      range.textContent = known.length
        ? "last hour: " + (lo ? lo.text : "—") + " – " + (hi ? hi.text : "—") + (hi && hi.unit && hi.unit.length <= 4 ? " " + hi.unit : "")
        : "";
    });
  }

  // ---------- alerts ----------

  function severityRank(a) {
    const i = SEVERITIES.indexOf(a.severity);
    return i < 0 ? SEVERITIES.length : i;
  }

  function sortFiring(alerts) {
    return alerts.slice().sort(
      (a, b) =>
        severityRank(a) - severityRank(b) ||
        Number(Boolean(a.acknowledged)) - Number(Boolean(b.acknowledged)) ||
        Date.parse(b.startsAt || 0) - Date.parse(a.startsAt || 0)
    );
  }

  function runbookNode(runbook) {
    if (typeof runbook !== "string" || runbook.trim() === "") return el("span", null, "no runbook");
    let url = null;
    try {
      url = new URL(runbook);
    } catch (e) {
      url = null;
    }
    if (url && (url.protocol === "https:" || url.protocol === "http:")) {
      const a = el("a", null, "Runbook");
      a.href = url.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    // A path in the rule pack (e.g. playbooks/high-load.md): shown, not linked.
    const span = el("span", null, "Runbook: ");
    span.append(el("code", null, runbook));
    return span;
  }

  function alertNode(alert) {
    const node = byId("alert-template").content.firstElementChild.cloneNode(true);
    const severity = SEVERITIES.includes(alert.severity) ? alert.severity : "P4";
    node.dataset.fingerprint = alert.fingerprint || "";
    node.dataset.severity = severity;
    node.dataset.status = alert.status === "firing" ? "firing" : "resolved";
    node.dataset.acknowledged = String(Boolean(alert.acknowledged));
    node.querySelector(".alert-severity").textContent = alert.severity || "?";
    node.querySelector(".alert-title").textContent = alert.title || alert.rule || "(untitled alert)";
    const since = node.querySelector(".alert-since");
    if (alert.status === "firing") {
      since.textContent = "firing " + ago(Date.now() - Date.parse(alert.startsAt)) + " · since " + clock(alert.startsAt);
    } else {
      since.textContent = "resolved " + clock(alert.endsAt) + " · fired " + clock(alert.startsAt);
    }
    since.title = (alert.startsAt || "") + (alert.endsAt ? " → " + alert.endsAt : "");
    node.querySelector(".alert-summary-text").textContent = alert.summary || "";
    const labels = node.querySelector(".alert-labels");
    const entries = alert.labels && typeof alert.labels === "object" ? Object.entries(alert.labels) : [];
    labels.replaceChildren(...entries.map(([k, v]) => el("span", "label", k + "=" + v)));
    node.querySelector(".alert-runbook").replaceChildren(runbookNode(alert.runbook));
    const ackState = node.querySelector(".alert-ack-state");
    const button = node.querySelector(".ack-button");
    if (alert.acknowledged) {
      ackState.textContent = "Acknowledged by " + alert.acknowledged.by + " · " + clock(alert.acknowledged.at);
      ackState.title = alert.acknowledged.at;
      button.remove();
    } else if (alert.status !== "firing") {
      button.remove();
    } else if (state.pendingAcks.get(alert.fingerprint) === alert.id) {
      ackState.textContent = "Ack sent…";
      button.disabled = true;
    } else {
      button.addEventListener("click", () => acknowledge(alert, button, ackState));
    }
    return node;
  }

  function renderAlerts(alerts) {
    state.alerts = alerts;
    const firing = sortFiring(alerts.filter((a) => a.status === "firing"));
    const resolved = alerts.filter((a) => a.status !== "firing");
    for (const [fingerprint, id] of state.pendingAcks) {
      const now = alerts.find((a) => a.fingerprint === fingerprint);
      if (!now || now.id !== id || now.acknowledged || now.status !== "firing") state.pendingAcks.delete(fingerprint);
    }
    byId("firing-alerts").replaceChildren(...firing.map(alertNode));
    byId("no-firing").hidden = firing.length > 0;
    byId("resolved-alerts").replaceChildren(...resolved.map(alertNode));
    byId("resolved-count").textContent = String(resolved.length);
    byId("alerts-title").textContent = firing.length ? "Firing alerts (" + firing.length + ")" : "Firing alerts";

    const summary = byId("alert-summary");
    const chips = SEVERITIES.map((s) => {
      const open = firing.filter((a) => a.severity === s);
      if (!open.length) return null;
      const acked = open.filter((a) => a.acknowledged).length;
      const chip = el("span", "summary-chip", open.length + " " + s + (acked ? " · " + acked + " acked" : ""));
      chip.dataset.severity = s;
      return chip;
    }).filter(Boolean);
    summary.replaceChildren(...(chips.length ? chips : [el("span", "summary-chip quiet", "Nothing firing")]));
    const unacked = firing.filter((a) => !a.acknowledged).length;
    document.title = (unacked ? "(" + unacked + ") " : "") + "LIGHTCAT · alert engine";
    byId("alerts-updated").textContent = alerts.length + " alert(s) in the last 24 h";
  }

  // ---------- acknowledging ----------

  function storedToken() {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function storedBy() {
    try {
      return sessionStorage.getItem(BY_KEY) || "dashboard";
    } catch (e) {
      return "dashboard";
    }
  }

  async function postAck(alert) {
    const headers = { "Content-Type": "application/json" };
    const token = storedToken();
    if (token) headers.Authorization = "Bearer " + token;
    return request("/api/alerts/" + encodeURIComponent(alert.fingerprint) + "/ack", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ by: storedBy() }),
    });
  }

  async function acknowledge(alert, button, ackState) {
    button.disabled = true;
    ackState.textContent = "Sending…";
    try {
      await postAck(alert);
      state.pendingAcks.set(alert.fingerprint, alert.id);
      ackState.textContent = "Ack sent…";
      schedule(300);
    } catch (e) {
      if (e.kind === "unauthorized") {
        askForToken(alert, button, ackState, storedToken() ? "That token was refused." : null);
        return;
      }
      button.disabled = false;
      ackState.textContent = "Ack failed: " + e.message;
    }
  }

  function askForToken(alert, button, ackState, problem) {
    const dialog = byId("token-dialog");
    const form = byId("token-form");
    const error = byId("token-error");
    const token = byId("token-input");
    const by = byId("by-input");
    error.hidden = !problem;
    error.textContent = problem || "";
    token.value = "";
    by.value = storedBy() === "dashboard" ? "" : storedBy();
    const close = () => {
      form.onsubmit = null;
      byId("token-cancel").onclick = null;
      if (dialog.open) dialog.close();
    };
    form.onsubmit = (event) => {
      event.preventDefault();
      try {
        sessionStorage.setItem(TOKEN_KEY, token.value.trim());
        if (by.value.trim()) sessionStorage.setItem(BY_KEY, by.value.trim());
      } catch (e) {
        /* storage unavailable: the ack below still carries nothing, and asks again */
      }
      close();
      acknowledge(alert, button, ackState);
    };
    byId("token-cancel").onclick = () => {
      close();
      button.disabled = false;
      ackState.textContent = "";
    };
    dialog.showModal();
    token.focus();
  }

  // ---------- polling ----------

  let timer = null;

  function schedule(ms) {
    clearTimeout(timer);
    state.retryAt = Date.now() + ms;
    timer = setTimeout(poll, ms);
  }

  async function poll() {
    try {
      const [alerts, ...boards] = await Promise.all([
        request("/api/alerts"),
        ...BOARDS.map((b) => request("/api/dashboards/" + b)),
      ]);
      renderAlerts(Array.isArray(alerts && alerts.alerts) ? alerts.alerts : []);
      BOARDS.forEach((b, i) => renderBoard(b, boards[i]));
      drawCharts();
      state.lastSuccess = Date.now();
      state.lastProblem = null;
      schedule(POLL_MS);
    } catch (e) {
      state.lastProblem = { kind: e.kind || "error", text: e.message, status: e.status };
      const wait = e.retryAfterSeconds ? Math.min(30, Math.max(1, e.retryAfterSeconds)) * 1000 : POLL_MS;
      schedule(wait);
    }
    showConnection();
  }

  async function backfill() {
    const now = Date.now();
    for (let k = BACKFILL_STEPS - 1; k >= 1; k--) {
      const at = new Date(now - k * BACKFILL_STEP_MS).toISOString();
      try {
        const boards = await Promise.all(
          BOARDS.map((b) => request("/api/dashboards/" + b + "?at=" + encodeURIComponent(at)))
        );
        BOARDS.forEach((b, i) => {
          const data = boards[i];
          document.querySelectorAll('[data-board="' + b + '"] .tile[data-chart="true"]').forEach((tile) => {
            // a figure the past had no data for is left out, so the chart spans what is known
            const value = data[tile.dataset.field];
            if (isNumber(value)) record(b + "." + tile.dataset.field, data.at, value);
          });
        });
      } catch (e) {
        return; // history is a nicety; the live poll reports problems
      }
    }
    drawCharts();
  }

  function start() {
    poll().then(backfill);
    setInterval(showConnection, 1000);
    window.addEventListener("resize", drawCharts);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
