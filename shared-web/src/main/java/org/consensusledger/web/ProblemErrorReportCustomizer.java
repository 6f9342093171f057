package org.consensusledger.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of every other error report valve of the embedded Tomcat's host
 * (Spring Boot adds one of its own), and makes it the host's error report valve class, so Tomcat does not add its
 * default one at start. Runs after Spring Boot's customizers.
 */
class ProblemErrorReportCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final boolean pagesOutsideApis;

    /** {@code pagesOutsideApis}: the application has pages for people, which get an HTML error page. */
    ProblemErrorReportCustomizer(boolean pagesOutsideApis) {
        this.pagesOutsideApis = pagesOutsideApis;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                boolean present = false;
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ProblemErrorReportValve) {
                        present = true;
                    } else if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                if (!present) {
                    host.getPipeline().addValve(new ProblemErrorReportValve(pagesOutsideApis));
                }
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
