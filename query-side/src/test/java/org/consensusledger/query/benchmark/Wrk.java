package org.consensusledger.query.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code wrk} (apt-get install wrk) against one URL: a 5 s warm-up, then a measured run. */
final class Wrk {

    record Result(double requestsPerSecond, double p50Millis, double p99Millis) {
    }

    private Wrk() {
    }

    static Result run(String url, int connections, int seconds) throws IOException, InterruptedException {
        exec("wrk", "-t2", "-c" + connections, "-d5s", url);
        String out = exec("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url);
        System.out.println(out);
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors from " + url + ":\n" + out);
        }
        return new Result(number(out, "Requests/sec:\\s+([\\d.]+)"), latency(out, "50"), latency(out, "99"));
    }

    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("^\\s+" + percentile + "%\\s+([\\d.]+)(us|ms|s)", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percentile + "% in " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (is wrk installed? "
                                                    + "apt-get install wrk):\n" + out);
        }
        return out;
    }
}
