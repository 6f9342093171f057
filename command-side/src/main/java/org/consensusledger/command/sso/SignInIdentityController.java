package org.consensusledger.command.sso;

import org.consensusledger.command.account.AccountIds;
import org.consensusledger.command.account.SignInIdentities;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.UnknownReference;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The secretariat binds an account to the identity its holder signs in with at an OpenID Connect provider. */
@RestController
@RequestMapping("/api/accounts/{accountId}/sign-in-identity")
@Tag(name = "Accounts", description = "Tokens for delegates and the secretariat (secretariat only)")
class SignInIdentityController {

    private final SignInIdentities identities;
    private final Directory directory;

    SignInIdentityController(SignInIdentities identities, Directory directory) {
        this.identities = identities;
        this.directory = directory;
    }

    /**
     * Neither field takes any space, separator, control or format character, Unicode's included (U+00A0, U+2028,
     * U+FEFF…): an issuer or subject that only looks like the provider's would bind an identity nobody signs in with.
     */
    record SignInIdentity(
            @NotBlank @Size(max = 500)
            @Pattern(regexp = "https?://[^\\p{C}\\p{Z}?#]+", message = "must be the provider's issuer as its "
                    + "discovery document gives it: an http(s) URL without query or fragment, and without "
                    + "spaces, separators, control or format characters")
            String issuer,
            @NotBlank @Size(max = 255)
            @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be the provider's subject identifier for the person "
                    + "(the ID token's sub): printable ASCII characters, without spaces")
            String subject) {
    }

    record SignInIdentityResponse(String accountId, String issuer, String subject) {
    }

    @GetMapping
    @Operation(summary = "The identity an account signs in with at an OpenID Connect provider",
               description = "404 if the account is unknown or is bound to no identity.")
    SignInIdentityResponse get(@PathVariable String accountId, Actor actor) {
        AccountIds.require(accountId);
        requireSecretariat(actor);
        requireAccount(accountId);
        SignInIdentities.Identity identity = identities.of(accountId).orElseThrow(
                () -> new UnknownReference("sign-in-identity", "for account " + accountId));
        return new SignInIdentityResponse(accountId, identity.issuer(), identity.subject());
    }

    @PutMapping
    @Operation(summary = "Bind an account to the identity its holder signs in with at an OpenID Connect provider",
               description = "The issuer (the provider's `iss`, exactly as its discovery document gives it) and the "
                       + "subject (the ID token's `sub` for that person) replace the identity the account had. One "
                       + "identity opens one account: if another account is bound to it, 409 (rule "
                       + "sign-in-identity-taken) names that account. A revoked account cannot be bound (409). "
                       + "Neither field takes a space, separator, control or format character, Unicode's included "
                       + "(400 naming the field); an account id over 64 characters is 400 account-id-too-long.")
    SignInIdentityResponse bind(@PathVariable String accountId, @Valid @RequestBody SignInIdentity request,
                                Actor actor) {
        AccountIds.require(accountId);
        requireSecretariat(actor);
        SignInIdentities.BoundAccount account = requireAccount(accountId);
        if (account.revoked()) {
            throw new RuleViolation("account-revoked", "Account " + accountId + " is revoked: it can no longer sign "
                    + "in, so it cannot be bound to an identity; create a new account");
        }
        SignInIdentities.Identity identity = new SignInIdentities.Identity(request.issuer(), request.subject());
        try {
            if (!identities.bind(accountId, identity)) {
                throw unknown(accountId);
            }
        } catch (SignInIdentities.Taken e) {
            if (!e.accountId().equals(accountId)) {
                throw new RuleViolation("sign-in-identity-taken", "Account " + e.accountId() + " is already bound "
                        + "to this identity (issuer " + request.issuer() + ", subject " + request.subject()
                        + "): one identity signs in to one account; unbind it there first");
            }
        }
        return new SignInIdentityResponse(accountId, identity.issuer(), identity.subject());
    }

    @DeleteMapping
    @Operation(summary = "Unbind an account from its sign-in identity",
               description = "The account's token keeps working; only signing in through the provider stops.")
    ResponseEntity<Void> unbind(@PathVariable String accountId, Actor actor) {
        AccountIds.require(accountId);
        requireSecretariat(actor);
        requireAccount(accountId);
        identities.unbind(accountId);
        return ResponseEntity.noContent().build();
    }

    private SignInIdentities.BoundAccount requireAccount(String accountId) {
        return identities.account(accountId).orElseThrow(() -> unknown(accountId));
    }

    private static UnknownReference unknown(String accountId) {
        return new UnknownReference("account", accountId);
    }

    private void requireSecretariat(Actor actor) {
        if (!actor.secretariat()) {
            throw new NotAllowed("Only the secretariat binds accounts to sign-in identities; this token is "
                                         + directory.describe(actor));
        }
    }
}
