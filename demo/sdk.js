// Wires the demo page to window.cxkit: one button per NPS score, and a log of the client's events.
// A module script runs after cxkit.js (defer), so window.cxkit is ready here.
const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const log = byId('log');
const pending = byId('pending');
const scale = byId('scale');
const cx = () => /** @type {any} */ (window).cxkit;
const say = (/** @type {string} */ line) => (log.textContent = `${new Date().toLocaleTimeString()} ${line}\n${log.textContent}`);
const refresh = async () => (pending.textContent = String(await cx().pending()));

for (let score = 0; score <= 10; score++) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = String(score);
  button.addEventListener('click', async () => {
    const response = await cx().record({ kind: 'nps', score, touchpoint: 'demo-page' });
    if (response) say(`stored answer ${score} (${response.id.slice(0, 8)}…)`);
    void refresh();
  });
  scale.append(button);
}
byId('flush').addEventListener('click', async () => {
  const result = await cx().flush();
  say(`flush: ${JSON.stringify(result)}`);
  void refresh();
});
for (const event of ['sent', 'retry', 'rejected', 'expired', 'degraded']) {
  cx().on(event, (/** @type {any} */ e) => {
    say(`${event}: ${e.responses ? `${e.responses.length} answer(s)` : ''} ${e.status ?? e.reason ?? e.error ?? ''}`);
    void refresh();
  });
}
void refresh();

export {};
