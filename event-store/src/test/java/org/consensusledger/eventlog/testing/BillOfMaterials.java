package org.consensusledger.eventlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CycloneDX bill of materials an application's build writes into its jar
 * ({@code META-INF/sbom/application.cdx.json}, the Spring Boot parent's convention), as the tests of both
 * applications read it from their class path (it is generated before the tests run).
 */
public final class BillOfMaterials {

    public static final String LOCATION = "META-INF/sbom/application.cdx.json";

    private final JsonNode bom;

    private BillOfMaterials(JsonNode bom) {
        this.bom = bom;
    }

    /**
     * The bill of materials on the class path; fails if the build did not write one, except in an offline build
     * ({@code mvn -o}), where Maven skips the plugin (its goals require online mode): the test is then skipped, saying
     * so.
     */
    public static BillOfMaterials onClassPath() {
        try (InputStream in = BillOfMaterials.class.getClassLoader().getResourceAsStream(LOCATION)) {
            Assumptions.assumeFalse(in == null && Boolean.getBoolean("ledger.build.offline"),
                                    "An offline build (mvn -o) writes no bill of materials: Maven skips "
                                            + "cyclonedx-maven-plugin, whose goals require online mode");
            if (in == null) {
                throw new AssertionError(LOCATION + " is not on the class path: the build (cyclonedx-maven-plugin, "
                        + "phase generate-resources) did not write it");
            }
            return new BillOfMaterials(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CycloneDX format it is written in, e.g. {@code CycloneDX}. */
    public String format() {
        return bom.path("bomFormat").asText();
    }

    /** The component the bill describes (this application), as {@code group:name}. */
    public String subject() {
        JsonNode component = bom.path("metadata").path("component");
        return component.path("group").asText() + ":" + component.path("name").asText();
    }

    /** Every component listed, as {@code group:name:version}. */
    public List<String> components() {
        List<String> found = new ArrayList<>();
        bom.path("components").forEach(component -> found.add(component.path("group").asText() + ":"
                + component.path("name").asText() + ":" + component.path("version").asText()));
        return found;
    }
}
