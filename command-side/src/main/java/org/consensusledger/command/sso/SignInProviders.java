package org.consensusledger.command.sso;

import org.consensusledger.command.account.SignInIdentities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The identity providers the console offers (none unless some are configured): on the sign-in page beside the token
 * form, with the words for a refused sign-in; on the secretariat's accounts screen, each account's identity and the
 * providers to bind one at. Public for the pages' templates alone.
 */
@Component("signInProviders")
public final class SignInProviders {

    /** Why a sign-in through a provider was refused, as the sign-in page's {@code sso} parameter, and its text. */
    static final Map<String, String> REFUSALS = Map.of(
            SignInWithProvider.UNBOUND, "sso.error.unbound",
            SignInWithProvider.REVOKED, "sso.error.revoked",
            SignInWithProvider.OTHER_ORGANISATION, "sso.error.otherOrganisation",
            SignInWithProvider.FAILED, "sso.error.failed");

    private final List<Provider> providers;
    private final SignInIdentities identities;

    /** A provider as the pages show it: its name, its issuer, and where its button starts the sign-in. */
    public record Provider(String registrationId, String name, String issuer) {
        public String href() {
            return SingleSignOnConfiguration.AUTHORIZATION + registrationId;
        }
    }

    /** An account's identity as the accounts screen shows it: at which provider (its name, else its issuer). */
    public record BoundIdentity(String provider, String issuer, String subject) {
    }

    SignInProviders(ObjectProvider<ClientRegistrationRepository> repository, SignInIdentities identities) {
        this.identities = identities;
        List<Provider> found = new ArrayList<>();
        if (repository.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                ClientRegistration client = (ClientRegistration) registration;
                found.add(new Provider(client.getRegistrationId(), client.getClientName(),
                                       client.getProviderDetails().getIssuerUri()));
            }
        }
        found.sort(Comparator.comparing(Provider::name).thenComparing(Provider::registrationId));
        this.providers = List.copyOf(found);
    }

    public List<Provider> all() {
        return providers;
    }

    /**
     * The issuers an account can be bound at: those of the providers configured by their issuer-uri, each named by
     * its registrations (one issuer may be registered more than once, e.g. restricted to different organisations).
     */
    public List<Provider> issuers() {
        return providers.stream().filter(provider -> provider.issuer() != null)
                        .collect(Collectors.groupingBy(Provider::issuer, Collectors.mapping(Provider::name,
                                                                                          Collectors.joining(", "))))
                        .entrySet().stream().map(entry -> new Provider(null, entry.getValue(), entry.getKey()))
                        .sorted(Comparator.comparing(Provider::name)).toList();
    }

    /** Every bound account's identity, by account id (one read for the whole accounts screen). */
    public Map<String, BoundIdentity> boundIdentities() {
        List<Provider> issuers = issuers();
        return identities.all().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> {
            SignInIdentities.Identity identity = entry.getValue();
            String provider = issuers.stream().filter(known -> identity.issuer().equals(known.issuer()))
                                     .map(Provider::name).findFirst().orElse(identity.issuer());
            return new BoundIdentity(provider, identity.issuer(), identity.subject());
        }));
    }

    /**
     * The bundle key of the text for the sign-in page's {@code sso} parameter (a refusal), or null when there is
     * none or it is not one of ours.
     */
    public String refusal(Object parameter) {
        Object value = parameter instanceof String[] values ? (values.length == 0 ? null : values[0]) : parameter;
        return value == null ? null : REFUSALS.get(value.toString());
    }
}
