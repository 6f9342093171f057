package org.consensusledger.launcher;

import org.consensusledger.eventlog.LedgerCollection;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker deployment is locked down (docker/README.md): only the reverse proxy publishes ports, 80 and 443;
 * MongoDB requires authentication and a keyfile, and publishes nothing; neither application nor its management port
 * is published; the console's cookie is {@code Secure}; the applications trust the proxy, and only it, for
 * {@code X-Forwarded-For}; the proxy sends HSTS; no password has a default; and the query side's database role
 * writes none of the collections it does not own. {@code docker-compose config} (CI) checks that the file is valid;
 * this checks what it says.
 */
class DockerLockDownTest {

    private static final Path DOCKER = Path.of("..", "docker");
    /** What the query side writes (docs/architecture.md, "Who owns which collection"); it only reads the others. */
    private static final Set<String> QUERY_SIDE_WRITES = Set.of(
            "trackingtokens", "read_model_shape", "projection_stops", "query_side_instances", "public_proposals",
            "public_bodies", "public_body_proposals", "public_organisations", "public_meetings",
            "public_latest_decisions", "merkle_nodes",
            "merkle_state", "log_checkpoints");

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) throws IOException {
        Map<String, Object> environment = (Map<String, Object>) services().get(service).get("environment");
        return environment.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                                                        e -> String.valueOf(e.getValue())));
    }

    /** The host ports a service publishes ("443:443/udp" publishes 443). */
    @SuppressWarnings("unchecked")
    private static Set<Integer> published(Map<String, Object> service) {
        List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
        return ports.stream().map(String::valueOf)
                    .map(port -> port.contains(":") ? port.substring(0, port.lastIndexOf(':')) : port)
                    .map(port -> Integer.valueOf(port.substring(port.lastIndexOf(':') + 1)))
                    .collect(Collectors.toSet());
    }

    @Test
    void onlyTheProxyPublishesPortsAndOnly80And443() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsKeys("mongo", "command-side", "query-side", "proxy");
        services.forEach((name, service) -> {
            if (!name.equals("proxy")) {
                assertThat(service).as(name + " publishes no port").doesNotContainKey("ports");
                // The host's network would expose every port the service listens on.
                assertThat(service.getOrDefault("network_mode", "none")).as(name).isEqualTo("none");
            }
        });
        assertThat(published(services.get("proxy"))).containsExactlyInAnyOrder(80, 443);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mongoRequiresAuthenticationAndAKeyfileAndNoPasswordHasADefault() throws IOException {
        List<String> command = (List<String>) services().get("mongo").get("command");
        assertThat(command).contains("--auth", "--keyFile", "--replSet");

        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        Matcher password = Pattern.compile("\\$\\{(\\w*PASSWORD)([^}]*)}").matcher(text);
        int passwords = 0;
        while (password.find()) {
            passwords++;
            assertThat(password.group(2)).as(password.group()).startsWith(":?");
        }
        assertThat(passwords).isGreaterThanOrEqualTo(3);
        assertThat(environment("command-side").get("MONGODB_URI")).startsWith("mongodb://ledger-command-side:");
        assertThat(environment("query-side").get("MONGODB_URI")).startsWith("mongodb://ledger-query-side:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOriginIsRequiredAndEachSigningKeyIsInAVolumeOfItsOwnMountedIntoItsApplicationOnly() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        assertThat(text).contains("${LEDGER_AUDIT_ORIGIN:?");
        assertThat(environment("command-side").get("LEDGER_AUDIT_ORIGIN")).startsWith("${LEDGER_AUDIT_ORIGIN:?");
        assertThat(environment("query-side").get("LEDGER_AUDIT_ORIGIN")).startsWith("${LEDGER_AUDIT_ORIGIN:?");
        assertThat(environment("command-side").get("LEDGER_RECEIPTS_KEY_FILE"))
                .startsWith("/var/lib/consensus-ledger-keys/");
        Map<String, String> keyVolumes = Map.of("ledger-keys", "query-side", "command-side-keys", "command-side");
        services().forEach((name, service) -> {
            List<Object> volumes = (List<Object>) service.getOrDefault("volumes", List.of());
            for (Object volume : volumes) {
                String source = String.valueOf(volume).split(":")[0];
                if (keyVolumes.containsKey(source)) {
                    assertThat(name).as("the service that mounts %s", source).isEqualTo(keyVolumes.get(source));
                }
            }
        });
        assertThat((List<Object>) services().get("query-side").get("volumes")).map(String::valueOf)
                .contains("ledger-keys:/var/lib/consensus-ledger");
        assertThat((List<Object>) services().get("command-side").get("volumes")).map(String::valueOf)
                .contains("command-side-keys:/var/lib/consensus-ledger-keys");
    }

    /**
     * The query side checks receipts in the docker set-up: it is given the command side's receipt verifier key, which
     * the command side writes into a volume of its own, mounted read-write there and read-only in the query side, and
     * never the receipt key's own volume.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theQuerySideGetsTheReceiptVerifierKeyReadOnlyAndNeverThePrivateKey() throws IOException {
        String written = environment("command-side").get("LEDGER_RECEIPTS_VKEY_FILE");
        String read = environment("query-side").get("LEDGER_AUDIT_RECEIPT_VKEY");
        assertThat(written).isNotNull().startsWith("/var/lib/consensus-ledger-receipt-vkey/").endsWith(".pub");
        assertThat(read).isEqualTo(written);
        List<String> commandVolumes = ((List<Object>) services().get("command-side").get("volumes")).stream()
                                                                                                   .map(String::valueOf)
                                                                                                   .toList();
        List<String> queryVolumes = ((List<Object>) services().get("query-side").get("volumes")).stream()
                                                                                               .map(String::valueOf)
                                                                                               .toList();
        assertThat(commandVolumes).contains("receipt-vkey:/var/lib/consensus-ledger-receipt-vkey");
        assertThat(queryVolumes).contains("receipt-vkey:/var/lib/consensus-ledger-receipt-vkey:ro")
                                .noneMatch(volume -> volume.startsWith("command-side-keys:"))
                                .noneMatch(volume -> volume.startsWith("receipt-vkey:") && !volume.endsWith(":ro"));
        String privateKey = environment("command-side").get("LEDGER_RECEIPTS_KEY_FILE");
        assertThat(privateKey).doesNotStartWith("/var/lib/consensus-ledger-receipt-vkey/");
        services().forEach((name, service) -> {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                if (String.valueOf(volume).startsWith("receipt-vkey:")) {
                    assertThat(name).as("who mounts the receipt verifier key").isIn("command-side", "query-side");
                }
            }
        });
        assertThat((Map<String, Object>) compose().get("volumes")).containsKey("receipt-vkey");
        assertThat(Files.readString(DOCKER.resolve("command-side.Dockerfile")))
                .contains("/var/lib/consensus-ledger-receipt-vkey");
    }

    @Test
    void theApplicationsAreReachedOnlyThroughTheProxyOverHttps() throws IOException {
        Map<String, String> command = environment("command-side");
        Map<String, String> query = environment("query-side");

        assertThat(command.get("LEDGER_SECURE_COOKIES")).isEqualTo("true");
        assertThat(query.get("LEDGER_AUDIT_PUBLIC_BASE_URL")).startsWith("https://");
        Set<Integer> published = published(services().get("proxy"));
        for (Map<String, String> side : List.of(command, query)) {
            assertThat(side.get("MANAGEMENT_SERVER_ADDRESS")).isEqualTo("127.0.0.1");
            assertThat(published).doesNotContain(Integer.valueOf(side.get("MANAGEMENT_SERVER_PORT")));
        }
        for (String side : List.of("command-side", "query-side")) {
            assertThat(services().get(side).get("cap_drop")).as(side).isEqualTo(List.of("ALL"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicationsTrustTheProxyAndNoOtherAddressForwardedFor() throws IOException {
        Map<String, Object> networks = (Map<String, Object>) services().get("proxy").get("networks");
        String proxy = String.valueOf(((Map<String, Object>) networks.get("ledger")).get("ipv4_address"));

        for (String side : List.of("command-side", "query-side")) {
            Pattern trusted = Pattern.compile(environment(side).get("LEDGER_TRUSTED_PROXIES"));
            assertThat(trusted.matcher(proxy).matches()).as(side + " trusts " + proxy).isTrue();
            assertThat(trusted.matcher("172.30.80.11").matches()).as(side).isFalse();
            assertThat(trusted.matcher("172.30.80.100").matches()).as(side).isFalse();
        }
    }

    @Test
    void theProxySendsHstsAndServesBothApplications() throws IOException {
        String caddyfile = Files.readString(DOCKER.resolve("proxy").resolve("Caddyfile"));

        Matcher hsts = Pattern.compile("Strict-Transport-Security \"max-age=(\\d+)").matcher(caddyfile);
        assertThat(hsts.find()).as("HSTS").isTrue();
        assertThat(Long.parseLong(hsts.group(1))).isGreaterThanOrEqualTo(31_536_000L);
        assertThat(caddyfile).contains("reverse_proxy query-side:8082", "reverse_proxy command-side:8081",
                                       "{$LEDGER_PUBLIC_HOST}", "{$LEDGER_CONSOLE_HOST}", "tls {$LEDGER_TLS}");
    }

    @Test
    void theQuerySidesRoleWritesOnlyItsOwnCollections() throws IOException {
        String users = Files.readString(DOCKER.resolve("mongo").resolve("10-ledger-users.js"));
        Set<String> named = new HashSet<>();
        Matcher quoted = Pattern.compile("'([a-z_]+)'").matcher(users);
        while (quoted.find()) {
            named.add(quoted.group(1));
        }
        Set<String> collections = Arrays.stream(LedgerCollection.values()).map(LedgerCollection::collectionName)
                                        .collect(Collectors.toSet());
        named.retainAll(collections);

        assertThat(collections).containsAll(QUERY_SIDE_WRITES);
        assertThat(named).as("the collections the query side's role may write").isEqualTo(QUERY_SIDE_WRITES)
                         .doesNotContain("event_commits", "accounts");
        assertThat(users).contains("role: 'ledgerQuerySide'", "roles: [{role: 'read', db: name}]",
                                   "roles: [{role: 'readWrite', db: name}]");
    }
}
