package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The secretariat's screens: organisations, bodies and working groups, and each body's mandate, members and
 * co-chairs. A body's co-chairs see its membership page too, with only what they may do there: admit the members
 * whose requests wait for them. Every form records through the command API ({@code screens.js}).
 */
@Controller
@Hidden
class SecretariatScreens {

    /** The time zones the establish form proposes for a body's meetings (any IANA zone id may be typed). */
    static final List<String> TIME_ZONES = List.of(
            "UTC", "Europe/London", "Europe/Paris", "Europe/Brussels", "Europe/Berlin", "Europe/Zurich",
            "Europe/Madrid", "Europe/Rome", "Europe/Vienna", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens", "Europe/Istanbul",
            "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Dubai",
            "Asia/Kolkata", "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
            "Pacific/Auckland", "America/Sao_Paulo", "America/Bogota", "America/Mexico_City", "America/New_York",
            "America/Chicago", "America/Los_Angeles");

    private final ConsoleIndex index;
    private final Directory directory;

    SecretariatScreens(ConsoleIndex index, Directory directory) {
        this.index = index;
        this.directory = directory;
    }

    record OrganisationItem(String organisationId, String name, String group) {
    }

    record BodyItem(String bodyId, String name, List<BodyItem> workingGroups) {
    }

    record MemberItem(String organisationId, String name, String group, boolean coChair) {
    }

    record RequestItem(String organisationId, String name, String group, String requestedBy) {
    }

    @GetMapping("/console/organisations")
    String organisations(Actor actor, Model model, HttpServletResponse response) {
        if (!actor.secretariat()) {
            return Screens.forbidden(response, model, "screens.forbidden.secretariat", null);
        }
        model.addAttribute("organisations", organisationItems());
        model.addAttribute("groups", StakeholderGroup.values());
        return "console/organisations";
    }

    @GetMapping("/console/establish")
    String establish(Actor actor, Model model, HttpServletResponse response) {
        if (!actor.secretariat()) {
            return Screens.forbidden(response, model, "screens.forbidden.secretariat", null);
        }
        List<BodyView> bodies = index.bodies().stream().flatMap(entry -> directory.body(entry.id()).stream())
                                     .toList();
        List<BodyItem> plenaries = bodies.stream().filter(body -> body.kind() == BodyKind.PLENARY)
                .map(plenary -> new BodyItem(plenary.bodyId(), plenary.name(), bodies.stream()
                        .filter(body -> plenary.bodyId().equals(body.parentBodyId()))
                        .map(group -> new BodyItem(group.bodyId(), group.name(), List.of())).toList()))
                .toList();
        model.addAttribute("plenaries", plenaries);
        model.addAttribute("timeZones", TIME_ZONES);
        return "console/establish";
    }

    @GetMapping("/console/bodies/{id}/membership")
    String membership(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<BodyView> found = Screens.plausibleId(id) ? directory.body(id) : Optional.empty();
        if (found.isEmpty()) {
            return Screens.notFound(response);
        }
        BodyView body = found.get();
        if (!Screens.chairs(actor, body)) {
            return Screens.forbidden(response, model, "screens.forbidden.chairs", body.name());
        }
        List<MemberItem> members = body.members().entrySet().stream()
                .map(member -> new MemberItem(member.getKey(), Screens.name(directory, member.getKey()),
                                              member.getValue().name(), body.isCoChair(member.getKey())))
                .sorted(Comparator.comparing((MemberItem item) -> StakeholderGroup.valueOf(item.group()))
                                  .thenComparing(MemberItem::name))
                .toList();
        List<RequestItem> requests = new ArrayList<>();
        body.requests().forEach((organisation, by) -> directory.organisation(organisation).ifPresent(
                view -> requests.add(new RequestItem(organisation, view.name(), view.stakeholderGroup().name(),
                                                     Screens.name(directory, by)))));
        model.addAttribute("body", body);
        model.addAttribute("plenary", body.parentBodyId() == null ? null
                : directory.body(body.parentBodyId()).map(BodyView::name).orElse(null));
        model.addAttribute("members", members);
        model.addAttribute("requests", requests);
        model.addAttribute("candidates", organisationItems().stream()
                                                            .filter(item -> !body.isMember(item.organisationId()))
                                                            .filter(item -> !body.requests()
                                                                                 .containsKey(item.organisationId()))
                                                            .toList());
        model.addAttribute("mandate", index.mandate(id).orElse(""));
        return "console/membership";
    }

    private List<OrganisationItem> organisationItems() {
        return index.organisations().stream()
                    .map(entry -> new OrganisationItem(entry.id(), entry.title(), entry.status())).toList();
    }
}
