package org.consensusledger.command.proposal;

import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.events.BodyKind;

/**
 * Who may do what to a proposal (docs/domain.md, "Who may do what"). Refusals name organisations and bodies by name
 * ({@link Directory#nameOf}), as the people reading them know them.
 */
final class Permissions {

    private Permissions() {
    }

    /**
     * A contribution names the member it comes from: its own delegate sends it, or a co-chair of the body records it
     * on its behalf, or the secretariat enters it from the minutes.
     */
    static void requireActingFor(Actor actor, String organisationId, BodyView body, Directory directory) {
        if (!actor.actsFor(organisationId) && !actor.secretariat() && !body.isCoChair(actor.organisationId())) {
            throw new NotAllowed("A delegate of " + directory.nameOf(actor.organisationId()) + " cannot act for "
                                         + directory.nameOf(organisationId) + "; only a co-chair of the body records "
                                         + "on behalf of another member");
        }
        if (!body.isMember(organisationId)) {
            throw new RuleViolation("not-a-member", directory.nameOf(organisationId) + " is not a member of body \""
                    + body.name() + "\"");
        }
    }

    static void requireCoChair(Actor actor, BodyView body, Directory directory, String what) {
        if (!body.isCoChair(actor.organisationId())) {
            throw new NotAllowed("Only a co-chair of body \"" + body.name() + "\" " + what + "; this token is "
                                         + directory.describe(actor));
        }
    }

    static void requireProposer(Actor actor, String proposedBy, String title, Directory directory) {
        if (!actor.actsFor(proposedBy) && !actor.secretariat()) {
            throw new NotAllowed("Only its proposer " + directory.nameOf(proposedBy) + " withdraws proposal \""
                                         + title + "\"; this token is " + directory.describe(actor));
        }
    }

    /**
     * A co-chair of the body, or for a working group a co-chair of its plenary, but never the organisation that
     * declared the appealed outcome; or the secretariat, so that no co-chair can hold an appeal back (the declarer
     * cannot decide it, and the other co-chair may be the appellant).
     */
    static void requireAppealDecider(Actor actor, BodyView body, Directory directory, String declaredBy,
                                     String appellant) {
        if (actor.secretariat()) {
            return; // so that an appeal cannot be held back by the co-chairs
        }
        boolean coChair = body.isCoChair(actor.organisationId())
                || body.kind() == BodyKind.WORKING_GROUP && body.parentBodyId() != null
                && directory.body(body.parentBodyId()).map(parent -> parent.isCoChair(actor.organisationId()))
                            .orElse(false);
        if (!coChair) {
            throw new NotAllowed("Only a co-chair of body \"" + body.name() + "\"" + (body.kind()
                    == BodyKind.WORKING_GROUP ? " or of its plenary" : "") + " decides appeals; this token is "
                                         + directory.describe(actor));
        }
        if (actor.organisationId().equals(declaredBy)) {
            throw new NotAllowed("An appeal is decided by a co-chair other than the one who declared the outcome: "
                                         + directory.nameOf(declaredBy) + " declared it");
        }
        if (actor.organisationId().equals(appellant)) {
            throw new NotAllowed("An appeal is decided by a co-chair other than the one who lodged it: "
                                         + directory.nameOf(appellant) + " is the appellant (another co-chair or "
                                         + "the secretariat decides it)");
        }
    }
}
