package org.consensusledger.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What an application's management port (127.0.0.1) answers. The launcher waits for liveness, not the whole health:
 * a query side whose read models are still catching up, or stopped at an event they cannot take in, is running and
 * says so on its pages; the launcher must not give up on it. Only the launcher's own child can answer it: its ports
 * were free before it started ({@link Ports}) and the launcher checks the child is alive.
 */
final class ManagementProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    boolean isLive(int managementPort) {
        return answers(URI.create(base(managementPort) + "health/liveness"));
    }

    /** Health always, metrics (Prometheus) where the application has some: for the log's "is up" line. */
    String whatItServes(int managementPort) {
        String management = base(managementPort);
        return "health: " + management + "health"
                + (answers(URI.create(management + "prometheus")) ? ", metrics: " + management + "prometheus" : "");
    }

    private static String base(int managementPort) {
        return "http://127.0.0.1:" + managementPort + "/actuator/";
    }

    /** Whether {@code address} answers 200. */
    private boolean answers(URI address) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
