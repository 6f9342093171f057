/*
 * The meeting screen of the co-chairs' console. It reads the meeting, its body, the agenda and the proposal on screen
 * from the command API, and records every action through it on the signed-in session (CSRF token in a header).
 *
 * Nothing is lost: each action gets an Idempotency-Key when it is made and keeps it through every retry, so a request
 * whose answer was lost is answered again by the ledger instead of being recorded twice; network failures and server
 * errors are retried with growing pauses until the ledger answers, and the activity list shows each action as
 * pending, retrying, saved or rejected.
 *
 * Several co-chairs record at once. Only a decision says which version of the proposal it was decided on (If-Match):
 * a disposition, a revision, a declaration. Contributions and attendance name a member, not a state of the proposal,
 * so they go without it and never conflict with each other. When the ledger refuses a decision because the proposal
 * moved on, the screen reads it again and compares: if only what the decision does not rest on changed (another
 * member's support, say), the decision is sent again on the fresh version; otherwise the screen says in words what
 * changed, shows the fresh state and keeps what the co-chair entered.
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
        // {kind, member, place, attend} while the text of a stand-aside, concern or objection is typed
        contribution: null,
    };
    const queue = [];
    const results = {};
    // The disposition form of each objection, kept across redraws so that what is typed in it survives them.
    const drafts = new Map();
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
            state.versions[meetingTarget] = meeting.version;
        }
        if (body && body.ok) {
            state.body = body.body;
        }
        if (agenda && agenda.ok) {
            // A proposal submitted here a moment ago may not be listed yet: keep it.
            const listed = new Set(agenda.body.map((item) => item.proposalId));
            state.agenda = agenda.body.concat(state.agenda.filter((item) => item.local
                                                                            && !listed.has(item.proposalId)));
        }
        if (state.proposalId) {
            const proposal = await get(proposalUrl());
            if (proposal && proposal.ok) {
                state.proposal = proposal.body;
                state.versions[proposalTarget()] = proposal.version;
            }
        }
        render();
    }

    // ---- recording -----------------------------------------------------------------------------------------------

    /**
     * Queues an action: {label, url, body, target, place, decidedOn}. {@code target} is the aggregate it changes (null
     * for a new proposal); {@code place} names where on screen its outcome is shown, next to the control that made it.
     * A decision has {@code decidedOn}, which says which changes of the proposal (see differences()) it rests on; it
     * names the version on screen plus the actions on the same target queued before it (each records one event), and
     * keeps the state it was decided on to compare with, should the ledger refuse it. Actions run one at a time, in
     * the order made.
     */
    function act(action) {
        const ahead = queue.filter((queued) => queued.target === action.target && action.target !== null).length;
        Object.assign(action, {
            key: newKey(), item: document.createElement('li'), seen: state.proposal,
            // Nothing on screen yet to be decided on (its state never loaded): no version to name.
            expected: action.decidedOn && state.versions[action.target] !== undefined
                    ? state.versions[action.target] + ahead : null,
        });
        $('activity').append(action.item);
        $('activity').scrollTop = $('activity').scrollHeight;
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
        for (let attempt = 1; ; attempt++) {
            const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json',
                              'X-CSRF-Token': csrf, 'Idempotency-Key': action.key };
            if (action.expected !== null) {
                headers['If-Match'] = `"${action.expected}"`;
            }
            let response;
            try {
                response = await fetch(action.url, { method: 'POST', headers, credentials: 'same-origin',
                                                     body: JSON.stringify(action.body || {}) });
            } catch (networkFailure) {
                await retry(action, attempt);
                continue;
            }
            const problem = await response.json().catch(() => null);
            const type = (problem && problem.type) || '';
            if (response.status >= 500 || type.endsWith('idempotency-key-in-progress')) {
                await retry(action, attempt, type);
                continue;
            }
            if (type.endsWith('concurrent-change')) {
                // Two commands on one proposal at the same instant: nothing was recorded, and the refusal is kept
                // under this key, so the same request goes again under a new one.
                action.key = newKey();
                await retry(action, attempt);
                continue;
            }
            if (response.status === 401) {
                show(action, 'rejected', t('signedOut'));
                window.location.assign('/console/sign-in');
                return;
            }
            if (response.ok) {
                saved(action, response, problem);
                return;
            }
            // A decision refused as stale (412), or by a rule (409; the ledger checks its rules before the version,
            // so a disposition given meanwhile by another co-chair is refused so): what changed since it was made?
            const stale = response.status === 412;
            if (action.decidedOn && (stale || type.endsWith('rule-violated'))) {
                const fresh = await get(action.url.replace(/^(\/api\/proposals\/[^/]+).*$/, '$1'));
                const changes = fresh && fresh.ok ? differences(action.seen, fresh.body).filter(action.decidedOn) : [];
                if (changes.length > 0) {
                    conflict(action, changes.map((change) => change.text).join(' '));
                    return;
                }
                if (stale && fresh && fresh.ok && attempt < 5) {
                    // What the decision rests on is as the co-chair saw it; only other things changed. It is sent
                    // again on the fresh version, as a new request (the refused one keeps its key and its answer).
                    action.expected = fresh.version;
                    action.key = newKey();
                    continue;
                }
            }
            const fields = problem && Array.isArray(problem.errors)
                    ? problem.errors.map((error) => `${error.field}: ${error.message}`).join('; ') : '';
            show(action, 'rejected', [words((problem && (problem.detail || problem.title))
                                            || t('rejectedUnknown', response.status)), fields].filter(Boolean)
                    .join(' '));
            return;
        }
    }

    async function retry(action, attempt, type) {
        // A full disk: nothing was recorded, and the ledger takes it again by itself once space is freed.
        show(action, 'retrying', t((type || '').endsWith('storage-unavailable') ? 'storageUnavailable' : 'retrying',
                                   attempt));
        await pause(attempt);
    }

    function saved(action, response, recorded) {
        // Only when nothing but this action happened since the version on screen does the screen's version move on:
        // a decision made on this screen must not claim a version whose changes it has not shown.
        const now = version(response);
        if (action.target !== null && now === state.versions[action.target] + 1) {
            state.versions[action.target] = now;
        }
        show(action, 'saved', t('saved'));
        if (action.saved) {
            action.saved(response, recorded);
        }
    }

    /**
     * Another co-chair changed what a decision rests on: say what changed, in words, next to the control and at the
     * foot of the window; the fresh state follows when the queue is done. Focus and scrolling stay where they are, and
     * what the co-chair entered stays in its form.
     */
    function conflict(action, message) {
        show(action, 'conflict', t('notRecorded', message));
        $('conflict-text').textContent = t('conflict', action.label, message);
        $('conflict').hidden = false;
    }

    $('conflict-close').addEventListener('click', () => { $('conflict').hidden = true; });

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
    const meetingUrl = (path = '') => `/api/meetings/${encodeURIComponent(meetingId)}${path}`;

    // ---- words ---------------------------------------------------------------------------------------------------

    /**
     * What changed between two states of a proposal, in words, each with the key of what it is about ("status",
     * "text", "call", "objection:<id>", "position:<organisation>", "concern"): a decision rests on some of them.
     */
    function differences(before, after) {
        const changes = [];
        const add = (key, text) => changes.push({ key, text });
        if (!before) {
            return changes;
        }
        if (after.status !== before.status) {
            add('status', t('changed.status', after.outcome ? t(`outcome.${after.outcome}`)
                    : t(`status.${after.status}`)));
        }
        if (after.textVersion !== before.textVersion) {
            add('text', t('changed.text', after.textVersion));
        }
        if (after.callDeadline !== before.callDeadline) {
            add('call', t('changed.call'));
        }
        for (const objection of after.objections) {
            const was = before.objections.find((o) => o.objectionId === objection.objectionId);
            const key = `objection:${objection.objectionId}`;
            const who = name(objection.organisationId);
            if (!was) {
                add(key, t('changed.objection', who));
            } else if (objection.withdrawn && !was.withdrawn) {
                add(key, t('changed.withdrawn', who));
            } else if (objection.disposition !== was.disposition || objection.reasons !== was.reasons) {
                add(key, t('changed.disposition', who, t(`disposition.${objection.disposition}`).toLowerCase(),
                           name(objection.addressedBy)));
            }
        }
        for (const [organisation, position] of Object.entries(after.positions)) {
            if (before.positions[organisation] !== position) {
                add(`position:${organisation}`, t('changed.position', name(organisation), t(`position.${position}`)));
            }
        }
        after.concerns.slice(before.concerns.length).forEach((concern) => {
            add('concern', t('changed.concern', name(concern.organisationId)));
        });
        return changes;
    }

    /**
     * A refusal's detail as the room says it: the ids the ledger may quote are replaced by the names on screen (the
     * members', the objections' by whom they were raised, the proposals' and the meeting's titles).
     */
    function words(detail) {
        if (!detail) {
            return detail;
        }
        const known = members().map((m) => [m.organisationId, m.name, 'organisation']);
        if (state.proposal) {
            state.proposal.objections.forEach((o) => known.push([o.objectionId,
                                                                 t('objectionOf', name(o.organisationId)),
                                                                 'objection']));
        }
        state.agenda.forEach((item) => known.push([item.proposalId, `"${item.title}"`, 'proposal']));
        if (state.meeting) {
            known.push([meetingId, `"${state.meeting.title}"`, 'meeting']);
        }
        if (state.body) {
            known.push([bodyId, `"${state.body.name}"`, 'body']);
        }
        const said = known.reduce((text, [id, named, kind]) => text.replace(
                new RegExp(`(\\b${kind} )?${id.replace(/[^\w-]/g, '\\$&')}`, 'gi'),
                // "Organisation <id>" and "objection <id>" become the name alone; "proposal <id>", "proposal <title>".
                (match, noun) => (noun && kind !== 'organisation' && kind !== 'objection' ? noun : '') + named),
                detail);
        return said.charAt(0).toUpperCase() + said.slice(1);
    }

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

    /** Names joined as a sentence says them: "A", "A and B", "A, B and C". */
    function list(names) {
        return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${t('and')} ${names.at(-1)}`;
    }

    const meetingOpen = () => Boolean(state.meeting) && state.meeting.status === 'OPEN';
    const attending = (member) => Boolean(state.meeting && state.meeting.attendance[member.organisationId]);

    /**
     * Redraws from the state. The element that had the focus gets it back (found again by its id where it was
     * redrawn), without scrolling: a redraw after another co-chair's action must not move the co-chair's place.
     */
    function render() {
        const focused = document.activeElement;
        renderMeeting();
        renderAttendance();
        renderAgenda();
        renderProposal();
        if (focused && focused !== document.body && document.activeElement === document.body) {
            const again = focused.isConnected ? focused : focused.id && $(focused.id);
            if (again) {
                again.focus({ preventScroll: true });
            }
        }
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

    /**
     * A box per member: ticking records its attendance (in the mode chosen above the list); unticking it, or switching
     * it between in person and remote, corrects the attendance recorded, with a reason (the record before stays).
     */
    function renderAttendance() {
        const status = state.meeting && state.meeting.status;
        $('attendance').replaceChildren(...members().map((member) => {
            const id = `attended-${member.organisationId}`;
            const place = `attendance:${member.organisationId}`;
            const recorded = attending(member) && state.meeting.attendance[member.organisationId];
            // A recorded attendance can be corrected after the meeting closed; a new one is recorded while it is open.
            const box = element('input', { type: 'checkbox', id, checked: Boolean(recorded),
                                            disabled: recorded ? status !== 'OPEN' && status !== 'CLOSED'
                                                    : status !== 'OPEN' });
            box.addEventListener('change', () => {
                if (box.checked) {
                    attend(member);
                } else if (!correctAttendance(member, null)) {
                    box.checked = true;
                }
            });
            const parts = [box, ' ', element('label', { htmlFor: id, textContent: member.name })];
            if (recorded) {
                const other = recorded === 'IN_PERSON' ? 'REMOTE' : 'IN_PERSON';
                const change = element('button', { type: 'button', id: `switch-${member.organisationId}`,
                                                   className: 'small', textContent: t(`switchTo.${other}`),
                                                   disabled: box.disabled });
                change.setAttribute('aria-label', t(`switchToFor.${other}`, member.name));
                change.addEventListener('click', () => correctAttendance(member, other));
                parts.push(element('span', { className: 'note', textContent: ` ${t(`attendance.${recorded}`)} ` }),
                           change);
            }
            return element('li', {}, ...parts, ' ', resultSpan(place));
        }));
    }

    function attend(member) {
        act({ label: t('attendanceOf', member.name), url: meetingUrl('/attendance'),
              body: { organisationId: member.organisationId, mode: $('attendance-mode').value },
              target: meetingTarget, place: `attendance:${member.organisationId}` });
    }

    /** Corrects a recorded attendance to another mode, or to none; false when the co-chair gave no reason. */
    function correctAttendance(member, mode) {
        const reason = window.prompt(t(mode ? 'switchReason' : 'absentReason', member.name),
                                     t(mode ? `switchDefault.${mode}` : 'absentDefault'));
        if (!reason || !reason.trim()) {
            return false;
        }
        act({ label: t('attendanceCorrected', member.name),
              url: meetingUrl(`/attendance/${encodeURIComponent(member.organisationId)}/correction`),
              body: mode ? { mode, reason: reason.trim() } : { reason: reason.trim() },
              target: meetingTarget, place: `attendance:${member.organisationId}` });
        return true;
    }

    function renderAgenda() {
        $('agenda-empty').hidden = state.agenda.length > 0;
        $('agenda').replaceChildren(...state.agenda.map((item) => {
            const button = element('button', { type: 'button', id: `agenda-${item.proposalId}`,
                                               textContent: item.title });
            if (item.proposalId === state.proposalId) {
                button.setAttribute('aria-current', 'true');
            }
            button.addEventListener('click', () => select(item.proposalId));
            // Its page: consensus calls, withdrawal, reopening, appeals, corrections (the chairing screens).
            const page = element('a', { href: `/console/proposals/${encodeURIComponent(item.proposalId)}`,
                                        textContent: t('proposalPage'),
                                        ariaLabel: t('proposalPageOf', item.title) });
            return element('li', {}, button, ' ', element('span', { className: 'note',
                                                                     textContent: t(`status.${item.status}`) }),
                           ' ', page);
        }));
        // "Proposed by" has no default: a proposal is put in a member's name only when the co-chair chose it.
        const by = $('new-proposal-by');
        if (by.options.length !== members().length + 1) {
            const chosen = by.value;
            by.replaceChildren(by.options[0], ...members().map((member) => element('option', {
                value: member.organisationId, textContent: member.name })));
            by.value = chosen;
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
        document.querySelectorAll('.for-proposal').forEach((section) => { section.hidden = !proposal; });
        $('main').classList.toggle('has-proposal', Boolean(proposal));
        if (!proposal) {
            return;
        }
        const open = proposal.status === 'OPEN' || proposal.status === 'CALL_OPEN';
        $('proposal-title').textContent = proposal.title;
        $('proposal-title').tabIndex = -1;
        $('proposal-status').textContent = t('proposalStatus', t(`status.${proposal.status}`),
                                             name(proposal.proposedBy));
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
        renderDeclaration(open);
    }

    const KINDS = [
        { kind: 'support', key: 's', path: '/support' },
        { kind: 'standAside', key: 'a', path: '/stand-asides', field: 'reason' },
        { kind: 'concern', key: 'c', path: '/concerns', field: 'text' },
        { kind: 'objection', key: 'o', path: '/objections', field: 'grounds' },
    ];

    function renderMembers(open) {
        const proposal = state.proposal;
        const positions = proposal.positions || {};
        const on = proposal.positionVersions || {};
        $('members').tBodies[0].replaceChildren(...members().map((member, index) => {
            const organisation = member.organisationId;
            const buttons = KINDS.map((kind) => {
                const button = element('button', { type: 'button', id: `${kind.kind}-${organisation}`,
                                                   textContent: t(`kind.${kind.kind}`),
                                                   disabled: !open || !meetingOpen() });
                button.setAttribute('aria-label', t(`kindFor.${kind.kind}`, member.name));
                button.addEventListener('click', () => {
                    state.selected = index;
                    contribute(kind);
                });
                return button;
            });
            const position = positions[organisation];
            // A position given on an earlier text is the member's still, but not on what is before the room now.
            const earlier = position && on[organisation] < proposal.textVersion
                    ? ` (${t('onVersion', on[organisation])})` : '';
            const row = element('tr', { tabIndex: -1, id: `member-${organisation}` },
                    element('td', { textContent: index < 9 ? String(index + 1) : '' }),
                    element('th', { scope: 'row' }, member.name, ' ', element('span', {
                        className: 'note small',
                        textContent: [t(`group.${member.stakeholderGroup}`), member.coChair ? t('coChair') : '',
                                      meetingOpen() && !attending(member) ? t('absent') : '']
                                .filter(Boolean).join(' · ') })),
                    element('td', { textContent: position ? t(`position.${position}`) + earlier : '' }),
                    element('td', { className: 'record' }, element('span', { className: 'kinds' }, ...buttons),
                            resultSpan(`member:${state.proposalId}:${organisation}`)));
            row.dataset.organisation = organisation;
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

    /** Objections, each with its disposition, or the form to record one (kept across redraws, see drafts). */
    function renderObjections(open) {
        const objections = state.proposal.objections;
        $('objections-none').hidden = objections.length > 0;
        $('objections').replaceChildren(...objections.map((objection) => {
            const item = element('li', {},
                    element('strong', { textContent: `${name(objection.organisationId)}: ` }), objection.grounds,
                    element('span', { className: 'note', textContent: ` (${t('onVersion', objection.version)})` }));
            item.dataset.objection = objection.objectionId;
            if (objection.withdrawn) {
                item.append(element('p', { textContent: t('withdrawn') }));
            } else if (objection.disposition) {
                const by = objection.addressedBy ? ` (${t('givenBy', name(objection.addressedBy))})` : '';
                item.append(element('p', { className: 'disposition',
                                           textContent: t(`disposition.${objection.disposition}`)
                                                   + (objection.reasons ? ` — ${objection.reasons}` : '') + by }));
            }
            const form = dispositionForm(objection, open);
            if (form) {
                item.append(form);
            }
            return item;
        }));
    }

    /**
     * The disposition form of an objection: while it has none, and afterwards for as long as it holds what the
     * co-chair entered in it (another co-chair gave a disposition first): then it cannot be sent, and says why.
     */
    function dispositionForm(objection, open) {
        const id = objection.objectionId;
        let form = drafts.get(id);
        const blocks = open && !objection.withdrawn && !objection.disposition;
        if (!blocks && !(form && form.dataset.touched)) {
            drafts.delete(id);
            return null;
        }
        if (!form) {
            form = newDispositionForm(objection);
            drafts.set(id, form);
        }
        // The ledger takes only a version later than the objection's that exists: the latest if there is one, else
        // accommodation waits for a revision.
        const proposal = state.proposal;
        const later = proposal.textVersion > objection.version;
        const number = form.querySelector('input[type=number]');
        Object.assign(number, { min: String(objection.version + 1), max: String(proposal.textVersion),
                                disabled: !later });
        if (!number.dataset.edited) {
            number.value = later ? String(proposal.textVersion) : '';
        }
        const accommodated = form.querySelector('input[value=ACCOMMODATED]');
        accommodated.disabled = !later;
        if (!later && accommodated.checked) {
            accommodated.checked = false;
        }
        form.querySelector('.needs-revision').hidden = later;
        form.querySelector('button[type=submit]').disabled = !blocks;
        form.querySelector('.kept').hidden = blocks;
        return form;
    }

    function newDispositionForm(objection) {
        const id = objection.objectionId;
        const objector = name(objection.organisationId);
        const form = element('form', { className: 'disposition' });
        form.dataset.objection = id;
        const radio = (value) => element('input', { type: 'radio', name: `disposition-${id}`, value,
                                                    id: `disposition-${id}-${value}`, required: true });
        // A choice and its words stay together on a line.
        const choice = (input) => element('label', { htmlFor: input.id }, input,
                                          ` ${t(`disposition.${input.value}`)}`);
        const accommodated = radio('ACCOMMODATED');
        const notAccommodated = radio('NOT_ACCOMMODATED');
        const number = element('input', { type: 'number', id: `accommodating-${id}` });
        const reasons = element('textarea', { id: `reasons-${id}`, rows: 1 });
        const place = `objection:${id}`;
        form.append(
                element('fieldset', {}, element('legend', { className: 'visually-hidden',
                                                            textContent: t('dispositionFor', objector) }),
                        choice(accommodated),
                        element('label', { htmlFor: number.id, textContent: t('byVersion') }), number,
                        element('span', { className: 'note small needs-revision',
                                          textContent: t('needsRevision', objection.version) }),
                        choice(notAccommodated)),
                element('span', { className: 'reasons' },
                        element('label', { htmlFor: reasons.id, textContent: t('reasons') }), reasons),
                element('button', { type: 'submit', textContent: t('saveDisposition') }),
                element('p', { className: 'kept note' }, t('kept'), ' ',
                        element('button', { type: 'button', className: 'discard', textContent: t('discard') })),
                resultSpan(place));
        // Which of the fields the ledger needs follows the choice; the browser says so before anything is sent.
        form.addEventListener('change', () => {
            form.dataset.touched = 'yes';
            number.required = accommodated.checked;
            reasons.required = notAccommodated.checked;
        });
        form.addEventListener('input', (event) => {
            form.dataset.touched = 'yes';
            if (event.target === number) {
                number.dataset.edited = 'yes';
            }
        });
        reasons.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.requestSubmit();
            }
        });
        form.querySelector('.discard').addEventListener('click', () => {
            drafts.delete(id);
            form.remove();
        });
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const chosen = form.querySelector('input[type=radio]:checked');
            if (!chosen) {
                return;
            }
            const isAccommodated = chosen.value === 'ACCOMMODATED';
            act({ label: t('dispositionOf', objector),
                  url: proposalUrl(`/objections/${encodeURIComponent(id)}/disposition`),
                  body: { disposition: chosen.value, accommodatingVersion: isAccommodated ? Number(number.value) : null,
                          reasons: reasons.value || null, meetingId },
                  target: proposalTarget(), place,
                  decidedOn: (change) => ['status', 'text', `objection:${id}`].includes(change.key),
                  saved: () => drafts.delete(id) });
        });
        return form;
    }

    /**
     * The declaration cannot be sent while something blocks it; the button says why instead of leaving the co-chair
     * to find out from a refusal. Objections block rough consensus only; a consensus call and a meeting that is not
     * open block every outcome.
     */
    function blocked() {
        const proposal = state.proposal;
        if (!meetingOpen()) {
            return t('declareNeedsMeeting');
        }
        if (proposal.callDeadline && new Date(proposal.callDeadline) > new Date()) {
            // In the page's language (<html lang>), in UTC as every time the console shows.
            const deadline = new Date(proposal.callDeadline).toLocaleString(document.documentElement.lang || undefined,
                    {dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC'});
            return t('declareAfterCall', deadline + ' UTC');
        }
        const objectors = proposal.objections.filter((o) => !o.withdrawn && !o.disposition)
                .map((o) => name(o.organisationId));
        if ($('outcome').value === 'ROUGH_CONSENSUS' && objectors.length > 0) {
            return t(objectors.length === 1 ? 'declareBlocked.one' : 'declareBlocked.many', list(objectors));
        }
        return '';
    }

    function renderDeclaration(open) {
        const reason = open ? blocked() : '';
        $('declare-submit').disabled = Boolean(reason);
        $('declare-blocked').textContent = reason;
        $('declare-blocked').hidden = !reason;
        if ($('confirm').open) {
            confirming(false);
        }
    }

    $('outcome').addEventListener('change', () => state.proposal && renderDeclaration(true));

    // ---- contributions and shortcuts -----------------------------------------------------------------------------

    /**
     * Records a position of the chosen member. A position taken in a meeting needs the member's attendance: for a
     * member not recorded as attending, the co-chair is asked first, and its attendance is recorded before it.
     */
    function contribute(kind) {
        const member = members()[state.selected];
        if (!member || !state.proposal || !meetingOpen()) {
            return;
        }
        renderSelection();
        const mode = $('attendance-mode').value;
        const attend = !attending(member);
        if (attend && !window.confirm(t('notAttending', member.name, t(`attendance.${mode}`)))) {
            return;
        }
        const place = `member:${state.proposalId}:${member.organisationId}`;
        if (!kind.field) {
            record({ kind, member, place, attend });
            return;
        }
        state.contribution = { kind, member, place, attend };
        $('contribution-label').textContent = t(`prompt.${kind.kind}`, member.name);
        $('contribution-text').value = '';
        $('contribution').hidden = false;
        $('contribution-text').focus();
    }

    function record(pending, text) {
        const { kind, member, place } = pending;
        if (pending.attend) {
            attend(member);
        }
        const body = { organisationId: member.organisationId, meetingId };
        if (kind.field) {
            body[kind.field] = text;
        }
        act({ label: t(`kindFor.${kind.kind}`, member.name), url: proposalUrl(kind.path), body,
              target: proposalTarget(), place });
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
        record(pending, text);
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

    /** D: the next objection without a disposition, its first choice focused (the arrow keys change it). */
    function nextDisposition() {
        const forms = Array.from(document.querySelectorAll('#objections form.disposition'))
                .filter((form) => !form.querySelector('button[type=submit]').disabled);
        if (forms.length === 0) {
            return;
        }
        const current = forms.findIndex((form) => form.contains(document.activeElement));
        const form = forms[(current + 1) % forms.length];
        const choice = form.querySelector('input[type=radio]:checked')
                || form.querySelector('input[type=radio]:enabled');
        choice.focus();
        choice.scrollIntoView({ block: 'nearest' });
    }

    document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && state.contribution) {
            closeContribution();
            return;
        }
        // Letters are typed into text fields; a radio button or a check box takes none, so the shortcuts work there.
        const typing = event.target.closest('input:not([type=radio]):not([type=checkbox]), textarea, select, dialog');
        if (typing || event.ctrlKey || event.metaKey || event.altKey || !state.proposal || $('decide').hidden) {
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
        } else if (key === 'd') {
            event.preventDefault();
            nextDisposition();
            return;
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
        act({ label: t('openMeeting'), url: meetingUrl('/opening'), target: meetingTarget, place: 'meeting' });
    });

    $('close-meeting').addEventListener('click', () => {
        if (window.confirm(t('closeConfirm'))) {
            act({ label: t('closeMeeting'), url: meetingUrl('/closing'), target: meetingTarget, place: 'meeting',
                  saved: () => setTimeout(() => $('checkpoint-h').scrollIntoView(), 0) });
        }
    });

    $('new-proposal').addEventListener('submit', (event) => {
        event.preventDefault();
        const form = event.target;
        const title = $('new-proposal-title').value.trim();
        act({ label: t('submitProposal', title), url: '/api/proposals',
              body: { bodyId, proposedBy: $('new-proposal-by').value, title, text: $('new-proposal-text').value,
                      meetingId },
              target: null, place: 'new-proposal',
              saved: (response, recorded) => {
                  state.agenda.push({ proposalId: recorded.id, title, status: 'OPEN', local: true });
                  form.reset();
                  $('new-proposal-box').open = false;
                  state.proposalId = recorded.id;
              } });
    });

    $('revise').addEventListener('submit', (event) => {
        event.preventDefault();
        act({ label: t('revise'), url: proposalUrl('/revisions'),
              body: { text: $('revise-text').value, summary: $('revise-summary').value || null, meetingId },
              target: proposalTarget(), place: `revise:${state.proposalId}`,
              decidedOn: (change) => change.key === 'status' || change.key === 'text',
              saved: () => {
                  $('revise-box').open = false;
                  $('revise-summary').value = '';
              } });
    });

    $('declare').addEventListener('submit', (event) => {
        event.preventDefault();
        if (blocked()) {
            return;
        }
        const proposal = state.proposal;
        const outcome = $('outcome').value;
        $('confirm-what').textContent = t('confirmWhat', t(`outcome.${outcome}`), proposal.textVersion, proposal.title);
        const dissent = outcome === 'ROUGH_CONSENSUS' ? proposal.dissent : [];
        $('confirm-dissent').replaceChildren(
                element('p', { textContent: dissent.length === 0 ? t('dissentNone') : t('dissentTitle') }),
                element('ul', {}, ...dissent.map((d) => element('li', {},
                        element('strong', { textContent: `${name(d.organisationId)}: ` }), d.grounds,
                        element('p', { textContent: t('dissentReasons', d.reasons) })))));
        $('confirm').returnValue = '';
        $('confirm').showModal();
        confirming(true);
    });

    /**
     * The confirmation follows the state while it is open: should something come to block the declaration meanwhile
     * (another co-chair recorded an objection), "Declare it" is disabled, the reason shown, and "Go back" focused.
     */
    function confirming(opening) {
        const reason = blocked();
        $('confirm-blocking').textContent = reason;
        $('confirm-blocking').hidden = !reason;
        $('confirm-yes').disabled = Boolean(reason);
        if (reason || opening) {
            (reason ? $('confirm-no') : $('confirm-yes')).focus();
        }
    }

    $('confirm').addEventListener('close', () => {
        if ($('confirm').returnValue !== 'confirm' || blocked()) {
            return;
        }
        const outcome = $('outcome').value;
        act({ label: t('declare', t(`outcome.${outcome}`)), url: proposalUrl('/outcome'),
              body: { outcome, rationale: $('rationale').value, meetingId },
              target: proposalTarget(), place: `declare:${state.proposalId}`,
              // Support or a concern recorded meanwhile is counted in the tallies the declaration records; a new
              // objection, a disposition, a revision or a consensus call changes what is declared.
              decidedOn: (change) => !change.key.startsWith('position:') && change.key !== 'concern',
              saved: () => { $('rationale').value = ''; } });
    });

    // What another co-chair records arrives as a 'ledger:changed' event (live.js, from the command side's stream):
    // the screen reads the state again; nothing typed is lost, as render() keeps open forms and the focus.
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
