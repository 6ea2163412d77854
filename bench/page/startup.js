// startup.js — runs right after crosscheck.js (module scripts run in document order) and records when the widget is ready.
const info = await window.crosscheck.ready;
window.__readyAt = performance.now();
performance.mark('cc-ready');   // where a trace of the load puts ready
window.__ready = info ? { claims: info.claims ?? null } : null;
