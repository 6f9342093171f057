/*
 * The console's declarative forms (the chairing and secretariat screens). A form
 *
 *   <form data-action="/api/..." data-method="POST" data-label="What it does">
 *
 * is sent to the command API as JSON made of its named fields: text as typed (an empty field is left out),
 * data-type="number" a number, data-type="instant" a datetime-local read as UTC, data-type="list" the ticked boxes
 * of that name in the order shown; data-in="query" puts a field in the query string instead. data-confirm asks first;
 * data-then says what follows success: "refresh" (the default: the page's [data-refresh] regions are read again, until
 * they show what was recorded), "go:/url/{id}" (to a page of what was created), or "token" (the answer's token is
 * shown once, in the form's [data-token] box, or in the box whose id data-token-box names).
 *
 * Nothing is lost: each submission gets an Idempotency-Key when it is made and keeps it through every retry (except
 * where the ledger takes none: data-key="none"), network failures and server errors are retried with growing pauses,
 * a refusal is shown in words next to the form's button (and each field it names is marked), and leaving the page
 * while something is pending asks first. Submissions are sent one at a time, in the order made.
 */
(() => {
    'use strict';

    const csrf = document.body.dataset.csrf;
    const texts = {};
    document.querySelectorAll('#screens-texts [data-key]').forEach((span) => {
        texts[span.dataset.key] = span.textContent;
    });
    const t = (key, ...args) => (texts[key] || key).replace(/\{(\d)}/g, (match, i) => String(args[Number(i)]));

    const queue = [];
    const results = {}; // form id -> { status, message }, shown again when a region is read again
    let running = false;
    let leaving = null; // where to go once nothing is pending

    // ---- making a request of a form ------------------------------------------------------------------------------

    function request(form) {
        const body = {};
        const query = new URLSearchParams();
        for (const control of form.elements) {
            if (!control.name || control.disabled) {
                continue;
            }
            const type = control.dataset.type || '';
            if (type === 'list') {
                body[control.name] = body[control.name] || [];
                if (control.checked) {
                    body[control.name].push(control.value);
                }
                continue;
            }
            if ((control.type === 'radio' || control.type === 'checkbox') && !control.checked) {
                continue;
            }
            if (control.value.trim() === '') {
                continue;
            }
            let value = control.value;
            if (type === 'number') {
                value = Number(value);
            } else if (type === 'instant') {
                value = `${value.length === 16 ? `${value}:00` : value}Z`;
            }
            if (control.dataset.in === 'query') {
                query.append(control.name, value);
            } else {
                body[control.name] = value;
            }
        }
        const search = query.toString();
        return { url: form.dataset.action + (search ? `?${search}` : ''), body };
    }

    document.addEventListener('submit', (event) => {
        const form = event.target.closest('form[data-action]');
        if (!form) {
            return;
        }
        event.preventDefault();
        if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
            return;
        }
        const { url, body } = request(form);
        const method = (form.dataset.method || 'POST').toUpperCase();
        const action = { form, id: form.id, url, method, body: method === 'DELETE' ? null : body, fields: body,
                         key: form.dataset.key === 'none' ? null : newKey() };
        form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
        busy(form, true);
        show(action, 'pending', t('pending'));
        queue.push(action);
        pump();
    });

    // ---- sending, one at a time ----------------------------------------------------------------------------------

    async function pump() {
        if (running) {
            return;
        }
        running = true;
        while (queue.length > 0) {
            const action = queue[0];
            try {
                await run(action);
            } finally {
                queue.shift();
                busy(current(action), false);
            }
        }
        running = false;
        if (leaving) {
            window.location.assign(leaving);
        }
    }

    async function run(action) {
        const headers = { 'Accept': 'application/json', 'X-CSRF-Token': csrf };
        if (action.body !== null) {
            headers['Content-Type'] = 'application/json';
        }
        if (action.key) {
            headers['Idempotency-Key'] = action.key;
        }
        for (let attempt = 1; ; attempt++) {
            let response;
            try {
                const body = action.body === null ? undefined : JSON.stringify(action.body);
                response = await fetch(action.url, { method: action.method, headers, body,
                                                     credentials: 'same-origin' });
            } catch (networkFailure) {
                show(action, 'retrying', t('retrying', attempt));
                await pause(attempt);
                continue;
            }
            const answer = await response.json().catch(() => null);
            const inProgress = response.status === 409 && answer && typeof answer.type === 'string'
                    && answer.type.endsWith('idempotency-key-in-progress');
            if (response.status >= 500 || inProgress) {
                // A full disk: nothing was recorded, and the ledger takes it again by itself once space is freed.
                const full = answer && typeof answer.type === 'string' && answer.type.endsWith('storage-unavailable');
                show(action, 'retrying', t(full ? 'storageUnavailable' : 'retrying', attempt));
                await pause(attempt);
                continue;
            }
            if (response.status === 401) {
                show(action, 'rejected', t('signedOut'));
                leaving = '/console/sign-in';
                return;
            }
            action.answered = true; // what follows only shows it: leaving the page now loses nothing
            if (response.ok) {
                show(action, 'saved', t('saved'));
                await saved(action, answer || {});
                return;
            }
            refused(action, response.status, answer);
            return;
        }
    }

    function refused(action, status, problem) {
        const form = current(action);
        const fields = problem && Array.isArray(problem.errors) ? problem.errors.map((error) => {
            const control = form && form.elements.namedItem(error.field);
            const first = control && (control.length !== undefined && !control.tagName ? control[0] : control);
            if (first) {
                first.setAttribute('aria-invalid', 'true');
            }
            return `${labelOf(first) || error.field}: ${error.message}`;
        }) : [];
        const said = problem && (problem.detail || problem.title);
        show(action, 'rejected', [said || t('rejectedUnknown', status)].concat(fields).join(' '));
    }

    function labelOf(control) {
        if (!control) {
            return null;
        }
        const label = control.labels && control.labels[0];
        const legend = control.closest('fieldset') && control.closest('fieldset').querySelector('legend');
        const text = (label && control.type !== 'radio' ? label : legend || label);
        return text ? text.textContent.trim() : null;
    }

    // ---- after success -------------------------------------------------------------------------------------------

    async function saved(action, recorded) {
        const form = current(action);
        const then = (form && form.dataset.then) || 'refresh';
        if (then.startsWith('go:')) {
            leaving = then.substring(3).replace('{id}', encodeURIComponent(recorded.id || ''));
            return;
        }
        if (form && form.isConnected) {
            form.reset();
            shownIf(form);
        }
        if (then === 'token') {
            showToken(form, recorded);
        }
        await refresh(action, expectation(action, form, recorded));
    }

    /** What the page read again must show: the submitted value of data-expect's field, else the id recorded. */
    function expectation(action, form, recorded) {
        const field = form && form.dataset.expect;
        if (field && typeof action.fields[field] === 'string') {
            return { text: action.fields[field].trim() };
        }
        return recorded.id ? { html: recorded.id } : null;
    }

    /**
     * Reads the page again and puts its fresh [data-refresh] regions in place of the old ones; the lists follow the
     * log within moments, so until they show what was recorded they are read again, with growing pauses. A region
     * holding another form that is still pending is left as it is.
     */
    async function refresh(action, expected) {
        const regions = Array.from(document.querySelectorAll('[data-refresh][id]'));
        if (regions.length === 0) {
            return;
        }
        for (let attempt = 1; attempt <= 8; attempt++) {
            let fresh = null;
            try {
                const response = await fetch(window.location.href, { headers: { 'Accept': 'text/html' },
                                                                     credentials: 'same-origin', cache: 'no-store' });
                if (response.ok) {
                    fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
                }
            } catch (networkFailure) {
                // read again below
            }
            if (fresh && (attempt === 8 || shows(fresh, regions, expected))) {
                for (const region of regions) {
                    const next = fresh.getElementById(region.id);
                    const pending = queue.some((queued) => queued !== action && region.contains(queued.form));
                    if (next && !pending && region.isConnected) {
                        region.replaceWith(document.importNode(next, true));
                    }
                }
                Object.keys(results).forEach((id) => fill(id));
                document.querySelectorAll('form').forEach(shownIf);
                return;
            }
            await pause(attempt);
        }
    }

    function shows(fresh, regions, expected) {
        if (!expected) {
            return true;
        }
        if (expected.html) {
            return fresh.documentElement.innerHTML.includes(expected.html);
        }
        return regions.some((region) => {
            const next = fresh.getElementById(region.id);
            return next && next.textContent.includes(expected.text);
        });
    }

    function showToken(form, recorded) {
        const box = form && (form.dataset.tokenBox ? document.getElementById(form.dataset.tokenBox)
                                                   : form.querySelector('[data-token]'));
        if (!box || !recorded.token) {
            return;
        }
        box.querySelector('[data-token-value]').value = recorded.token;
        box.querySelectorAll('[data-token-label]').forEach((part) => { part.textContent = recorded.label || ''; });
        box.querySelectorAll('[data-token-old-until]').forEach((part) => {
            // An ISO instant in UTC, shown as "2026-12-06 10:07 UTC".
            part.textContent = (recorded.previousTokenValidUntil || '').replace('T', ' ')
                                                                       .replace(/:\d\d(\.\d+)?Z$/, ' UTC');
        });
        box.hidden = false;
        box.focus();
    }

    document.addEventListener('click', (event) => {
        const done = event.target.closest('[data-token-done]');
        if (done) {
            const box = done.closest('[data-token]');
            box.querySelector('[data-token-value]').value = '';
            box.hidden = true;
            return;
        }
        const move = event.target.closest('button[data-move]');
        if (move) {
            const item = move.closest('li');
            const other = move.dataset.move === 'up' ? item.previousElementSibling : item.nextElementSibling;
            if (other) {
                other.insertAdjacentElement(move.dataset.move === 'up' ? 'beforebegin' : 'afterend', item);
                move.focus();
            }
        }
    });

    // ---- showing -------------------------------------------------------------------------------------------------

    /** The form as the page holds it now: a region read again replaces the form it held, under the same id. */
    function current(action) {
        return (action.id && document.getElementById(action.id)) || action.form;
    }

    function show(action, status, message) {
        if (action.id) {
            results[action.id] = { status, message };
            fill(action.id);
        } else {
            place(action.form, status, message);
        }
    }

    function fill(id) {
        const form = document.getElementById(id);
        if (form) {
            place(form, results[id].status, results[id].message);
        }
    }

    function place(form, status, message) {
        const span = form.querySelector('[data-result]');
        if (span) {
            span.className = `result ${status}`;
            span.textContent = message;
        }
    }

    function busy(form, pending) {
        if (form) {
            form.querySelectorAll('button[type=submit]').forEach((button) => { button.disabled = pending; });
        }
    }

    /** A part shown only for one choice (data-shown-if="kind=WORKING_GROUP"); hidden, its fields are not sent. */
    function shownIf(form) {
        form.querySelectorAll('[data-shown-if]').forEach((part) => {
            const [name, value] = part.dataset.shownIf.split('=');
            const chosen = form.querySelector(`[name="${name}"]:checked`) || form.elements.namedItem(name);
            const show = Boolean(chosen) && chosen.value === value;
            part.hidden = !show;
            part.querySelectorAll('input, select, textarea').forEach((control) => { control.disabled = !show; });
        });
    }

    document.addEventListener('change', (event) => {
        if (event.target.form) {
            shownIf(event.target.form);
        }
    });
    document.querySelectorAll('form').forEach(shownIf);

    function pause(attempt) {
        return new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 8000)));
    }

    function newKey() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        const bytes = window.crypto.getRandomValues(new Uint8Array(16));
        return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    }

    window.addEventListener('beforeunload', (event) => {
        const tokenShown = Array.from(document.querySelectorAll('[data-token]')).some((box) => !box.hidden);
        if ((queue.some((queued) => !queued.answered) && !leaving) || tokenShown) {
            event.preventDefault();
            event.returnValue = '';
        }
    });
})();
