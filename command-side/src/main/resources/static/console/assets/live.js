/*
 * The live room, on the meeting screen and the projector view: one EventSource on the command side's stream of the
 * meeting (/console/meetings/{id}/live). Each "change" (something of the body was recorded, by anyone) becomes a
 * 'ledger:changed' event on the page, on which the screen reads its state again; "presence" says who else has this
 * meeting's console open; "in-hand" which proposal a co-chair chose last. The browser reconnects by itself after a
 * dropped connection or a restart, sending the last change it heard of, and the server tells it at once if it
 * missed any. The proposal chosen on this screen ('ledger:selected') is told to the room.
 */
(() => {
    'use strict';

    const page = document.body.dataset;
    const texts = {};
    document.querySelectorAll('#texts [data-key]').forEach((span) => { texts[span.dataset.key] = span.textContent; });
    const t = (key, ...args) => (texts[key] || key).replace(/\{(\d)}/g, (match, i) => String(args[Number(i)]));
    const stateLine = document.getElementById('live-state');
    const presence = document.getElementById('presence');

    function show(key) {
        if (stateLine && stateLine.dataset.key !== key) {
            stateLine.dataset.key = key;
            stateLine.textContent = t(key);
        }
    }

    function tell(name, detail) {
        document.dispatchEvent(new CustomEvent(name, { detail }));
    }

    const source = new EventSource(`/console/meetings/${encodeURIComponent(page.meeting)}/live`);
    source.addEventListener('open', () => show('liveOn'));
    source.addEventListener('error', () => {
        // CLOSED: the server answered with something else than the stream (the session ended); else it reconnects.
        show(source.readyState === EventSource.CLOSED ? 'liveSignedOut' : 'liveReconnecting');
    });
    source.addEventListener('hello', (event) => {
        const hello = JSON.parse(event.data);
        if (hello.inHand) {
            tell('ledger:in-hand', { proposalId: hello.inHand });
        }
    });
    // Read again at once, and once more when the changes settle: the console's own index of a body's proposals
    // follows the log a moment behind it.
    let settling = null;
    source.addEventListener('change', (event) => {
        const change = JSON.parse(event.data);
        tell('ledger:changed', change);
        clearTimeout(settling);
        settling = setTimeout(() => tell('ledger:changed', change), 800);
    });
    source.addEventListener('in-hand', (event) => tell('ledger:in-hand', JSON.parse(event.data)));
    source.addEventListener('presence', (event) => {
        const present = JSON.parse(event.data).present;
        if (presence) {
            presence.textContent = present.length > 1 ? t('livePresent', present.join(', ')) : t('liveAlone');
        }
    });

    document.addEventListener('ledger:selected', (event) => {
        const form = new URLSearchParams({ proposalId: event.detail.proposalId, _csrf: page.csrf });
        fetch(`/console/meetings/${encodeURIComponent(page.meeting)}/in-hand`,
              { method: 'POST', body: form, credentials: 'same-origin' }).catch(() => { /* the room is told next time */ });
    });
    window.addEventListener('pagehide', () => source.close());
})();
