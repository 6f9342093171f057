package org.consensusledger.command.sso;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * What the ledger adds to Spring's OpenID Connect client registrations
 * ({@code spring.security.oauth2.client.registration.<id>}): per registration id, the organisation whose delegates
 * alone that provider may sign in ({@code ledger.sso.providers.<id>.organisation-id}); without one, the provider
 * signs in any account bound to one of its identities.
 */
@ConfigurationProperties("ledger.sso")
record SsoProperties(Map<String, Provider> providers) {

    SsoProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    record Provider(String organisationId) {
    }

    /** The organisation a registration is restricted to, or null. */
    String organisationOf(String registrationId) {
        Provider provider = providers.get(registrationId);
        return provider == null || provider.organisationId() == null || provider.organisationId().isBlank()
               ? null : provider.organisationId();
    }
}
