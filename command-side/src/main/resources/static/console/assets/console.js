/*
 * The meeting screen of the co-chairs' console. It reads the meeting, its body, the agenda and the proposal on screen
 * from the command API, and records every action through it on the signed-in session (CSRF token in a header).
 *
 * Nothing is lost: each action gets an Idempotency-Key when it is made and keeps it through every retry, so a request
 * whose answer was lost is answered again by the ledger instead of being recorded twice; network failures and server
 * errors are retried with growing pauses until the ledger answers, and the activity list shows each action as
 * pending, retrying, saved or rejected. Each action says which version of the meeting or proposal it was decided on
 * (If-Match): if another co-chair changed it meanwhile, the ledger refuses, the screen says so and shows the fresh
 * state, and nothing is overwritten.
 */
(() => {
    'use strict';

    const page = document.body.dataset;
    const meetingId = page.meeting;
    const bodyId = page.body;
    const csrf = page.csrf;
    const $ = (id) => document.getElementById(id);

    const texts = {};
    document.querySelectorAll('#texts [data-key]').forEach((span) => { texts[span.dataset.key] = span.textContent; });
    const t = (key, ...args) => (texts[key] || key).replace(/\{(\d)}/g, (match, i) => String(args[Number(i)]));

    const state = {
        meeting: null, body: null, agenda: [], proposal: null, proposalId: null,
        versions: {}, // target ("meeting:<id>", "proposal:<id>") -> version last seen (ETag)
        selected: 0, // index of the member row the shortcuts act on
        contribution: null, // {kind, organisationId} while the text of a stand-aside, concern or objection is typed
    };
    const queue = [];
    const results = {};
    const objectionElements = new Map();
    let running = false;

    // ---- reading -------------------------------------------------------------------------------------------------

    async function get(url) {
        for (let attempt = 1; ; attempt++) {
            try {
                const response = await fetch(url, { headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf },
                                                    credentials: 'same-origin', cache: 'no-store' });
                if (response.status === 401) {
                    window.location.assign('/console/sign-in');
                    return null;
                }
                if (response.status < 500) {
                    const body = await response.json();
                    return { ok: response.ok, status: response.status, body, version: version(response) };
                }
            } catch (networkFailure) {
                // retried below
            }
            await pause(attempt);
        }
    }

    function version(response) {
        const tag = response.headers.get('ETag');
        return tag ? Number(tag.replace(/[^0-9]/g, '')) : null;
    }

    async function refresh() {
        const [meeting, body, agenda] = await Promise.all([
            get(`/api/meetings/${encodeURIComponent(meetingId)}`),
            state.body ? Promise.resolve(null) : get(`/api/bodies/${encodeURIComponent(bodyId)}`),
            get(`/api/bodies/${encodeURIComponent(bodyId)}/proposals`),
        ]);
        if (meeting && meeting.ok) {
            state.meeting = meeting.body;
            state.versions[`meeting:${meetingId}`] = meeting.version;
        }
        if (body && body.ok) {
            state.body = body.body;
        }
        if (agenda && agenda.ok) {
            // A proposal submitted here a moment ago may not be listed yet: keep it.
            const listed = new Set(agenda.body.map((item) => item.proposalId));
            state.agenda = agenda.body.concat(state.agenda.filter((item) => item.local && !listed.has(item.proposalId)));
        }
        if (state.proposalId) {
            const proposal = await get(`/api/proposals/${encodeURIComponent(state.proposalId)}`);
            if (proposal && proposal.ok) {
                state.proposal = proposal.body;
                state.versions[`proposal:${state.proposalId}`] = proposal.version;
            }
        }
        render();
    }

    // ---- recording -----------------------------------------------------------------------------------------------

    /**
     * Queues an action. {@code target} is the aggregate whose version the action was decided on (null for a new
     * proposal); {@code place} names where on screen its outcome is shown, next to the control that made it. Actions run one at a time, in the
     * order made; the version each expects is the version on screen plus the actions on the same target queued before
     * it (each records one event).
     */
    function act(label, method, url, body, target, place) {
        const ahead = queue.filter((queued) => queued.target === target && target !== null).length;
        const action = {
            label, method, url, body, target, place, key: newKey(),
            // Nothing on screen yet to be decided on (its state never loaded): no version to name.
            expected: target === null || state.versions[target] === undefined ? null : state.versions[target] + ahead,
            item: document.createElement('li'),
        };
        $('activity').prepend(action.item);
        show(action, 'pending', t('pending'));
        queue.push(action);
        pump();
        return action;
    }

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
            }
        }
        running = false;
        await refresh();
    }

    async function run(action) {
        const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json',
                          'X-CSRF-Token': csrf, 'Idempotency-Key': action.key };
        if (action.expected !== null) {
            headers['If-Match'] = `"${action.expected}"`;
        }
        for (let attempt = 1; ; attempt++) {
            let response;
            try {
                response = await fetch(action.url, { method: action.method, headers, credentials: 'same-origin',
                                                     body: JSON.stringify(action.body || {}) });
            } catch (networkFailure) {
                show(action, 'retrying', t('retrying', attempt));
                await pause(attempt);
                continue;
            }
            const problem = await response.json().catch(() => null);
            const inProgress = response.status === 409 && problem && problem.type
                    && problem.type.endsWith('idempotency-key-in-progress');
            if (response.status >= 500 || inProgress) {
                show(action, 'retrying', t('retrying', attempt));
                await pause(attempt);
                continue;
            }
            if (response.status === 401) {
                show(action, 'rejected', t('signedOut'));
                window.location.assign('/console/sign-in');
                return;
            }
            if (response.ok) {
                if (action.target !== null) {
                    state.versions[action.target] = version(response);
                }
                show(action, 'saved', t('saved'));
                if (action.saved) {
                    action.saved(response, problem);
                }
                return;
            }
            const changed = response.status === 412 || response.status === 409;
            const fields = problem && Array.isArray(problem.errors)
                    ? problem.errors.map((error) => `${error.field}: ${error.message}`).join('; ') : '';
            const message = [(problem && (problem.detail || problem.title)) || t('rejectedUnknown', response.status),
                             fields].filter(Boolean).join(' ');
            show(action, changed ? 'conflict' : 'rejected', message);
            if (changed) {
                conflict(action, message);
            }
            return;
        }
    }

    /** Another co-chair changed what the action was decided on: say so, drop what was queued on it, show it fresh. */
    function conflict(action, message) {
        for (const queued of queue.slice(1)) {
            if (queued.target === action.target) {
                show(queued, 'conflict', t('notSent'));
                queued.expected = -1;
            }
        }
        queue.splice(1, queue.length, ...queue.slice(1).filter((queued) => queued.expected !== -1));
        const box = $('conflict');
        box.textContent = t('conflict', action.label, message);
        box.hidden = false;
        box.focus();
    }

    function show(action, status, message) {
        action.item.className = status;
        action.item.textContent = `${action.label}: ${message}`;
        results[action.place] = { status, message };
        document.querySelectorAll('[data-place]').forEach((span) => {
            if (span.dataset.place === action.place) {
                fill(span);
            }
        });
    }

    /** The outcome of the last action made at a place, kept across re-rendering. */
    function resultSpan(place) {
        const span = element('span');
        span.dataset.place = place;
        fill(span);
        return span;
    }

    function fill(span) {
        const result = results[span.dataset.place];
        span.className = result ? `result ${result.status}` : 'result';
        span.textContent = result ? result.message : '';
    }

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

    const proposalUrl = (path = '') => `/api/proposals/${encodeURIComponent(state.proposalId)}${path}`;
    const proposalTarget = () => `proposal:${state.proposalId}`;
    const meetingTarget = `meeting:${meetingId}`;

    // ---- rendering -----------------------------------------------------------------------------------------------

    function element(tag, properties = {}, ...children) {
        const node = document.createElement(tag);
        Object.assign(node, properties);
        children.forEach((child) => node.append(child));
        return node;
    }

    function members() {
        return state.body ? state.body.members : [];
    }

    function name(organisationId) {
        const member = members().find((m) => m.organisationId === organisationId);
        return member ? member.name : organisationId;
    }

    function render() {
        renderMeeting();
        renderAttendance();
        renderAgenda();
        renderProposal();
    }

    function renderMeeting() {
        const meeting = state.meeting;
        if (!meeting) {
            return;
        }
        $('meeting-title').textContent = meeting.title;
        document.title = `${meeting.title} · ${t('consoleName')}`;
        $('meeting-status').textContent = t(`meeting.${meeting.status}`);
        $('open-meeting').hidden = meeting.status !== 'SCHEDULED';
        $('close-meeting').hidden = meeting.status !== 'OPEN';
        if (meeting.status === 'CLOSED') {
            $('checkpoint-section').hidden = false;
            $('checkpoint').textContent = meeting.checkpoint || '';
            $('checkpoint').hidden = !meeting.checkpoint;
            $('checkpoint-none').hidden = Boolean(meeting.checkpoint);
        }
    }

    function renderAttendance() {
        const list = $('attendance');
        const attendance = state.meeting ? state.meeting.attendance : {};
        const open = state.meeting && state.meeting.status === 'OPEN';
        list.replaceChildren(...members().map((member) => {
            const id = `attended-${member.organisationId}`;
            const recorded = attendance[member.organisationId];
            const box = element('input', { type: 'checkbox', id, checked: Boolean(recorded),
                                            disabled: Boolean(recorded) || !open });
            box.addEventListener('change', () => {
                if (!box.checked) {
                    return;
                }
                box.disabled = true;
                const mode = $('attendance-mode').value;
                act(t('attendanceOf', member.name), 'POST', `/api/meetings/${encodeURIComponent(meetingId)}/attendance`,
                    { organisationId: member.organisationId, mode }, meetingTarget, `attendance:${member.organisationId}`);
            });
            const label = element('label', { htmlFor: id, textContent: member.name });
            const how = element('span', { className: 'note',
                                          textContent: recorded ? ` (${t(`attendance.${recorded}`)})` : '' });
            return element('li', {}, box, ' ', label, how, ' ', resultSpan(`attendance:${member.organisationId}`));
        }));
    }

    function renderAgenda() {
        $('agenda-empty').hidden = state.agenda.length > 0;
        $('agenda').replaceChildren(...state.agenda.map((item) => {
            const button = element('button', { type: 'button', textContent: item.title });
            if (item.proposalId === state.proposalId) {
                button.setAttribute('aria-current', 'true');
            }
            button.addEventListener('click', () => select(item.proposalId));
            return element('li', {}, button, ' ', element('span', { className: 'note',
                                                                     textContent: t(`status.${item.status}`) }));
        }));
        const by = $('new-proposal-by');
        if (by.options.length !== members().length) {
            by.replaceChildren(...members().map((member) => element('option', { value: member.organisationId,
                                                                                 textContent: member.name })));
        }
    }

    async function select(proposalId) {
        // The proposal in hand: live.js tells the projector and the other screens.
        document.dispatchEvent(new CustomEvent('ledger:selected', { detail: { proposalId } }));
        state.proposalId = proposalId;
        state.proposal = null;
        state.selected = 0;
        $('conflict').hidden = true;
        await refresh();
        $('proposal-title').focus();
    }

    function renderProposal() {
        const proposal = state.proposal;
        $('proposal').hidden = !proposal;
        if (!proposal) {
            return;
        }
        const open = proposal.status === 'OPEN' || proposal.status === 'CALL_OPEN';
        $('proposal-title').textContent = proposal.title;
        $('proposal-title').tabIndex = -1;
        $('proposal-status').textContent = t('proposalStatus', t(`status.${proposal.status}`), name(proposal.proposedBy));
        $('blocking').textContent = proposal.blocking === 0 ? t('blockingNone')
                : proposal.blocking === 1 ? t('blockingOne') : t('blockingMany', proposal.blocking);
        $('blocking').classList.toggle('blocked', proposal.blocking > 0);
        $('tallies').tBodies[0].replaceChildren(...proposal.tallies.map((tally) => element('tr', {},
                element('th', { scope: 'row', textContent: t(`group.${tally.stakeholderGroup}`) }),
                ...[tally.support, tally.standAsides, tally.concerns, tally.objections]
                        .map((count) => element('td', { className: 'number', textContent: String(count) })))));
        $('text-h').textContent = t('textVersion', proposal.textVersion);
        $('proposal-text').textContent = proposal.text;
        if (!$('revise-box').open) {
            $('revise-text').value = proposal.text;
        }
        $('revise-box').hidden = !open;
        $('declare').hidden = !open;
        $('outcome-recorded').hidden = open;
        $('outcome-recorded').textContent = proposal.outcome ? t('outcomeRecorded', t(`outcome.${proposal.outcome}`))
                : t(`status.${proposal.status}`);
        for (const form of ['revise', 'declare']) {
            const span = $(form).querySelector('[data-place]');
            span.dataset.place = `${form}:${proposal.proposalId}`;
            fill(span);
        }
        renderMembers(open);
        renderConcerns();
        renderObjections(open);
    }

    const KINDS = [
        { kind: 'support', key: 's', path: '/support' },
        { kind: 'standAside', key: 'a', path: '/stand-asides', field: 'reason' },
        { kind: 'concern', key: 'c', path: '/concerns', field: 'text' },
        { kind: 'objection', key: 'o', path: '/objections', field: 'grounds' },
    ];

    function renderMembers(open) {
        const positions = state.proposal.positions || {};
        $('members').tBodies[0].replaceChildren(...members().map((member, index) => {
            const buttons = KINDS.map((kind) => {
                const button = element('button', { type: 'button', textContent: t(`kind.${kind.kind}`),
                                                   disabled: !open });
                button.setAttribute('aria-label', t(`kindFor.${kind.kind}`, member.name));
                button.addEventListener('click', () => {
                    state.selected = index;
                    contribute(kind);
                });
                return button;
            });
            const position = positions[member.organisationId];
            const row = element('tr', { tabIndex: -1 },
                    element('td', { textContent: index < 9 ? String(index + 1) : '' }),
                    element('th', { scope: 'row',
                                    textContent: member.name + (member.coChair ? ` (${t('coChair')})` : '') }),
                    element('td', { textContent: t(`group.${member.stakeholderGroup}`) }),
                    element('td', { textContent: position ? t(`position.${position}`) : '' }),
                    element('td', { className: 'record' }, ...buttons,
                            resultSpan(`member:${state.proposalId}:${member.organisationId}`)));
            row.dataset.organisation = member.organisationId;
            row.classList.toggle('selected', index === state.selected);
            return row;
        }));
    }

    function renderConcerns() {
        const concerns = state.proposal.concerns;
        $('concerns-none').hidden = concerns.length > 0;
        $('concerns').replaceChildren(...concerns.map((concern) => element('li', {},
                element('strong', { textContent: `${name(concern.organisationId)}: ` }), concern.text,
                element('span', { className: 'note', textContent: ` (${t('onVersion', concern.version)})` }))));
    }

    /**
     * Objections, each with its disposition or the form to record one. An objection whose standing has not changed
     * keeps its element, so a disposition being typed survives the screen being redrawn after another action.
     */
    function renderObjections(open) {
        const objections = state.proposal.objections;
        $('objections-none').hidden = objections.length > 0;
        $('objections').replaceChildren(...objections.map((objection) => {
            const signature = JSON.stringify([objection.disposition, objection.reasons, objection.withdrawn, open,
                                              name(objection.organisationId)]);
            const kept = objectionElements.get(objection.objectionId);
            if (kept && kept.signature === signature) {
                const version = kept.item.querySelector('input[type=number]');
                if (version && !version.dataset.edited) {
                    version.value = String(state.proposal.textVersion);
                }
                return kept.item;
            }
            const item = element('li', {},
                    element('strong', { textContent: `${name(objection.organisationId)}: ` }), objection.grounds,
                    element('span', { className: 'note', textContent: ` (${t('onVersion', objection.version)})` }));
            item.dataset.objection = objection.objectionId;
            if (objection.withdrawn) {
                item.append(element('p', { textContent: t('withdrawn') }));
            } else if (objection.disposition) {
                item.append(element('p', { className: 'disposition',
                                           textContent: t(`disposition.${objection.disposition}`)
                                                   + (objection.reasons ? ` — ${objection.reasons}` : '') }));
            } else if (open) {
                item.append(dispositionForm(objection));
            }
            objectionElements.set(objection.objectionId, { signature, item });
            return item;
        }));
    }

    function dispositionForm(objection) {
        const id = objection.objectionId;
        const form = element('form', { className: 'disposition' });
        const legend = element('legend', { textContent: t('dispositionFor', name(objection.organisationId)) });
        const radio = (value) => {
            const input = element('input', { type: 'radio', name: `disposition-${id}`, value,
                                             id: `disposition-${id}-${value}`, required: true });
            return element('label', { htmlFor: input.id }, input, ` ${t(`disposition.${value}`)}`);
        };
        // The latest version is the likely one; the ledger refuses one that is not later than the objection's.
        const versionInput = element('input', { type: 'number', id: `accommodating-${id}`, min: '1',
                                                value: String(state.proposal.textVersion) });
        versionInput.addEventListener('input', () => { versionInput.dataset.edited = 'yes'; });
        const reasons = element('textarea', { id: `reasons-${id}`, rows: 2 });
        const place = `objection:${id}`;
        form.append(element('fieldset', {}, legend, radio('ACCOMMODATED'), ' ', radio('NOT_ACCOMMODATED')),
                    element('label', { htmlFor: versionInput.id, textContent: t('accommodatingVersion') }), versionInput,
                    element('label', { htmlFor: reasons.id, textContent: t('reasons') }), reasons,
                    element('p', {}, element('button', { type: 'submit', textContent: t('saveDisposition') }), ' ',
                            resultSpan(place)));
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const chosen = form.querySelector('input[type=radio]:checked');
            if (!chosen) {
                return;
            }
            const accommodated = chosen.value === 'ACCOMMODATED';
            act(t('dispositionOf', name(objection.organisationId)), 'POST',
                proposalUrl(`/objections/${encodeURIComponent(id)}/disposition`),
                { disposition: chosen.value, accommodatingVersion: accommodated ? Number(versionInput.value) : null,
                  reasons: reasons.value || null, meetingId }, proposalTarget(), place);
        });
        return form;
    }

    // ---- contributions and shortcuts -----------------------------------------------------------------------------

    function contribute(kind) {
        const member = members()[state.selected];
        if (!member || !state.proposal) {
            return;
        }
        renderSelection();
        const place = `member:${state.proposalId}:${member.organisationId}`;
        if (!kind.field) {
            act(t(`kindFor.${kind.kind}`, member.name), 'POST', proposalUrl(kind.path),
                { organisationId: member.organisationId, meetingId }, proposalTarget(), place);
            return;
        }
        state.contribution = { kind, member, place };
        $('contribution-label').textContent = t(`prompt.${kind.kind}`, member.name);
        $('contribution-text').value = '';
        $('contribution').hidden = false;
        $('contribution-text').focus();
    }

    function renderSelection() {
        Array.from($('members').tBodies[0].rows).forEach((row, index) => {
            row.classList.toggle('selected', index === state.selected);
        });
    }

    $('contribution').addEventListener('submit', (event) => {
        event.preventDefault();
        const pending = state.contribution;
        const text = $('contribution-text').value.trim();
        if (!pending || !text) {
            return;
        }
        act(t(`kindFor.${pending.kind.kind}`, pending.member.name), 'POST', proposalUrl(pending.kind.path),
            { organisationId: pending.member.organisationId, [pending.kind.field]: text, meetingId }, proposalTarget(),
            pending.place);
        closeContribution();
    });
    $('contribution-cancel').addEventListener('click', closeContribution);
    $('contribution-text').addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            $('contribution').requestSubmit();
        }
    });

    function closeContribution() {
        state.contribution = null;
        $('contribution').hidden = true;
        const row = $('members').tBodies[0].rows[state.selected];
        if (row) {
            row.focus();
        }
    }

    document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && state.contribution) {
            closeContribution();
            return;
        }
        const typing = event.target.closest('input, textarea, select, dialog');
        if (typing || event.ctrlKey || event.metaKey || event.altKey || !state.proposal || $('proposal').hidden) {
            return;
        }
        const count = members().length;
        const key = event.key.toLowerCase();
        if (/^[1-9]$/.test(key) && Number(key) <= count) {
            state.selected = Number(key) - 1;
        } else if ((key === 'j' || key === 'arrowdown') && count > 0) {
            state.selected = (state.selected + 1) % count;
        } else if ((key === 'k' || key === 'arrowup') && count > 0) {
            state.selected = (state.selected - 1 + count) % count;
        } else {
            const kind = KINDS.find((candidate) => candidate.key === key);
            if (!kind || state.proposal.status === 'DECIDED') {
                return;
            }
            event.preventDefault();
            contribute(kind);
            return;
        }
        event.preventDefault();
        renderSelection();
        $('members').tBodies[0].rows[state.selected].focus();
    });

    // ---- the other actions ---------------------------------------------------------------------------------------

    $('open-meeting').addEventListener('click', () => {
        act(t('openMeeting'), 'POST', `/api/meetings/${encodeURIComponent(meetingId)}/opening`, {}, meetingTarget,
            'meeting');
    });

    $('close-meeting').addEventListener('click', () => {
        if (window.confirm(t('closeConfirm'))) {
            const action = act(t('closeMeeting'), 'POST', `/api/meetings/${encodeURIComponent(meetingId)}/closing`, {},
                               meetingTarget, 'meeting');
            action.saved = () => setTimeout(() => $('checkpoint-h').scrollIntoView(), 0);
        }
    });

    $('new-proposal').addEventListener('submit', (event) => {
        event.preventDefault();
        const form = event.target;
        const title = $('new-proposal-title').value.trim();
        const action = act(t('submitProposal', title), 'POST', '/api/proposals',
                           { bodyId, proposedBy: $('new-proposal-by').value, title,
                             text: $('new-proposal-text').value, meetingId }, null, 'new-proposal');
        action.saved = (response, recorded) => {
            state.agenda.push({ proposalId: recorded.id, title, status: 'OPEN', local: true });
            form.reset();
            $('new-proposal-box').open = false;
            state.proposalId = recorded.id;
        };
    });

    $('revise').addEventListener('submit', (event) => {
        event.preventDefault();
        act(t('revise'), 'POST', proposalUrl('/revisions'),
            { text: $('revise-text').value, summary: $('revise-summary').value || null, meetingId }, proposalTarget(),
            `revise:${state.proposalId}`).saved = () => {
            $('revise-box').open = false;
            $('revise-summary').value = '';
        };
    });

    $('declare').addEventListener('submit', (event) => {
        event.preventDefault();
        const proposal = state.proposal;
        const outcome = $('outcome').value;
        $('confirm-what').textContent = t('confirmWhat', t(`outcome.${outcome}`), proposal.textVersion, proposal.title);
        const blocking = outcome === 'ROUGH_CONSENSUS' && proposal.blocking > 0;
        $('confirm-blocking').hidden = !blocking;
        $('confirm-blocking').textContent = blocking ? $('blocking').textContent : '';
        const dissent = outcome === 'ROUGH_CONSENSUS' ? proposal.dissent : [];
        $('confirm-dissent').replaceChildren(
                element('p', { textContent: dissent.length === 0 ? t('dissentNone') : t('dissentTitle') }),
                element('ul', {}, ...dissent.map((d) => element('li', {},
                        element('strong', { textContent: `${name(d.organisationId)}: ` }), d.grounds,
                        element('p', { textContent: t('dissentReasons', d.reasons) })))));
        $('confirm').returnValue = '';
        $('confirm').showModal();
    });

    $('confirm').addEventListener('close', () => {
        if ($('confirm').returnValue !== 'confirm') {
            return;
        }
        const outcome = $('outcome').value;
        act(t('declare', t(`outcome.${outcome}`)), 'POST', proposalUrl('/outcome'),
            { outcome, rationale: $('rationale').value, meetingId }, proposalTarget(),
            `declare:${state.proposalId}`).saved = () => { $('rationale').value = ''; };
    });

    // What another co-chair records arrives as a 'ledger:changed' event (live.js, from the command side's stream):
    // the screen reads the state again; nothing typed is lost, as render() keeps open forms.
    let refreshing = null;
    document.addEventListener('ledger:changed', () => {
        if (refreshing === null) {
            refreshing = refresh().finally(() => { refreshing = null; });
        }
    });

    window.addEventListener('beforeunload', (event) => {
        if (queue.length > 0) {
            event.preventDefault();
            event.returnValue = '';
        }
    });

    refresh();
})();
