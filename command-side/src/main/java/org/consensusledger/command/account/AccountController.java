package org.consensusledger.command.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.command.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.NoSuchElementException;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "Tokens for delegates and the secretariat (secretariat only, but for an "
        + "account's own): each token expires, and a renewal replaces it after a change-over period")
class AccountController {

    private final AccountStore accounts;
    private final Directory directory;

    AccountController(AccountStore accounts, Directory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    record CreateAccountRequest(@NotNull AccountKind kind,
                                @Size(max = 100) String organisationId,
                                @NotBlank @Size(max = 200) String label) {
    }

    record AccountResponse(String accountId, AccountKind kind, String organisationId, String label,
                           Instant createdAt, Instant revokedAt,
                           @Schema(description = "When the account's current token stops working "
                                   + "(ledger.accounts.token-lifetime after it was issued)")
                           Instant tokenExpiresAt,
                           @Schema(description = "The new token: only in the answer that created it, never again")
                           String token) {

        static AccountResponse of(Account account, String token) {
            return new AccountResponse(account.accountId(), account.kind(), account.organisationId(),
                                       account.label(), account.createdAt(), account.revokedAt(),
                                       account.tokenExpiresAt(), token);
        }
    }

    record RotatedTokenResponse(String accountId, AccountKind kind, String organisationId, String label,
                                @Schema(description = "The new token, shown only in this answer")
                                String token,
                                @Schema(description = "When the new token stops working")
                                Instant tokenExpiresAt,
                                @Schema(description = "Until when the token it replaced still works (the "
                                        + "change-over period, ledger.accounts.rotation-grace, never past that "
                                        + "token's own expiry); after it, that token is refused as replaced")
                                Instant previousTokenValidUntil) {

        static RotatedTokenResponse of(AccountStore.Rotated rotated) {
            Account account = rotated.account();
            return new RotatedTokenResponse(account.accountId(), account.kind(), account.organisationId(),
                                            account.label(), rotated.token(), account.tokenExpiresAt(),
                                            rotated.previousValidUntil());
        }
    }

    @PostMapping
    @Operation(summary = "Create a delegate account (bound to an organisation) or another secretariat account",
               description = "Returns the new token once; the ledger keeps only its hash. The token "
                       + "expires after ledger.accounts.token-lifetime (tokenExpiresAt). Sent again with the same "
                       + "Idempotency-Key (a retry after a lost answer), it creates no second account: the account "
                       + "that key created gets a new token, returned the same way, and the first token stops "
                       + "working (nobody saw it). The same key for a different request is refused (422).")
    ResponseEntity<?> create(@Valid @RequestBody CreateAccountRequest request, Actor actor,
                                           @RequestHeader(value = "Idempotency-Key", required = false)
                                           String idempotencyKey) {
        requireSecretariat(actor);
        if (request.kind() == AccountKind.DELEGATE) {
            if (request.organisationId() == null || request.organisationId().isBlank()) {
                throw new RuleViolation("delegate-needs-organisation",
                                        "A delegate account acts for an organisation: organisationId is required");
            }
            directory.requireOrganisation(request.organisationId());
        } else if (request.organisationId() != null) {
            throw new RuleViolation("secretariat-has-no-organisation",
                                    "A secretariat account acts for no organisation: leave organisationId out");
        }
        AccountStore.Issued issued;
        try {
            issued = accounts.create(request.kind(), request.organisationId(), request.label(), actor.accountId(),
                                     idempotencyKey);
        } catch (AccountStore.KeyReused e) {
            return keyReused(e);
        }
        return ResponseEntity.created(URI.create("/api/accounts/" + issued.account().accountId()))
                             .body(AccountResponse.of(issued.account(), issued.token()));
    }

    @GetMapping("/me")
    @Operation(summary = "The account of the token sent")
    AccountResponse me(Actor actor) {
        return AccountResponse.of(accounts.byId(actor.accountId()).orElseThrow(), null);
    }

    private static final String ROTATION = "Returns the new token once (the ledger keeps only its hash) and when "
            + "the replaced token stops working: it keeps working for the change-over period "
            + "(ledger.accounts.rotation-grace), then is refused as token-replaced. Sent again with the same "
            + "Idempotency-Key (a retry after a lost answer), the account gets another new token, and the token "
            + "replaced by the first attempt keeps its change-over period: nobody saw the first new token. The same "
            + "key for another account is refused (422). A revoked account gets no new token (409). A token in its "
            + "change-over period (already replaced), or a console session signed in with one, does not renew its own "
            + "account's token (403 renewal-needs-current-token): only the current token or the secretariat does, "
            + "and of renewals sent at once with one token only one renews; the retry of one's own renewal with "
            + "its Idempotency-Key is the exception. "
            + "Renewals of one account at the same moment that keep overtaking this one: 409 renewal-in-progress "
            + "with Retry-After, nothing changed. An account id over 64 characters: 400 account-id-too-long.";

    @PostMapping("/me/token")
    @Operation(summary = "Renew the token sent: a new token replaces it", description = ROTATION)
    ResponseEntity<?> rotateOwn(Actor actor, @RequestHeader(value = "Idempotency-Key", required = false)
                                String idempotencyKey, HttpServletRequest request) {
        return rotate(actor.accountId(), actor, idempotencyKey, request);
    }

    @PostMapping("/{accountId}/token")
    @Operation(summary = "Renew an account's token (the secretariat's, or the account's own): a new token replaces "
            + "it; also the way to give an expired token's account a working one again", description = ROTATION)
    ResponseEntity<?> rotate(@PathVariable String accountId, Actor actor,
                             @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
                             HttpServletRequest request) {
        AccountIds.require(accountId);
        if (!actor.secretariat() && !accountId.equals(actor.accountId())) {
            throw new NotAllowed("Only the secretariat renews another account's token; this token is "
                                         + directory.describe(actor) + ". To renew your own token, send "
                                         + "POST /api/accounts/me/token");
        }
        AccountStore.Rotated rotated;
        try {
            // An account renewing its own token renews the token it presented, and only while that is the current one.
            String presented = accountId.equals(actor.accountId())
                               ? ReplacedToken.presentedHash(request).orElse(null) : null;
            rotated = accounts.rotate(accountId, actor.accountId(), idempotencyKey, presented);
        } catch (AccountStore.NotCurrent e) {
            return problem(HttpStatus.FORBIDDEN, "renewal-needs-current-token", "Renewal needs the current token",
                           "This token (or the token this console session was signed in with) has been replaced by "
                                   + "a newer one" + ReplacedToken.presented(request)
                                                                  .map(until -> ". It keeps working for reading and "
                                                                          + "commands until " + until)
                                                                  .orElse("")
                                   + ", but it cannot renew the account's token: renew with the new token, or ask "
                                   + "the secretariat to renew it");
        } catch (NoSuchElementException e) {
            throw new UnknownReference("account", accountId);
        } catch (AccountStore.Refused e) {
            throw new RuleViolation("account-revoked", e.getMessage());
        } catch (AccountStore.KeyReused e) {
            return keyReused(e);
        } catch (AccountStore.Busy e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                                 .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .body(Problems.of(HttpStatus.CONFLICT, "renewal-in-progress", "Renewal in progress",
                                                   e.getMessage() + ". Send it again after the seconds "
                                                           + "Retry-After says; if another request renewed the "
                                                           + "token meanwhile, renew with the token it returned"));
        }
        return ResponseEntity.ok(RotatedTokenResponse.of(rotated));
    }

    @DeleteMapping("/{accountId}")
    @Operation(summary = "Revoke an account's token; it stops working at once")
    ResponseEntity<Void> revoke(@PathVariable String accountId, Actor actor) {
        AccountIds.require(accountId);
        requireSecretariat(actor);
        Account account = accounts.byId(accountId).orElseThrow(() -> new UnknownReference("account", accountId));
        if (account.kind() == AccountKind.SECRETARIAT && !account.revoked()
                && accounts.activeSecretariatAccounts() <= 1) {
            throw new RuleViolation("last-secretariat-account",
                                    "Account " + accountId + " is the last secretariat account: create another "
                                            + "before revoking it, or nobody could administer the ledger");
        }
        accounts.revoke(accountId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<?> keyReused(AccountStore.KeyReused e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                       e.getMessage() + "; use a new key for a new request");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String name, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.of(status, name, title, detail));
    }

    private void requireSecretariat(Actor actor) {
        if (!actor.secretariat()) {
            throw new NotAllowed("Only the secretariat manages accounts; this token is " + directory.describe(actor));
        }
    }
}
