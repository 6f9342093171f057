/*
 * The projector view: for the room's screen, read-only, in large type. It shows the proposal in hand (the one a
 * co-chair chose last on the meeting screen): its text with what the latest revision changed, who supports, stands
 * aside, is concerned or objects, and what still blocks a declaration. It reads the command API on the signed-in
 * session and again whenever live.js says something was recorded or another proposal was put in hand.
 */
(() => {
    'use strict';

    const page = document.body.dataset;
    const $ = (id) => document.getElementById(id);
    const texts = {};
    document.querySelectorAll('#texts [data-key]').forEach((span) => { texts[span.dataset.key] = span.textContent; });
    const t = (key, ...args) => (texts[key] || key).replace(/\{(\d)}/g, (match, i) => String(args[Number(i)]));
    let proposalId = null;
    let names = {};
    let reading = null;

    async function get(url) {
        const response = await fetch(url, { headers: { 'Accept': 'application/json', 'X-CSRF-Token': page.csrf },
                                            credentials: 'same-origin',
                                            cache: 'no-store' });
        if (response.status === 401) {
            window.location.assign('/console/sign-in');
        }
        return response.ok ? response.json() : null;
    }

    function element(tag, properties, ...children) {
        const made = Object.assign(document.createElement(tag), properties || {});
        made.append(...children);
        return made;
    }

    const nameOf = (organisationId) => names[organisationId] || organisationId;

    async function read() {
        const [meeting, body] = await Promise.all([
            get(`/api/meetings/${encodeURIComponent(page.meeting)}`),
            get(`/api/bodies/${encodeURIComponent(page.body)}`),
        ]);
        if (meeting) {
            $('meeting-title').textContent = meeting.title;
            $('meeting-status').textContent = `· ${t(`meeting.${meeting.status}`)}`;
        }
        if (body) {
            names = Object.fromEntries(body.members.map((member) => [member.organisationId, member.name]));
        }
        if (!proposalId) {
            return;
        }
        const [proposal, change] = await Promise.all([
            get(`/api/proposals/${encodeURIComponent(proposalId)}`),
            get(`/api/proposals/${encodeURIComponent(proposalId)}/latest-change`),
        ]);
        if (proposal && change) {
            show(proposal, change);
        }
    }

    function show(proposal, change) {
        $('waiting').hidden = true;
        $('in-hand').hidden = false;
        document.title = `${proposal.title} · ${t('projectorVersion', proposal.textVersion)}`;
        $('title').textContent = proposal.title;
        $('status').textContent = proposal.outcome && proposal.status === 'DECIDED'
            ? t('projectorDecided', t(`outcome.${proposal.outcome}`)) : t(`projectorStatus.${proposal.status}`);
        const blocking = proposal.objections.filter((objection) => !objection.disposition && !objection.withdrawn);
        $('blocks').textContent = blocking.length > 0
            ? t('projectorBlocks', blocking.map((objection) => nameOf(objection.organisationId)).join(', '))
            : t('projectorNothingBlocks');
        $('blocks').classList.toggle('blocked', blocking.length > 0);
        $('text-h').textContent = t('projectorVersion', proposal.textVersion);
        showText(change);
        showPositions(proposal);
    }

    /** The text as it reads now, with what the latest revision removed and added marked in words, not colour alone. */
    function showText(change) {
        const revised = change.fromVersion !== change.toVersion;
        $('changed-from').textContent = revised ? t('projectorChangedFrom', change.fromVersion) : '';
        $('changed-from').hidden = !revised;
        $('text').replaceChildren(...change.parts.map((part) => {
            if (part.kind === 'REMOVED') {
                return element('del', {}, element('span', { className: 'visually-hidden', textContent: `[${t('projectorRemoved')} ` }),
                               part.text, element('span', { className: 'visually-hidden', textContent: ']' }));
            }
            if (part.kind === 'ADDED') {
                return element('ins', {}, element('span', { className: 'visually-hidden', textContent: `[${t('projectorAdded')} ` }),
                               part.text, element('span', { className: 'visually-hidden', textContent: ']' }));
            }
            return document.createTextNode(part.text);
        }));
    }

    function showPositions(proposal) {
        const onVersion = (version) => (version !== proposal.textVersion ? ` ${t('projectorOnVersion', version)}` : '');
        const supporting = Object.keys(proposal.positions).filter((id) => proposal.positions[id] === 'SUPPORT');
        const standingAside = Object.keys(proposal.positions).filter((id) => proposal.positions[id] === 'STAND_ASIDE');
        const group = (title, items) => [element('dt', { textContent: title }),
            ...(items.length === 0 ? [element('dd', { className: 'none', textContent: t('projectorNone') })]
                : items.map((item) => element('dd', {}, ...item)))];
        $('positions').replaceChildren(
            ...group(t('projectorSupport'), supporting.map((id) => [nameOf(id)])),
            ...group(t('projectorStandAside'), standingAside.map((id) => [nameOf(id)])),
            ...group(t('projectorConcerns'), proposal.concerns.map((concern) => [
                element('strong', { textContent: nameOf(concern.organisationId) }),
                `${onVersion(concern.version)}: ${concern.text}`])),
            ...group(t('projectorObjections'), proposal.objections.map((objection) => [
                element('strong', { textContent: nameOf(objection.organisationId) }),
                `${onVersion(objection.version)}: ${objection.grounds} — `,
                element('em', { textContent: objection.withdrawn ? t('projectorWithdrawn')
                    : objection.disposition ? t('projectorDisposed', t(`projectorDisposition.${objection.disposition}`))
                        : t('projectorStillBlocks') })])));
    }

    function again() {
        if (reading === null) {
            reading = read().catch(() => { /* read again at the next change */ }).finally(() => { reading = null; });
        }
    }

    document.addEventListener('ledger:changed', again);
    document.addEventListener('ledger:in-hand', (event) => {
        proposalId = event.detail.proposalId || null;
        again();
    });
    again();
})();
