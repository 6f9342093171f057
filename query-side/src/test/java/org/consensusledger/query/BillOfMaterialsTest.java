package org.consensusledger.query;

import org.consensusledger.eventlog.testing.BillOfMaterials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build writes the query side's bill of materials into its jar; XStream, unused, is not shipped. */
class BillOfMaterialsTest {

    @Test
    void theBillOfMaterialsListsTheEventLogsDriver() {
        BillOfMaterials bom = BillOfMaterials.onClassPath();

        assertThat(bom.format()).isEqualTo("CycloneDX");
        assertThat(bom.subject()).isEqualTo("org.consensusledger:query-side");
        assertThat(bom.components()).anyMatch(component -> component.startsWith("org.mongodb:mongodb-driver-sync:"))
                                    .noneMatch(component -> component.contains(":xstream:"));
    }

    @Test
    void xstreamIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
