package org.consensusledger.query.site;

import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every value the pages name through the message bundle has its text: nothing shows as a missing key. */
class SiteMessagesTest {

    private final ResourceBundle messages = ResourceBundle.getBundle("messages", Locale.ROOT);

    @Test
    void everyProposalEventHasAStepName() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(ProposalEvent.class));
        List<String> types = scanner.findCandidateComponents("org.consensusledger.events").stream()
                                    .map(BeanDefinition::getBeanClassName)
                                    .map(name -> name.substring(name.lastIndexOf('.') + 1))
                                    .toList();

        assertThat(types).hasSizeGreaterThanOrEqualTo(16);
        assertThat(types).allSatisfy(type -> assertThat(messages.containsKey("step." + type)).as(type).isTrue());
    }

    @Test
    void everyEnumShownHasItsTexts() {
        List<String> keys = new ArrayList<>();
        Stream.of(StakeholderGroup.values()).forEach(value -> keys.add("group." + value));
        Stream.of(BodyKind.values()).forEach(value -> keys.add("body.kind." + value));
        Stream.of(MeetingFormat.values()).forEach(value -> keys.add("meeting.format." + value));
        Stream.of(AttendanceMode.values()).forEach(value -> keys.add("attendance." + value));
        Stream.of(Disposition.values()).forEach(value -> keys.add("disposition." + value));
        Stream.of(AppealDecision.values()).forEach(value -> keys.add("appeal." + value));
        Stream.of(ProposalStatus.values()).forEach(status -> keys.add("status." + status));
        Stream.of("SCHEDULED", "OPEN", "CLOSED", "CANCELLED").forEach(status -> keys.add("meeting.status." + status));
        Stream.of(ProposalOutcome.values()).forEach(outcome -> keys.add("outcome." + outcome));
        Stream.of("SUPPORT", "STAND_ASIDE", "CONCERN").forEach(kind -> keys.add("contribution." + kind));

        assertThat(keys).allSatisfy(key -> assertThat(messages.containsKey(key)).as(key).isTrue());
    }
}
