package org.consensusledger.command.organisation;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class OrganisationTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final Actor SECRETARIAT = Actor.secretariat("account-secretariat");

    private AggregateTestFixture<Organisation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organisation.class);
        fixture.registerInjectableResource(new StubDirectory().organisation("org-1", StakeholderGroup.CIVIL_SOCIETY));
    }

    @Test
    void theSecretariatRegistersAnOrganisationWithItsStakeholderGroup() {
        fixture.givenCurrentTime(NOW)
               .when(new RegisterOrganisation("org-1", "  Open Rights Network ", StakeholderGroup.CIVIL_SOCIETY, "KE",
                                              SECRETARIAT))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new OrganisationRegistered("org-1", "Open Rights Network", StakeholderGroup.CIVIL_SOCIETY,
                                                        "KE"));
    }

    @Test
    void aDelegateCannotRegisterOrganisations() {
        fixture.givenCurrentTime(NOW)
               .when(new RegisterOrganisation("org-2", "Acme", StakeholderGroup.PRIVATE_SECTOR, null,
                                              Actor.delegateOf("org-1", "account-1")))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only the secretariat registers organisations; this token is a delegate of "
                                               + "Organisation org-1")
               .expectNoEvents();
    }
}
