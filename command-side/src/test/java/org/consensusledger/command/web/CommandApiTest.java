package org.consensusledger.command.web;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.account.TestAccounts;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP-level tests: the command side started on a random port, on the embedded server (or the MongoDB of
 * {@code MONGODB_URI}). All subclasses share one application and one database, so tests create their own
 * organisations and bodies and never assume an empty log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandApiTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected EventStore eventStore;

    protected ApiClient api;
    protected String secretariat;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        secretariat = TestAccounts.secretariat(context);
    }

    /** Registers an organisation through the API and returns its id. */
    protected String organisation(String name, String stakeholderGroup) {
        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               Map.of("name", name, "stakeholderGroup", stakeholderGroup));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    protected String delegateOf(String organisationId) {
        return TestAccounts.delegateOf(context, organisationId);
    }

    /** How many events the log holds: tests compare it before and after, to show that nothing was stored. */
    protected long storedEvents() {
        return context.getBean(org.consensusledger.eventlog.LedgerEventStorageEngine.class).nextGlobalPosition();
    }
}
