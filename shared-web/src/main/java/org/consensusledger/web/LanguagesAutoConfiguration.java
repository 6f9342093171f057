package org.consensusledger.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Arrays;
import java.util.List;

/**
 * Both applications' pages in the reader's language ({@link Languages}): the languages of the bundles named by
 * {@code spring.messages.basename}, the resolver that chooses one for each request, and {@code ?lang=}.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LanguagesAutoConfiguration {

    @Bean("languages")
    Languages languages(Environment environment, MessageSource messages) {
        List<String> basenames = Arrays.stream(environment.getProperty("spring.messages.basename", "messages")
                                                          .split(","))
                                       .map(String::strip).filter(name -> !name.isEmpty())
                                       .map(name -> name.replace('.', '/')).toList();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new Languages(Languages.discover(loader == null ? Languages.class.getClassLoader() : loader, basenames),
                             messages);
    }

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver(Languages languages) {
        return new LanguageResolver(languages);
    }

    @Bean
    FilterRegistrationBean<LanguageParameter> languageParameter(Languages languages, LocaleResolver localeResolver) {
        FilterRegistrationBean<LanguageParameter> registration =
                new FilterRegistrationBean<>(new LanguageParameter(languages, localeResolver));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
