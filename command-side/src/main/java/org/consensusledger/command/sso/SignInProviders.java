package org.consensusledger.command.sso;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The identity providers the console's sign-in page offers beside the token form (none unless some are configured),
 * and the words for a refused sign-in through one of them. Public for the page's template alone.
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

    /** A provider as the page shows it: its name, and where its button starts the sign-in. */
    public record Provider(String registrationId, String name) {
        public String href() {
            return SingleSignOnConfiguration.AUTHORIZATION + registrationId;
        }
    }

    SignInProviders(ObjectProvider<ClientRegistrationRepository> repository) {
        List<Provider> found = new ArrayList<>();
        if (repository.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                ClientRegistration client = (ClientRegistration) registration;
                found.add(new Provider(client.getRegistrationId(), client.getClientName()));
            }
        }
        found.sort(Comparator.comparing(Provider::name).thenComparing(Provider::registrationId));
        this.providers = List.copyOf(found);
    }

    public List<Provider> all() {
        return providers;
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
